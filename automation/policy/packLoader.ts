import * as path from "node:path";
import { Policies } from "@pulumi/policy";

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
export type Handler = (call: { request: unknown }, callback: (err: unknown, response?: any) => void) => unknown;

/** The pack's policies and identity. */
export interface PackDefinition {
  /** Pack name (`new PolicyPack(name, …)`). */
  name: string;
  /** Pack version (its package.json). */
  version: string;
  /** The policies. */
  policies: Policies;
}

/** The policy pack shipped in `policy/`. */
export function platformPack(): PackDefinition {
  const { PACK_NAME, policies } = require("../../policy/policies") as { PACK_NAME: string; policies: Policies };
  const { version } = require("../../policy/package.json") as { version: string };
  return { name: PACK_NAME, version, policies };
}

let served: { pack: PackDefinition; handlers: AnalyzerHandlers } | undefined;

/**
 * The RPC handlers `@pulumi/policy` serves for `pack`, obtained by running its own `serve()` with
 * the gRPC server's `addService` captured and `bindAsync` held back: every analyze, remediate and
 * configure call then runs the exact code the CLI talks to, in this process, without a port.
 * `@pulumi/policy` allows one pack per process, so the first pack loaded stays.
 */
export function servePack(pack: PackDefinition = platformPack()): AnalyzerHandlers {
  if (served) {
    if (served.pack.name !== pack.name) throw new Error(`policy pack ${served.pack.name} is already loaded in this process`);
    return served.handlers;
  }
  const server = require("@pulumi/policy/server") as { serve(...args: unknown[]): void };
  const grpcPath = require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/policy/server"))] });
  const grpc = require(grpcPath) as { Server: { prototype: Record<string, unknown> } };
  const proto = grpc.Server.prototype;
  const { addService, bindAsync } = proto;
  let handlers: AnalyzerHandlers | undefined;
  proto.addService = function (_service: unknown, implementation: AnalyzerHandlers) {
    handlers = implementation;
  };
  proto.bindAsync = function () {};
  try {
    server.serve(pack.name, pack.version, "advisory", { policies: pack.policies }, undefined);
  } finally {
    proto.addService = addService;
    proto.bindAsync = bindAsync;
  }
  if (!handlers) throw new Error("@pulumi/policy did not register its analyzer service");
  served = { pack, handlers };
  return handlers;
}

/** Calls one handler and resolves with its response. */
export function invoke<T>(handler: Handler, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    handler({ request }, (err, response) => (err ? reject(err) : resolve(response as T)));
  });
}
