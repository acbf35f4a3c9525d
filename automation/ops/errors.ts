import type { Finding } from "../core/findings";

/** Base of every error the operations library throws. */
export class PlatformOperationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The Pulumi CLI is not installed (or not on PATH). */
export class PulumiCliMissingError extends PlatformOperationError {
  constructor(cause?: unknown) {
    super(
      "the Pulumi CLI was not found: install it from https://www.pulumi.com/docs/iac/download-install/ (or put `pulumi` on PATH)",
      { cause },
    );
  }
}

/** The stack does not exist in the logged-in backend. */
export class StackNotFoundError extends PlatformOperationError {
  constructor(
    readonly stack: string,
    cause?: unknown,
  ) {
    super(
      `stack "${stack}" does not exist in the current backend (pulumi stack init ${stack}, or pulumi login to the right backend)`,
      { cause },
    );
  }
}

/** Another update holds the stack's lock. */
export class ConcurrentUpdateError extends PlatformOperationError {
  constructor(
    readonly stack: string,
    cause?: unknown,
  ) {
    super(`stack "${stack}" is being updated by someone else; wait for it, or run pulumi cancel if it is stuck`, {
      cause,
    });
  }
}

/** Mandatory policy violations blocked the operation. */
export class PolicyViolationError extends PlatformOperationError {
  constructor(
    readonly stack: string,
    readonly violations: Finding[],
    cause?: unknown,
  ) {
    super(
      `stack "${stack}": ${violations.length} mandatory policy violation(s): ${violations.map((v) => v.policy).join(", ")}`,
      { cause },
    );
  }
}

/** The operation was cancelled (Ctrl-C or an abort signal). */
export class OperationCancelledError extends PlatformOperationError {
  constructor(
    readonly stack: string,
    cause?: unknown,
  ) {
    super(`the operation on stack "${stack}" was cancelled`, { cause });
  }
}

/** The operation failed for another reason (the CLI's message is kept). */
export class OperationFailedError extends PlatformOperationError {}
