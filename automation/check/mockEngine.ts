import * as pulumi from "@pulumi/pulumi";
import { CapturedResource, defaultOptions } from "../core/resourceModel";
import { builtinInvokeResult } from "./invokes";
import { programSourcePosition } from "./sourcePosition";
import { TransformRunner } from "./transforms";
import type * as ResourceProto from "@pulumi/pulumi/proto/resource_pb";

/* The SDK's settings module is internal; the checker reads the monitor it installed to see what
   the engine would: parents, dependencies and options, which MockResourceArgs leaves out. */
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): MonitorLike;
  waitForRPCs(): Promise<void>;
};

type RegisterRequest = ResourceProto.RegisterResourceRequest;

interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getProvider(): string;
  getVersion(): string;
  getStacktrace(): StackTraceLike | undefined;
}

interface StackTraceLike {
  getFramesList(): Parameters<typeof programSourcePosition>[0];
}

type Callback = (err: unknown, resp?: { getUrn(): string }) => void;

interface OutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface MonitorLike {
  registerResource(req: RegisterRequest, cb: Callback): Promise<void>;
  readResource(req: ReadRequest, cb: Callback): Promise<void>;
  registerResourceOutputs(req: OutputsRequest, cb: (err: unknown, resp?: unknown) => void): void;
  registerStackTransform(req: { getToken(): string }, cb: (err: unknown, resp?: unknown) => void): void;
}

/**
 * What every AWS resource has after an update and a program may build on: its ARN (a preview
 * leaves it unknown). The account and region are placeholders.
 */
function updateOutputs(type: string, name: string): Record<string, unknown> {
  if (!type.startsWith("aws:")) return {};
  const service = type.slice(4, type.indexOf("/"));
  return { arn: `arn:aws:${service}:us-east-1:123456789012:${name}` };
}

/** Outputs a StackReference returns under the mock engine, by referenced stack name. */
export type StackReferenceOutputs = (stackName: string) => Record<string, unknown>;

/** Options of {@link installMockEngine}. */
export interface MockEngineOptions {
  /** Project name (URNs and `pulumi.getProject()`). */
  project: string;
  /** Stack name. */
  stack: string;
  /** The project's directory: each resource's source position is the first stack frame in its files. @default no source positions */
  projectDir?: string;
  /** Run as a preview (`pulumi preview`) rather than an update. @default true */
  preview?: boolean;
  /** Outputs served to StackReferences. @default every reference has no outputs */
  stackReferenceOutputs?: StackReferenceOutputs;
  /** Provider-computed outputs to return besides the inputs (tests of values known only after apply). @default none */
  computedOutputs?: (
    type: string,
    name: string,
    inputs: Record<string, unknown>,
  ) => Record<string, unknown> | undefined;
  /**
   * The result of a provider function (invoke or method call), `undefined` when there is none:
   * the invoke then fails, naming the function.
   * @default the built-in results ({@link builtinInvokeResult}), else an empty result
   */
  invokeResult?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown> | undefined;
}

/** What the mock engine recorded. */
export interface MockEngine {
  /** Every registered or read resource, in registration order. */
  readonly resources: CapturedResource[];
  /** Outputs each component registered (the stack's are its stack outputs), by URN, wire-encoded. */
  readonly outputs: Map<string, Record<string, unknown>>;
  /** Waits until every outstanding registration has been answered. */
  settle(): Promise<void>;
}

/** The account every offline invoke answers for. */
export { OFFLINE_ACCOUNT_ID } from "./invokes";

function optionalBool(fn: (() => boolean | undefined) | undefined, self: unknown): boolean {
  return fn ? !!fn.call(self) : false;
}

function timeouts(req: RegisterRequest): CapturedResource["options"]["customTimeouts"] {
  const t = req.getCustomtimeouts();
  if (!t) return undefined;
  const out = {
    create: t.getCreate() || undefined,
    update: t.getUpdate() || undefined,
    delete: t.getDelete() || undefined,
  };
  return out.create || out.update || out.delete ? out : undefined;
}

