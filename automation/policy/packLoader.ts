import * as path from "node:path";
import { Policies } from "@pulumi/policy";
import { UsageError } from "../core/errors";
import { POLICY_PACK_DIR } from "../core/paths";
import { registerTypeScript } from "../check/typescriptLoader";
import { PolicyTimeSink, timedPolicies } from "./policyTimer";

/** The analyzer RPC handlers of a policy pack, as `@pulumi/policy` registers them for the CLI. */
export interface AnalyzerHandlers {
  analyze: Handler;
  analyzeStack: Handler;
  remediate: Handler;
  getAnalyzerInfo: Handler;
  getPluginInfo: Handler;
  configure: Handler;
  configureStack: Handler;
}

/** A gRPC unary handler: `(call, callback)`. */
export type Handler = (call: { request: unknown }, callback: (err: unknown, response?: unknown) => void) => unknown;

/** A pack's policies and identity. */
export interface PackDefinition {
  /** Pack name (`new PolicyPack(name, …)`). */
  name: string;
  /** Pack version (its package.json). */
  version: string;
  /** The policies. */
  policies: Policies;
}

/** The platform's own pack, as `policy/pack.ts` builds it. */
export function platformPack(): PackDefinition {
  const { policyPackDefinition } =
    require("../../policy/packDefinition") as typeof import("../../policy/packDefinition");
  const { version } = require(path.join(POLICY_PACK_DIR, "package.json")) as { version: string };
  const definition = policyPackDefinition();
  return { name: definition.name, version, policies: definition.policies };
}

let served: { key: string; handlers: AnalyzerHandlers } | undefined;

/**
 * Runs `start` — code that ends in `@pulumi/policy`'s `serve()` — with the gRPC server's
 * `addService` captured and `bindAsync` held back, and returns the handlers it registered: every
 * analyze, remediate and configure call then runs the exact code the CLI talks to, in this
 * process, without a port.
 */
function captureHandlers(start: () => void): AnalyzerHandlers {
  const grpcPath = require.resolve("@grpc/grpc-js", {
    paths: [path.dirname(require.resolve("@pulumi/policy/server"))],
  });
  const grpc = require(grpcPath) as { Server: { prototype: Record<string, unknown> } };
  const proto = grpc.Server.prototype;
  const { addService, bindAsync } = proto;
  let handlers: AnalyzerHandlers | undefined;
  proto.addService = function (_service: unknown, implementation: AnalyzerHandlers) {
    handlers = implementation;
  };
  proto.bindAsync = function () {};
  try {
    start();
  } finally {
    proto.addService = addService;
    proto.bindAsync = bindAsync;
  }
  if (!handlers) throw new Error("@pulumi/policy did not register its analyzer service");
  return handlers;
}

/** Loads a pack folder as `pulumi preview --policy-pack` does: its `package.json` main, from inside the folder. */
function loadPackFolder(dir: string): void {
  registerTypeScript();
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    require(dir);
  } catch (err) {
    throw new UsageError(
      `policy pack ${dir}: failed to load (${String((err as Error).message ?? err).split("\n")[0]})`,
    );
  } finally {
    process.chdir(cwd);
  }
}

/**
 * The analyzer handlers of a pack: the platform's (`packDir` omitted or the platform's folder),
 * served from its definition, or a team's pack folder, loaded as the CLI loads it.
 * `@pulumi/policy` serves one pack per process, so the first pack served stays (timed into
 * `timeSink` when one is given the first time; a pack folder is never timed).
 * @throws Error when a different pack was already served in this process.
 */
export function servePack(
  packDir: string = POLICY_PACK_DIR,
  pack?: PackDefinition,
  timeSink?: PolicyTimeSink,
): AnalyzerHandlers {
  const key = pack ? `definition:${pack.name}` : path.resolve(packDir);
  if (served) {
    if (served.key !== key) throw new Error(`policy pack ${served.key} is already loaded in this process`);
    return served.handlers;
  }
  const server = require("@pulumi/policy/server") as { serve(...args: unknown[]): void };
  const untimed = pack ?? (key === path.resolve(POLICY_PACK_DIR) ? platformPack() : undefined);
  const definition =
    untimed && timeSink ? { ...untimed, policies: timedPolicies(untimed.policies, timeSink) } : untimed;
  const handlers = captureHandlers(() => {
    if (definition)
      server.serve(definition.name, definition.version, "advisory", { policies: definition.policies }, undefined);
    else loadPackFolder(key);
  });
  served = { key, handlers };
  return handlers;
}

/** Calls one handler and resolves with its response. */
export function invoke<T>(handler: Handler, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    handler({ request }, (err, response) => (err ? reject(err) : resolve(response as T)));
  });
}
