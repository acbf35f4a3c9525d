import * as fs from "node:fs";

/**
 * A problem with what the user asked for — a flag, a file, a config value. The CLI prints the
 * message as one line and exits with code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Reads a file the user named; an unreadable one is a {@link UsageError} with `cannotRead(reason)`. */
export function readUserFile(file: string, cannotRead: (reason: string) => string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(cannotRead((err as NodeJS.ErrnoException).code ?? String(err)));
  }
}
