import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CommandError,
  ConcurrentUpdateError as AutoConcurrentUpdateError,
  EngineEvent,
  LocalWorkspace,
  PulumiCommand,
  Stack,
  StackNotFoundError as AutoStackNotFoundError,
} from "@pulumi/pulumi/automation";
import { readProgramConfig, readProject, stackPart } from "../core/project";
import { policyConfigDocument } from "../policy/policyConfig";
import { declaredPolicySettings } from "../policy/stackPolicy";
import {
  ConcurrentUpdateError,
  OperationCancelledError,
  OperationFailedError,
  PolicyViolationError,
  PulumiCliMissingError,
  StackNotFoundError,
} from "./errors";
import { Diagnostic, EventCollector, OperationCallbacks, PolicyViolation } from "./events";

/** The stack operations the library runs. */
export type OperationName = "preview" | "up" | "destroy" | "refresh" | "outputs";

/** Options of every operation. */
export interface OperationOptions extends OperationCallbacks {
  /** Cancels the operation; the CLI gets SIGINT and stops cleanly. @default none */
  signal?: AbortSignal;
  /** The Pulumi CLI to drive. @default the `pulumi` on PATH */
  pulumiCommand?: PulumiCommand;
  /** Directory with `Pulumi.yaml`, the program and the stack files. @default the current directory */
  projectDir?: string;
  /** Attach the policy pack with the stack's declared policy config. @default true */
  policies?: boolean;
}

/** What an operation did. */
export interface OperationResult {
  /** The operation. */
  operation: OperationName;
  /** The stack. */
  stack: string;
  /** Resource changes by kind (`create`, `update`, `same`, …). */
  changes: Record<string, number>;
  /** Stack outputs; secret ones as `"[secret]"`. */
  outputs: Record<string, unknown>;
  /** Policy violations reported during the operation. */
  violations: PolicyViolation[];
  /** Wall time, ms. */
  durationMs: number;
}

/** The `--policy-pack` / `--policy-pack-config` a stack's operations run with, and the files to remove afterwards. */
export interface PolicyArguments {
  /** Pack folders. */
  policyPacks: string[];
  /** Config files, one per pack. */
  policyPackConfigs: string[];
  /** Removes the config file written for the run. */
  cleanup(): void;
}

/**
 * The pack and levels the stack declares (`guardrails:*` in its stack file, every policy mandatory
 * when it declares none), written as the CLI's `--policy-pack-config` file in a private directory.
 */
export function policyArguments(stack: string, projectDir = process.cwd()): PolicyArguments {
  const project = readProject(projectDir);
  const settings = declaredPolicySettings(readProgramConfig(project, stack), project.dir);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-policy-"));
  const file = path.join(dir, `${stackPart(stack)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(policyConfigDocument(settings.config), null, 2)}\n`);
  return {
    policyPacks: [settings.packDir],
    policyPackConfigs: [file],
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function cliOrThrow(given?: PulumiCommand): Promise<PulumiCommand> {
  if (given) return given;
  try {
    return await PulumiCommand.get();
  } catch (err) {
    throw new PulumiCliMissingError(err);
  }
}

async function openStack(stack: string, opts: OperationOptions): Promise<Stack> {
  // Offline checks first: a missing stack file or bad config is reported without a Pulumi CLI.
  const project = readProject(opts.projectDir ?? process.cwd());
  readProgramConfig(project, stack);
  const pulumiCommand = await cliOrThrow(opts.pulumiCommand);
  try {
    return await LocalWorkspace.selectStack(
      { stackName: stack, workDir: project.dir },
      { workDir: project.dir, pulumiCommand },
    );
  } catch (err) {
    throw mapError(err, stack, opts.signal, [], []);
  }
}

const NOISE = /^(Updating|Previewing|Destroying|Refreshing|View (Live|in Browser)|Resources:|Duration:|\s*$)/;

/**
 * The lines the Pulumi CLI itself gave as the reason: its `error:` lines (stderr, then stdout),
 * else the error diagnostics the engine sent, else its first meaningful stderr line.
 */
export function cliErrorLines(stderr: string, stdout: string, diagnostics: Diagnostic[]): string[] {
  const lines = (text: string) => text.split("\n").map((l) => l.trim());
  for (const text of [stderr, stdout]) {
    const errors = lines(text).filter((l) => /^error:/i.test(l));
    if (errors.length) return [...new Set(errors)];
  }
  const fromEvents = diagnostics.filter((d) => d.severity === "error").map((d) => d.message.split("\n")[0]);
  if (fromEvents.length) return [...new Set(fromEvents)];
  const first = lines(stderr).find((l) => l && !NOISE.test(l));
  return first ? [first] : [];
}

/** Maps the SDK's errors to the library's typed errors. */
export function mapError(
  err: unknown,
  stack: string,
  signal: AbortSignal | undefined,
  violations: PolicyViolation[],
  diagnostics: Diagnostic[],
): Error {
  if (signal?.aborted) return new OperationCancelledError(stack, err);
  if (err instanceof AutoStackNotFoundError) return new StackNotFoundError(stack, err);
  if (err instanceof AutoConcurrentUpdateError) return new ConcurrentUpdateError(stack, err);
  const mandatory = violations.filter((v) => v.level === "mandatory");
  if (mandatory.length) return new PolicyViolationError(stack, mandatory, err);
  if (err instanceof CommandError) {
    const result = (err as unknown as { commandResult?: { stderr?: string; stdout?: string } }).commandResult;
    const reasons = cliErrorLines(String(result?.stderr ?? ""), String(result?.stdout ?? ""), diagnostics);
    return new OperationFailedError(
      `stack "${stack}": ${reasons.join("; ") || "the Pulumi CLI failed without saying why"}`,
      { cause: err },
    );
  }
  return err instanceof Error ? err : new OperationFailedError(String(err));
}

function maskOutputs(outputs: Record<string, { value: unknown; secret: boolean }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]));
}

