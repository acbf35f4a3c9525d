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
