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

/**
 * The program (or something it called) could not be evaluated offline: it threw, or an invoke
 * had no result. The CLI prints the message as one line — the cause, the resource if any, the
 * program file and line — and exits with code 3.
 */
export class EvaluationError extends Error {
  constructor(
    /** What went wrong, one line. */
    readonly reason: string,
    /** Where in the project's files, as `file:line`. @default unknown */
    readonly location?: string,
    /** The resource being evaluated, as `name [type]`. @default none */
    readonly resource?: string,
  ) {
    super(
      `could not evaluate the program: ${reason}${resource ? ` (resource ${resource})` : ""}${location ? ` at ${location}` : ""}`,
    );
    this.name = "EvaluationError";
  }
}

/** The largest file the CLI reads (stack files, --input, --policy-config, CRDs, manifests). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Reads a file the user named, as UTF-8 text: a regular file (after links) no larger than
 * `maxBytes`, valid UTF-8. Anything else — missing, a directory or device, too large, other
 * bytes — is a {@link UsageError} with `cannotRead(reason)`, never a hang or a partial read.
 */
export function readUserFile(file: string, cannotRead: (reason: string) => string, maxBytes = MAX_FILE_BYTES): string {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new UsageError(cannotRead((err as NodeJS.ErrnoException).code ?? String(err)));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(cannotRead("not a regular file"));
    if (stat.size > maxBytes)
      throw new UsageError(cannotRead(`${mib(stat.size)}, more than the ${mib(maxBytes)} a file may have`));
    // Read at most one byte past the limit, so a file that grows while read is still refused.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length;) {
      n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      length += n;
    }
    if (length > maxBytes) throw new UsageError(cannotRead(`more than the ${mib(maxBytes)} a file may have`));
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw new UsageError(cannotRead("not UTF-8 text"));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** How deep nested data from a file may go. */
export const MAX_NESTING = 64;

/** Whether data nests deeper than `limit` levels; iterative, so hostile input cannot overflow the stack. */
export function tooDeep(value: unknown, limit = MAX_NESTING): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