/**
 * Installs Pulumi's own mock monitor (`pulumi.runtime.setMocks`) and records every resource with
 * its inputs, parent, dependencies and options, after running every `transforms` callback the
 * engine would run on it. Mocked providers echo inputs back as outputs, as a preview does for
 * new resources; ids stay unknown in preview.
 */
export function installMockEngine(opts: MockEngineOptions): MockEngine {
  const preview = opts.preview ?? true;
  const refs = opts.stackReferenceOutputs ?? (() => ({}));
  // setMocks does its work before its first await; nothing is left pending.
  void pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type === "pulumi:pulumi:StackReference") {
          const outputs = refs(String(args.inputs.name ?? args.name));
          return {
            id: String(args.inputs.name ?? args.name),
            state: { ...args.inputs, outputs, secretOutputNames: Object.keys(outputs) },
          };
        }
        return {
          id: preview ? undefined : `${args.name}-id`,
          state: {
            ...(preview ? {} : updateOutputs(args.type, args.name)),
            ...args.inputs,
            ...opts.computedOutputs?.(args.type, args.name, args.inputs),
          },
        };
      },
      call(args) {
        const result = opts.invokeResult
          ? opts.invokeResult(args.token, args.inputs)
          : (builtinInvokeResult(args.token, args.inputs) ?? {});
        if (result === undefined) throw new Error(`${args.token} has no result offline`);
        return result;
      },
    },
    opts.project,
    opts.stack,
    preview,
  );

  const resources: CapturedResource[] = [];
  const outputs = new Map<string, Record<string, unknown>>();
  const monitor = settings.getMonitor();
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    outputs.set(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
    registerOutputs(req, cb);
  };
  const register = monitor.registerResource.bind(monitor);
  const read = monitor.readResource.bind(monitor);
  const registerStackTransform = monitor.registerStackTransform.bind(monitor);
  const transforms = new TransformRunner();
  // The stack resource is the runtime's, registered from whatever called the checker.
  const positionOf = (type: string, trace: StackTraceLike | undefined) => {
    const position =
      opts.projectDir && type !== "pulumi:pulumi:Stack"
        ? programSourcePosition(trace?.getFramesList() ?? [], opts.projectDir)
        : undefined;
    return position ? { sourcePosition: position } : {};
  };
  monitor.registerStackTransform = (req, cb) => {
    transforms.addStackTransform(req.getToken());
    registerStackTransform(req, cb);
  };

  monitor.registerResource = (req, cb) =>
    transforms.apply(req).then(
      () =>
        register(req, (err, resp) => {
          if (!err && resp) {
            transforms.registered(resp.getUrn(), req);
            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((value, key) => {
              propertyDependencies[key] = value.getUrnsList();
            });
            resources.push({
              urn: resp.getUrn(),
              type: req.getType(),
              name: req.getName(),
              custom: req.getCustom(),
              parent: req.getParent() || null,
              dependencies: req.getDependenciesList(),
              propertyDependencies,
              options: {
                protect: optionalBool(req.getProtect, req),
                retainOnDelete: optionalBool(req.getRetainondelete, req),
                ignoreChanges: req.getIgnorechangesList(),
                deleteBeforeReplace: req.getDeletebeforereplace(),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                replaceOnChanges: req.getReplaceonchangesList(),
                deletedWith: req.getDeletedwith() || undefined,
                provider: req.getProvider() || undefined,
                version: req.getVersion() || undefined,
                customTimeouts: timeouts(req),
              },
              inputs: req.getObject()?.toJavaScript() ?? {},
              ...positionOf(req.getType(), req.getStacktrace()),
            });
          }
          cb(err, resp);
        }),
      (err) => cb(err),
    );

  monitor.readResource = (req, cb) =>
    read(req, (err, resp) => {
      if (!err && resp) {
        resources.push({
          urn: resp.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom: true,
          parent: req.getParent() || null,
          dependencies: req.getDependenciesList(),
          propertyDependencies: {},
          options: {
            ...defaultOptions(),
            provider: req.getProvider() || undefined,
            version: req.getVersion() || undefined,
          },
          inputs: req.getProperties()?.toJavaScript() ?? {},
          ...positionOf(req.getType(), req.getStacktrace()),
        });
      }
      cb(err, resp);
    });

  return { resources, outputs, settle: () => settings.waitForRPCs() };
}
