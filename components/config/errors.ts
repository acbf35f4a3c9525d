import * as pulumi from "@pulumi/pulumi";

/**
 * A stack's config is missing or wrong. It carries every problem found in the stack file, each
 * one line naming the stack file, the key path and what was expected; the message is those lines,
 * one per line. It is a `RunError`, so the Pulumi CLI prints it without a stack trace, and the
 * offline checker maps it to exit code 2.
 */
export class StackConfigError extends pulumi.RunError {
  /** Marks instances across module copies (see {@link isStackConfigError}). */
  public readonly isStackConfigError = true;
  /** Every problem, one line each. */
  public readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const lines = (typeof problems === "string" ? [problems] : [...problems]).map(oneLine);
    super(lines.join("\n"));
    this.name = "StackConfigError";
    this.problems = lines;
  }
}

/** Whether `err` is a {@link StackConfigError}, also when it crossed a module boundary. */
export function isStackConfigError(err: unknown): err is StackConfigError {
  return (
    typeof err === "object" && err !== null && (err as { isStackConfigError?: unknown }).isStackConfigError === true
  );
}

/** `text` on one line: a line break from a key or value in a stack file cannot start a line of its own. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, "\\n");
}
