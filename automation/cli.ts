#!/usr/bin/env node
// First, so that every module loaded after it comes from the code cache.
import { enableCodeCache } from "./core/codeCache";
enableCodeCache();
import { Command, CommanderError, Option } from "commander";
import { EvaluationError, UsageError } from "./core/errors";
import { packageVersion } from "./core/packageInfo";
import { CHECK_FORMATS, CheckFormat, PLAN_FORMATS, PlanFormat } from "./check/formats/formatNames";
import type { CliIo } from "./core/cliIo";
import type { OpsContext } from "./opsCommand";

export type { CliIo } from "./core/cliIo";

/** Settings the CLI takes from its caller rather than argv (tests inject a fake Pulumi CLI, a terminal, a prompt). */
export type CliContext = OpsContext;

const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split("\n")[0].replace(/^error: /, "");
}

/** What an error says, one line each: every problem a usage error lists (a line of its message each), else the first line. */
function errorLines(err: unknown): string[] {
  const lines = err instanceof UsageError ? err.message.split("\n").filter((l) => l.trim()) : [];
  return lines.length ? lines : [firstLine(err)];
}

/** The value of `--format` in `argv`, if any (`--format x` or `--format=x`). */
function formatArg(argv: string[]): string | undefined {
  const i = argv.indexOf("--format");
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith("--format="))?.slice("--format=".length);
}

