import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

type Callback = (value: unknown) => unknown;
type Apply = (this: unknown, func: Callback, runWithUnknowns?: boolean) => unknown;

/** Counts of `apply` callbacks a run registered and ran. */
export interface ApplyWatch {
  /** Whether some callback that could register a resource never ran (its value was unknown, as in a preview). */
  skipped(): boolean;
  /** Puts `Output.prototype.apply` back. */
  restore(): void;
}

/**
 * The platform's own value builders (`components/outputValues`): compiled under `dist/`, and as
 * source in a checkout — whichever form the checker runs from, a program may load the other.
 */
function platformValueFiles(): string[] {
  const rel = path.join("components", "outputValues");
  const resolved = require.resolve(`../../${rel}`);
  const root = resolved.slice(0, resolved.lastIndexOf(path.sep + rel)).replace(/[\\/]dist$/, "");
  return [path.join(root, "dist", `${rel}.js`), path.join(root, `${rel}.ts`)];
}

/**
 * The files whose `apply` callbacks only build a value: the SDK's `output.js` (`interpolate`,
 * `concat`, `jsonStringify`, `jsonParse`, lifted property access) and `runtime/stack.js` (the
 * stack's outputs), and the platform's value builders.
 */
const SDK_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const VALUE_BUILDING_FILES = new Set([
  ...["output.js", path.join("runtime", "stack.js")].map((f) => path.join(SDK_DIR, f)),
  ...platformValueFiles(),
]);

/** The file of the code that called `fn`. */
function callerFile(fn: (...args: never[]) => unknown): string | undefined {
  const { stackTraceLimit, prepareStackTrace } = Error;
  Error.stackTraceLimit = 1;
  Error.prepareStackTrace = (_, frames) => frames;
  try {
    const holder: { stack?: NodeJS.CallSite[] } = {};
    Error.captureStackTrace(holder, fn);
    return holder.stack?.[0]?.getFileName() ?? undefined;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    Error.prepareStackTrace = prepareStackTrace;
  }
}

/**
 * Whether a callback can only build a value, never register a resource: `JSON.stringify` itself
 * (generated providers serialize object-typed settings so), or one registered by the SDK's or the
 * platform's value-building code.
 */
function buildsValueOnly(func: Callback, wrapper: Apply): boolean {
  if (func === (JSON.stringify as Callback)) return true;
  const file = callerFile(wrapper);
  return file !== undefined && VALUE_BUILDING_FILES.has(file);
}

/**
 * Watches `Output.prototype.apply` for the length of a run: a preview skips callbacks whose
 * value is unknown, so what they would create is seen only when the program runs again as an
 * update. Callbacks that only build a value ({@link buildsValueOnly}) are not counted, so a
 * preview that skipped nothing else needs no second run.
 */
export function watchApplies(): ApplyWatch {
  const proto = (pulumi.Output as unknown as { prototype: { apply: Apply } }).prototype;
  const original = proto.apply;
  let registered = 0;
  let ran = 0;
  const watched: Apply = function (func, runWithUnknowns) {
    if (runWithUnknowns || buildsValueOnly(func, watched)) return original.call(this, func, runWithUnknowns);
    registered++;
    return original.call(
      this,
      (value) => {
        ran++;
        return func(value);
      },
      runWithUnknowns,
    );
  };
  proto.apply = watched;
  return {
    skipped: () => ran < registered,
    restore: () => {
      proto.apply = original;
    },
  };
}
