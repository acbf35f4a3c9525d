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
