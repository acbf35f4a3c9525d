import * as pulumi from "@pulumi/pulumi";

/**
 * A stack config value is missing or wrong. The message is one line naming the stack file,
 * the key path and what was expected. It is a `RunError`, so the Pulumi CLI prints it without
 * a stack trace, and the offline checker maps it to exit code 2.
 */
export class StackConfigError extends pulumi.RunError {
  /** Marks instances across module copies (see {@link isStackConfigError}). */
  public readonly isStackConfigError = true;

  constructor(message: string) {
    super(message);
    this.name = "StackConfigError";
  }
}

/** Whether `err` is a {@link StackConfigError}, also when it crossed a module boundary. */
export function isStackConfigError(err: unknown): err is StackConfigError {
  return typeof err === "object" && err !== null && (err as { isStackConfigError?: unknown }).isStackConfigError === true;
}
