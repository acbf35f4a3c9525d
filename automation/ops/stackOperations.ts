import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CommandError, ConcurrentUpdateError as AutoConcurrentUpdateError, EngineEvent, LocalWorkspace, PulumiCommand, Stack,
  StackNotFoundError as AutoStackNotFoundError,
} from "@pulumi/pulumi/automation";
import { platformProgram } from "../../components/program";
import { REPO_ROOT } from "../check/runCheck";
import { UsageError } from "../errors";
import {
  ConcurrentUpdateError, OperationCancelledError, OperationFailedError, PolicyViolationError, PulumiCliMissingError, StackNotFoundError,
} from "./errors";
import { EventCollector, OperationCallbacks, PolicyViolation } from "./events";

/** The stack operations the library runs. */
export type OperationName = "preview" | "up" | "destroy" | "refresh" | "outputs";

/** Options of every operation. */
export interface OperationOptions extends OperationCallbacks {
  /** Cancels the operation; the CLI gets SIGINT and stops cleanly. @default none */
  signal?: AbortSignal;
  /** The Pulumi CLI to drive. @default the `pulumi` on PATH */
  pulumiCommand?: PulumiCommand;
  /** Directory with `Pulumi.yaml` and the stack files. @default the repository root */
  projectDir?: string;
  /** Attach the policy pack with the stack's policy config. @default true */
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

/** Policy pack and its per-stack config, as `--policy-pack` / `--policy-pack-config` take them. */
export function policyArguments(stack: string, projectDir = REPO_ROOT): { policyPacks: string[]; policyPackConfigs: string[] } {
  const pack = path.join(projectDir, "policy");
  const config = path.join(pack, "config", `${stack}.json`);
  return { policyPacks: [pack], policyPackConfigs: fs.existsSync(config) ? [config] : [] };
}

/**
 * A private work directory for one operation: the project file and the stack's own config file
 * (secrets stay encrypted in it — nothing is passed on the command line). Parallel operations
 * never share one, so they cannot race on workspace state.
 */
export function operationWorkDir(stack: string, projectDir = REPO_ROOT): string {
  const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) throw new UsageError(`--stack: unknown stack "${stack}": no Pulumi.${stack}.yaml in ${projectDir}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `platform-${stack}-`));
  fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.copyFileSync(stackFile, path.join(dir, `Pulumi.${stack}.yaml`));
  return dir;
}

async function cliOrThrow(given?: PulumiCommand): Promise<PulumiCommand> {
  if (given) return given;
  try {
    return await PulumiCommand.get();
  } catch (err) {
    throw new PulumiCliMissingError(err);
  }
}

/** The inline program: the same function `index.ts` runs. */
export async function inlineProgram(): Promise<Record<string, unknown>> {
  return { ...platformProgram() };
}

async function openStack(stack: string, opts: OperationOptions): Promise<{ handle: Stack; workDir: string }> {
  const pulumiCommand = await cliOrThrow(opts.pulumiCommand);
  const workDir = operationWorkDir(stack, opts.projectDir);
  try {
    const handle = await LocalWorkspace.selectStack({ stackName: stack, projectName: "platform", program: inlineProgram }, { workDir, pulumiCommand });
    return { handle, workDir };
  } catch (err) {
    fs.rmSync(workDir, { recursive: true, force: true });
    throw mapError(err, stack, opts.signal, []);
  }
}

function firstLine(text: string): string {
  return text.split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("Updating") && !l.startsWith("Previewing")) ?? "";
}

/** Maps the SDK's errors to the library's typed errors. */
export function mapError(err: unknown, stack: string, signal: AbortSignal | undefined, violations: PolicyViolation[]): Error {
  if (signal?.aborted) return new OperationCancelledError(stack, err);
  if (err instanceof AutoStackNotFoundError) return new StackNotFoundError(stack, err);
  if (err instanceof AutoConcurrentUpdateError) return new ConcurrentUpdateError(stack, err);
  const mandatory = violations.filter((v) => v.level === "mandatory" || v.level === "remediate");
  if (mandatory.length) return new PolicyViolationError(stack, mandatory, err);
  if (err instanceof CommandError) {
    const text = String((err as unknown as { commandResult?: { stderr?: string } }).commandResult?.stderr ?? err.message);
    return new OperationFailedError(`stack "${stack}": ${firstLine(text) || "the Pulumi CLI failed"}`, { cause: err });
  }
  return err instanceof Error ? err : new OperationFailedError(String(err));
}

function maskOutputs(outputs: Record<string, { value: unknown; secret: boolean }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]));
}

/**
 * Runs one operation on one stack with the policy pack attached, streaming engine events to the
 * callbacks, and returns what happened.
 * @throws PulumiCliMissingError, StackNotFoundError, ConcurrentUpdateError, PolicyViolationError,
 * OperationCancelledError or OperationFailedError.
 */
export async function runOperation(operation: OperationName, stack: string, opts: OperationOptions = {}): Promise<OperationResult> {
  const started = Date.now();
  const { handle, workDir } = await openStack(stack, opts);
  const events = new EventCollector(opts);
  const onEvent = (e: EngineEvent) => events.onEvent(e);
  const policy = opts.policies === false ? {} : policyArguments(stack, opts.projectDir);
  const common = { onEvent, signal: opts.signal, color: "never" as const };
  try {
    let changes: Record<string, number> = {};
    switch (operation) {
      case "preview": changes = { ...(await handle.preview({ ...common, ...policy })).changeSummary }; break;
      case "up": changes = { ...(await handle.up({ ...common, ...policy })).summary.resourceChanges }; break;
      case "refresh": changes = { ...(await handle.refresh(common)).summary.resourceChanges }; break;
      case "destroy": changes = { ...(await handle.destroy(common)).summary.resourceChanges }; break;
      case "outputs": break;
    }
    if (events.violations.some((v) => v.level === "mandatory")) throw new PolicyViolationError(stack, events.violations.filter((v) => v.level === "mandatory"));
    const outputs = operation === "destroy" || operation === "preview" ? {} : maskOutputs(await handle.outputs());
    return { operation, stack, changes: Object.keys(events.changes).length ? events.changes : changes, outputs, violations: events.violations, durationMs: Date.now() - started };
  } catch (err) {
    if (err instanceof PolicyViolationError) throw err;
    throw mapError(err, stack, opts.signal, events.violations);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** `pulumi preview` with the pack. */
export const preview = (stack: string, opts?: OperationOptions) => runOperation("preview", stack, opts);
/** `pulumi up` with the pack. */
export const up = (stack: string, opts?: OperationOptions) => runOperation("up", stack, opts);
/** `pulumi destroy`. */
export const destroy = (stack: string, opts?: OperationOptions) => runOperation("destroy", stack, opts);
/** `pulumi refresh`. */
export const refresh = (stack: string, opts?: OperationOptions) => runOperation("refresh", stack, opts);
/** The stack's outputs (secrets masked). */
export const outputs = (stack: string, opts?: OperationOptions) => runOperation("outputs", stack, opts);
