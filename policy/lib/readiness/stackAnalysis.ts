/** The stack analyses running now (see {@link duringStackAnalysis}). */
const running = new Set<object>();

/**
 * Runs `analyze` — one `analyzeStack` call — as one stack analysis: `@pulumi/policy` hands each
 * stack policy its own copy of the same resources, and while this runs the readiness stack model
 * is built from the first copy and shared by every policy instead of rebuilt per policy. Under the
 * Pulumi CLI nobody calls this and the model is built once per resource list; while two analyses
 * overlap in one process, neither shares.
 */
export async function duringStackAnalysis<T>(analyze: () => Promise<T>): Promise<T> {
  const analysis = {};
  running.add(analysis);
  try {
    return await analyze();
  } finally {
    running.delete(analysis);
  }
}

/** The one stack analysis running now, if exactly one is. */
export function currentStackAnalysis(): object | undefined {
  if (running.size !== 1) return undefined;
  const [only] = running;
  return only;
}
