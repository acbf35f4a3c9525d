import * as readline from "node:readline/promises";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import type { CliIo } from "./core/cliIo";
import { UsageError } from "./core/errors";
import { readProgramConfig, readProject } from "./core/project";
import { OperationName, OperationOptions, OperationResult, runOperation } from "./ops/stackOperations";
import { PlatformOperationError, PulumiCliMissingError } from "./ops/errors";
import { Progress } from "./ops/events";

/** What the stack operation commands need from their caller. */
export interface OpsContext {
  /** Project directory. @default the current directory */
  projectDir?: string;
  /** The Pulumi CLI (tests inject a fake). @default the `pulumi` on PATH */
  pulumiCommand?: PulumiCommand;
  /** Whether stdout is a terminal (progress bar, confirmation prompt). @default process.stdout.isTTY */
  isTTY?: boolean;
  /** Asks the user a question; resolves to what they typed. @default a readline prompt */
  confirm?: (question: string) => Promise<string>;
  /** Where progress goes (a TTY redraws one line). @default process.stderr */
  progress?: (text: string) => void;
}

/** Whether a stack's config marks it protected: `<project>:environment: prod`. */
export function isProtectedStack(stack: string, projectDir = process.cwd()): boolean {
  const project = readProject(projectDir);
  return readProgramConfig(project, stack).config[`${project.name}:environment`] === "prod";
}

async function promptLine(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

function bar(p: Progress, width = 24): string {
  const total = Math.max(p.planned, 1);
  const filled = Math.min(width, Math.round((p.done / total) * width));
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${p.done}/${p.planned}${p.failed ? ` (${p.failed} failed)` : ""} ${p.current ?? ""}`;
}

/** One line per change kind: `create 3, same 12`. */
export function formatChanges(changes: Record<string, number>): string {
  const parts = Object.entries(changes)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${op} ${n}`);
  return parts.length ? parts.join(", ") : "no changes";
}

/**
 * Asks before `up` or `destroy` changes a stack: on a terminal, `y` for an ordinary stack and the
 * stack's name for a protected one; without a terminal, `--yes` is required.
 * @throws UsageError when not confirmed.
 */
async function confirmChange(
  operation: OperationName,
  stack: string,
  projectDir: string,
  tty: boolean,
  ask: (q: string) => Promise<string>,
): Promise<void> {
  if (!tty)
    throw new UsageError(
      `--yes: ${operation} on stack "${stack}" changes real resources; give --yes when there is no terminal to confirm on`,
    );
  if (isProtectedStack(stack, projectDir)) {
    const typed = await ask(`"${stack}" is protected. Type its name to ${operation} it: `);
    if (typed.trim() !== stack) throw new UsageError(`${operation} on "${stack}" not confirmed`);
    return;
  }
  const answer = await ask(
    `${operation === "up" ? "Apply these changes to" : "Destroy every resource of"} "${stack}"? [y/N] `,
  );
  if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError(`${operation} on "${stack}" not confirmed`);
}

/**
 * Runs a stack operation for the CLI: `up` previews first and shows the changes; `up` and
 * `destroy` ask before they change anything unless `--yes`; Ctrl-C cancels cleanly; a progress bar
 * on a terminal (plain lines otherwise); a human report or one JSON document. Resolves to the exit
 * code: 0 ok, 1 operation or policy failure, 2 usage or missing CLI.
 */
export async function runOpsCommand(
  operation: OperationName,
  opts: { stack: string; json?: boolean; yes?: boolean },
  io: CliIo,
  ctx: OpsContext = {},
): Promise<number> {
  const projectDir = ctx.projectDir ?? process.cwd();
  const tty = ctx.isTTY ?? !!process.stdout.isTTY;
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  const progressOut = ctx.progress ?? ((text: string) => process.stderr.write(text));
  let lastPlain = "";
  const options: OperationOptions = {
    projectDir,
    pulumiCommand: ctx.pulumiCommand,
    signal: controller.signal,
    onProgress: opts.json
      ? undefined
      : (p) => {
          if (tty) progressOut(`\r${bar(p)}\u001b[K`);
          else {
            const line = `${p.done}/${p.planned} done${p.current ? `, ${p.current}` : ""}`;
            if (line !== lastPlain) progressOut(`${line}\n`);
            lastPlain = line;
          }
        },
    onDiagnostic: opts.json
      ? undefined
      : (d) => {
          if (d.severity !== "info") io.err(`${d.severity}: ${d.message}`);
        },
  };
  const report = (result: OperationResult) => {
    if (tty && !opts.json) progressOut("\n");
    if (opts.json) return;
    for (const v of result.violations)
      io.out(`${v.level} ${v.policy}: ${v.urn.slice(v.urn.lastIndexOf("::") + 2)} — ${v.message}`);
    for (const [key, value] of Object.entries(result.outputs))
      io.out(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
    io.out(
      `${result.operation} ${opts.stack}: ${formatChanges(result.changes)} (${(result.durationMs / 1000).toFixed(1)} s)`,
    );
  };
  try {
    if ((operation === "up" || operation === "destroy") && !opts.yes) {
      if (operation === "up") report(await runOperation("preview", opts.stack, options));
      await confirmChange(operation, opts.stack, projectDir, tty, ctx.confirm ?? promptLine);
    }
    const result = await runOperation(operation, opts.stack, options);
    report(result);
    if (opts.json) io.out(JSON.stringify(result, null, 2));
    return 0;
  } catch (err) {
    if (err instanceof PulumiCliMissingError) throw new UsageError(err.message);
    if (err instanceof PlatformOperationError) {
      io.err(`error: ${err.message}`);
      if (opts.json) io.out(JSON.stringify({ error: err.message, exitCode: 1 }, null, 2));
      return 1;
    }
    throw err;
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}
