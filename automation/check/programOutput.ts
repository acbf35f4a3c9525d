/**
 * Sends everything written to stdout to stderr until the returned function is called, so a
 * program's `console.log` never mixes into the checker's report (one JSON document with `--json`).
 */
export function redirectStdoutToStderr(): () => void {
  const stdout = process.stdout as unknown as { write: (...args: unknown[]) => boolean };
  const original = stdout.write;
  stdout.write = (...args: unknown[]) => (process.stderr.write as (...a: unknown[]) => boolean)(...args);
  return () => {
    stdout.write = original;
  };
}

/**
 * Discards what a program writes to stdout and stderr until the returned function is called: the
 * checker's second run of a program (as an update) repeats the preview's output, and the SDK
 * warns there of outputs the mock leaves undefined where the cloud would give a value.
 */
export function silenceProgramOutput(): () => void {
  const streams = [process.stdout, process.stderr] as unknown as { write: (...args: unknown[]) => boolean }[];
  const originals = streams.map((s) => s.write);
  for (const s of streams) s.write = () => true;
  return () => {
    streams.forEach((s, i) => {
      s.write = originals[i];
    });
  };
}
