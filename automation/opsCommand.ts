import * as readline from "node:readline/promises";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "./check/runCheck";
import { readProgramConfig } from "./check/stackFiles";
import { UsageError } from "./errors";
import { OperationName, OperationResult, runOperation } from "./ops/stackOperations";
import { PlatformOperationError, PulumiCliMissingError } from "./ops/errors";
import { Progress } from "./ops/events";

/** What the stack operation commands need from their caller. */
export interface OpsContext {
  /** Project directory. @default the repository root */
  projectDir?: string;
  /** The Pulumi CLI (tests inject a fake). @default the `pulumi` on PATH */
  pulumiCommand?: PulumiCommand;
  /** Whether stdout is a terminal (progress bar, confirmation prompt). @default process.stdout.isTTY */
  isTTY?: boolean;
  /** Asks the user to type the stack name; resolves to what they typed. @default a readline prompt */
  confirm?: (question: string) => Promise<string>;
  /** Where progress goes (a TTY redraws one line). @default process.stderr */
  progress?: (text: string) => void;
}

/** Output writers. */
export interface OpsIo {
  out(text: string): void;
  err(text: string): void;
}

/** Whether a stack's config marks it protected: `platform:environment: prod`. */
export function isProtectedStack(stack: string, projectDir = REPO_ROOT): boolean {
  return readProgramConfig(projectDir, stack).config["platform:environment"] === "prod";
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
  const parts = Object.entries(changes).filter(([, n]) => n > 0).map(([op, n]) => `${op} ${n}`);
  return parts.length ? parts.join(", ") : "no changes";
}

/**
 * Runs a stack operation for the CLI: confirmation on protected stacks, Ctrl-C cancels cleanly,
 * a progress bar on a terminal (plain lines otherwise), and either a human report or one JSON
 * document. Resolves to the exit code: 0 ok, 1 operation or policy failure, 2 usage or missing CLI.
 */
export async function runOpsCommand(
  operation: OperationName,
  opts: { stack: string; json?: boolean; yes?: boolean },
  io: OpsIo,
  ctx: OpsContext = {},
): Promise<number> {
  const projectDir = ctx.projectDir ?? REPO_ROOT;
  const tty = ctx.isTTY ?? !!process.stdout.isTTY;
  if ((operation === "up" || operation === "destroy") && isProtectedStack(opts.stack, projectDir) && !opts.yes) {
    if (!tty) throw new UsageError(`--yes: ${operation} on the protected stack "${opts.stack}" needs --yes (or an interactive confirmation)`);
    const typed = await (ctx.confirm ?? promptLine)(`"${opts.stack}" is protected. Type its name to ${operation} it: `);
    if (typed.trim() !== opts.stack) throw new UsageError(`${operation} on "${opts.stack}" not confirmed`);
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  const progressOut = ctx.progress ?? ((text: string) => process.stderr.write(text));
  let lastPlain = "";
  try {
    const result: OperationResult = await runOperation(operation, opts.stack, {
      projectDir,
      pulumiCommand: ctx.pulumiCommand,
      signal: controller.signal,
      onProgress: opts.json ? undefined : (p) => {
        if (tty) progressOut(`\r${bar(p)}\u001b[K`);
        else {
          const line = `${p.done}/${p.planned} done${p.current ? `, ${p.current}` : ""}`;
          if (line !== lastPlain) progressOut(`${line}\n`);
          lastPlain = line;
        }
      },
      onDiagnostic: opts.json ? undefined : (d) => { if (d.severity !== "info") io.err(`${d.severity}: ${d.message}`); },
    });
    if (tty && !opts.json) progressOut("\n");
    if (opts.json) {
      io.out(JSON.stringify(result, null, 2));
    } else {
      for (const v of result.violations) io.out(`${v.level} ${v.policy}: ${v.urn.slice(v.urn.lastIndexOf("::") + 2)} — ${v.message}`);
      for (const [key, value] of Object.entries(result.outputs)) io.out(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
      io.out(`${operation} ${opts.stack}: ${formatChanges(result.changes)} (${(result.durationMs / 1000).toFixed(1)} s)`);
    }
    return 0;
  } catch (err) {
    if (err instanceof PulumiCliMissingError) throw new UsageError(err.message);
    if (err instanceof PlatformOperationError) {
      io.err(`error: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}