/** The format a command prints: `--json` is `--format json`, and cannot ask for another. */
function chosenFormat<F extends string>(opts: { json?: boolean; format?: F }): F | "json" | "text" {
  if (opts.json && opts.format && opts.format !== "json")
    throw new UsageError(`--json: the same as --format json, so not with --format ${opts.format}`);
  return opts.json ? "json" : (opts.format ?? "text");
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to its exit code:
 * 0 success, 1 violations/schema errors or an operation failure, 2 usage or config error,
 * 3 the program could not be evaluated.
 * With `--json` (or `--format json`) and no `--output`, stdout always carries exactly one JSON
 * document, an `{ "error": … }` one on failure.
 */
export async function main(argv: string[], io: CliIo = processIo, context: CliContext = {}): Promise<number> {
  const json =
    (argv.includes("--json") || formatArg(argv) === "json") &&
    !argv.some((a) => a === "--output" || a.startsWith("--output="));
  let exitCode = 0;
  // Each command loads its own modules when it runs (`require` in its action): `--help`,
  // `--version` and a wrong flag load none of the SDK.
  const program = new Command("platform")
    .description(
      "Platform SDK tooling: check any Pulumi project offline, and run its stack operations with the guardrails attached",
    )
    .version(packageVersion(), "-V, --version", "print the package version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError(true);

  program
    .command("check")
    .description(
      "render a project's program offline (or read --input), run the policy pack, validate Kubernetes objects",
    )
    .option(
      "--stack <name>",
      "stack whose Pulumi.<name>.yaml configures the run and declares its policy config (with --input: only the policy config)",
    )
    .option(
      "--input <file>",
      "check resources from a JSON array, a `pulumi preview --json` digest or a `pulumi stack export`",
    )
    .option("--policy-config <file>", "policy pack config to run instead of the one the stack declares")
    .option("--project-dir <dir>", "directory holding Pulumi.yaml and the stack files (default: the current directory)")
    .option("--json", "print exactly one JSON document on stdout (the same as --format json)")
    .addOption(
      new Option(
        "--format <format>",
        "what to write: the text report, the JSON document, SARIF 2.1.0, JUnit XML or an HTML report",
      ).choices(CHECK_FORMATS),
    )
    .option("--output <file>", "write the chosen format to FILE; the text report still goes to stdout")
    .option(
      "--progress",
      "say on stderr what the check is doing as each phase begins (default: when stderr is a terminal)",
    )
    .option("--no-progress", "say nothing on stderr while the check runs")
    .action(
      async (opts: {
        stack?: string;
        input?: string;
        policyConfig?: string;
        projectDir?: string;
        json?: boolean;
        format?: CheckFormat;
        output?: string;
        progress?: boolean;
      }) => {
        if (opts.input && !opts.stack && opts.projectDir) {
          throw new UsageError(
            "--project-dir: not used with --input alone (expected --stack too, to take that project's stack levels, or no --project-dir)",
          );
        }
        const { runCheckCommand } = require("./checkCommand") as typeof import("./checkCommand");
        exitCode = await runCheckCommand(
          {
            ...opts,
            projectDir: opts.projectDir ?? context.projectDir,
            format: chosenFormat(opts),
            progress: opts.progress ?? (io === processIo && !!process.stderr.isTTY),
          },
          io,
        );
      },
    );

  program
    .command("plan")
    .description(
      "estimate a first deploy of a stack from its dependency graph: the critical path and when each app is ready",
    )
    .requiredOption("--stack <name>", "stack to render (Pulumi.<name>.yaml)")
    .option("--project-dir <dir>", "directory holding Pulumi.yaml and the stack files (default: the current directory)")
    .option("--times <file>", 'JSON object of type token (or "*") → seconds, laid over the default create times')
    .option("--json", "print exactly one JSON document on stdout (the same as --format json)")
    .addOption(
      new Option("--format <format>", "what to write: the text plan, the JSON document or an HTML timeline").choices(
        PLAN_FORMATS,
      ),
    )
    .option("--output <file>", "write the chosen format to FILE; the text plan still goes to stdout")
    .action(
      async (opts: {
        stack: string;
        projectDir?: string;
        times?: string;
        json?: boolean;
        format?: PlanFormat;
        output?: string;
      }) => {
        const { runPlanCommand } = require("./planCommand") as typeof import("./planCommand");
        await runPlanCommand(
          { ...opts, projectDir: opts.projectDir ?? context.projectDir, format: chosenFormat(opts) },
          io,
        );
      },
    );

  for (const operation of ["preview", "up", "destroy", "refresh", "outputs"] as const) {
    program
      .command(operation)
      .description(
        `${operation} a stack through the Pulumi Automation API${operation === "preview" || operation === "up" ? ", with the policy pack attached" : ""}`,
      )
      .requiredOption("--stack <name>", "stack to operate on (Pulumi.<name>.yaml)")
      .option(
        "--project-dir <dir>",
        "directory holding Pulumi.yaml and the stack files (default: the current directory)",
      )
      .option("--json", "print exactly one JSON result document on stdout")
      .option("--yes", "skip the confirmation up and destroy ask for on a terminal (required when there is none)")
      .action(async (opts: { stack: string; projectDir?: string; json?: boolean; yes?: boolean }) => {
        const { runOpsCommand } = require("./opsCommand") as typeof import("./opsCommand");
        exitCode = await runOpsCommand(operation, opts, io, {
          ...context,
          projectDir: opts.projectDir ?? context.projectDir,
        });
      });
  }

  const fail = (code: number, err: unknown): number => {
    const [message, ...more] = errorLines(err);
    if (json)
      io.out(
        JSON.stringify(
          { error: message, ...(more.length ? { errors: [message, ...more] } : {}), exitCode: code },
          null,
          2,
        ),
      );
    return code;
  };
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help asked for exits 0; help shown because the command line was incomplete or wrong is a usage error.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return 0;
      if (err.code === "commander.help") return err.exitCode === 0 ? 0 : fail(2, err);
      return fail(2, err);
    }
    for (const line of errorLines(err)) io.err(`error: ${line}`);
    return fail(err instanceof UsageError ? 2 : err instanceof EvaluationError ? 3 : 1, err);
  }
}

/** Runs the CLI for this process (the `platform` bin and `npm run platform`). */
export function runAsProcess(): void {
  Error.stackTraceLimit = 1;
  // Exit only once everything written has been flushed: a pipe takes large writes asynchronously.
  const exitAfterFlush = (code: number) =>
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
  main(process.argv.slice(2)).then(exitAfterFlush, (err) => {
    process.stderr.write(`error: ${firstLine(err)}\n`);
    exitAfterFlush(1);
  });
}

if (require.main === module) runAsProcess();