/**
 * Runs one operation on one stack of the project in `opts.projectDir` — its own program, name and
 * stack file — with the policy pack and the stack's declared levels attached, streaming engine
 * events to the callbacks, and returns what happened.
 * @throws PulumiCliMissingError, StackNotFoundError, ConcurrentUpdateError, PolicyViolationError,
 * OperationCancelledError or OperationFailedError.
 */
export async function runOperation(
  operation: OperationName,
  stack: string,
  opts: OperationOptions = {},
): Promise<OperationResult> {
  const started = Date.now();
  const handle = await openStack(stack, opts);
  const events = new EventCollector(opts);
  const onEvent = (e: EngineEvent) => events.onEvent(e);
  const policy =
    opts.policies === false || !["preview", "up"].includes(operation)
      ? undefined
      : policyArguments(stack, opts.projectDir);
  const packs = policy ? { policyPacks: policy.policyPacks, policyPackConfigs: policy.policyPackConfigs } : {};
  const common = { onEvent, signal: opts.signal, color: "never" as const };
  try {
    let changes: Record<string, number> = {};
    switch (operation) {
      case "preview":
        changes = { ...(await handle.preview({ ...common, ...packs })).changeSummary };
        break;
      case "up":
        changes = { ...(await handle.up({ ...common, ...packs })).summary.resourceChanges };
        break;
      case "refresh":
        changes = { ...(await handle.refresh(common)).summary.resourceChanges };
        break;
      case "destroy":
        changes = { ...(await handle.destroy(common)).summary.resourceChanges };
        break;
      case "outputs":
        break;
    }
    if (events.violations.some((v) => v.level === "mandatory"))
      throw new PolicyViolationError(
        stack,
        events.violations.filter((v) => v.level === "mandatory"),
      );
    const outputs = operation === "destroy" || operation === "preview" ? {} : maskOutputs(await handle.outputs());
    return {
      operation,
      stack,
      changes: Object.keys(events.changes).length ? events.changes : changes,
      outputs,
      violations: events.violations,
      durationMs: Date.now() - started,
    };
  } catch (err) {
    if (err instanceof PolicyViolationError) throw err;
    throw mapError(err, stack, opts.signal, events.violations, events.diagnostics);
  } finally {
    policy?.cleanup();
  }
}

/** `pulumi preview` with the pack. */
export const preview = (stack: string, opts?: OperationOptions) => runOperation("preview", stack, opts);
/** `pulumi up` with the pack; it applies without asking — the CLI previews and confirms first. */
export const up = (stack: string, opts?: OperationOptions) => runOperation("up", stack, opts);
/** `pulumi destroy`. */
export const destroy = (stack: string, opts?: OperationOptions) => runOperation("destroy", stack, opts);
/** `pulumi refresh`. */
export const refresh = (stack: string, opts?: OperationOptions) => runOperation("refresh", stack, opts);
/** The stack's outputs (secrets masked). */
export const outputs = (stack: string, opts?: OperationOptions) => runOperation("outputs", stack, opts);
