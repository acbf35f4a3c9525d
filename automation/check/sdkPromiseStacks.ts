/** Pulumi's module that stamps every promise the SDK makes with the stack it was made on. */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debugPromiseLeaks: boolean;
  debuggablePromise: (promise: Promise<unknown>, context: unknown) => Promise<unknown>;
};

/**
 * Makes the SDK's promise stamps cheap until the returned function is called: the SDK formats a
 * stack trace for each of the many promises a registration makes, read only to debug promise
 * leaks (`PULUMI_DEBUG_PROMISE_LEAKS`, which keeps them). With the long traces a program run
 * keeps to place its errors, formatting them was a large share of a render; errors the program
 * throws keep their long traces.
 */
export function cheapSdkPromiseStacks(): () => void {
  const original = debuggable.debuggablePromise;
  if (debuggable.debugPromiseLeaks) return () => {};
  debuggable.debuggablePromise = (promise, context) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(promise, context);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  return () => {
    debuggable.debuggablePromise = original;
  };
}
