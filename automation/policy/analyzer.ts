import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type * as AnalyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { CapturedResource } from "../core/resourceModel";
import { duringStackAnalysis } from "../../policy/lib/readiness/stackAnalysis";
import { AnalyzerHandlers, invoke } from "./packLoader";
import { EnforcementLevel, PolicyConfig, PolicyConfigFile, PolicyInfo } from "./policyConfig";

const proto = require("@pulumi/pulumi/proto/analyzer_pb");
const emptyProto = require("google-protobuf/google/protobuf/empty_pb");

const LEVEL_TO_ENUM: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const ENUM_TO_LEVEL = Object.fromEntries(Object.entries(LEVEL_TO_ENUM).map(([level, n]) => [n, level])) as Record<
  number,
  EnforcementLevel
>;
const SEVERITY: Record<number, PolicyInfo["severity"]> = { 1: "low", 2: "medium", 3: "high", 4: "critical" };

/** A diagnostic as the analyzer returns it. */
export interface AnalyzerDiagnostic {
  /** Policy name. */
  policy: string;
  /** Level it was reported at (remediate is reported as mandatory by the analyzer). */
  level: EnforcementLevel;
  /** Severity, when the policy declares one. */
  severity?: PolicyInfo["severity"];
  /** Resource URN (stack policies may leave it empty). */
  urn: string;
  /** The full message: the policy description, a newline, the specific finding. */
  message: string;
}

/** A remediation the analyzer applied. */
export interface Remediation {
  /** Policy that remediated. */
  policy: string;
  /** New wire-encoded props, when the remediation changed the resource. */
  properties?: Record<string, unknown>;
  /** Why it could not run (e.g. an unknown value in preview). */
  diagnostic?: string;
}

function struct(value: Record<string, unknown> | undefined): Struct {
  return Struct.fromJavaScript((value ?? {}) as never);
}

/**
 * The analyzer reads a request only through its getters, and a resource's properties only through
 * `getProperties().toJavaScript()`. These request objects answer the same getters from the
 * captured resource directly, skipping a protobuf encode and decode per policy per resource; the
 * values are the JSON form a Struct would carry, so the handlers see exactly what the CLI sends.
 */
class WireOptions {
  constructor(private readonly r: CapturedResource) {}
  getProtect() {
    return this.r.options.protect;
  }
  getIgnorechangesList() {
    return this.r.options.ignoreChanges;
  }
  getAliasesList() {
    return [];
  }
  getCustomtimeouts() {
    return undefined;
  }
  getAdditionalsecretoutputsList() {
    return this.r.options.additionalSecretOutputs;
  }
  getDeletebeforereplacedefined() {
    return this.r.options.deleteBeforeReplace;
  }
  getDeletebeforereplace() {
    return this.r.options.deleteBeforeReplace;
  }
  getParent() {
    return this.r.parent ?? "";
  }
}

class WireProperties {
  constructor(private readonly value: Record<string, unknown>) {}
  toJavaScript() {
    return this.value;
  }
}

class WireProvider {
  constructor(private readonly p: CapturedResource) {}
  getUrn() {
    return this.p.urn;
  }
  getType() {
    return this.p.type;
  }
  getName() {
    return this.p.name;
  }
  getProperties() {
    return new WireProperties(this.p.inputs);
  }
}

class WireResource {
  constructor(
    private readonly r: CapturedResource,
    private readonly provider: CapturedResource | undefined,
  ) {}
  getType() {
    return this.r.type;
  }
  getUrn() {
    return this.r.urn;
  }
  getName() {
    return this.r.name;
  }
  getProperties() {
    return new WireProperties(this.r.inputs);
  }
  getOptions() {
    return new WireOptions(this.r);
  }
  getProvider() {
    return this.provider ? new WireProvider(this.provider) : undefined;
  }
  getParent() {
    return this.r.parent ?? "";
  }
  getDependenciesList() {
    return this.r.dependencies;
  }
  getPropertydependenciesMap() {
    return new Map(Object.entries(this.r.propertyDependencies).map(([k, urns]) => [k, { getUrnsList: () => urns }]));
  }
}

function providerOf(r: CapturedResource, byUrn: Map<string, CapturedResource>): CapturedResource | undefined {
  const ref = r.options.provider;
  return ref ? byUrn.get(ref.slice(0, ref.lastIndexOf("::"))) : undefined;
}

function diagnostics(response: AnalyzerProto.AnalyzeResponse): AnalyzerDiagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policy: d.getPolicyname(),
    level: ENUM_TO_LEVEL[d.getEnforcementlevel()] ?? "advisory",
    severity: SEVERITY[d.getSeverity()],
    urn: d.getUrn(),
    message: d.getMessage(),
  }));
}

/** A pack's policies and its programmatic initial config. */
export interface PackInfo {
  /** Every policy, as the pack declares it. */
  policies: PolicyInfo[];
  /** The config the pack sets in code, before any file's. */
  initialConfig: PolicyConfigFile;
}

/** What a pack's analyzer says of itself (the `GetAnalyzerInfo` RPC). */
async function packInfo(handlers: AnalyzerHandlers): Promise<PackInfo> {
  const info = await invoke<AnalyzerProto.AnalyzerInfo>(handlers.getAnalyzerInfo, new emptyProto.Empty());
  const policies: PolicyInfo[] = info.getPoliciesList().map((p) => {
    const schema = p.getConfigschema();
    return {
      name: p.getName(),
      description: p.getDescription(),
      enforcementLevel: ENUM_TO_LEVEL[p.getEnforcementlevel()] ?? "advisory",
      severity: SEVERITY[p.getSeverity()],
      tags: p.getTagsList(),
      configSchema: schema
        ? {
            properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
            required: schema.getRequiredList(),
          }
        : undefined,
    };
  });
  const initialConfig: PolicyConfigFile = {};
  info.getInitialconfigMap().forEach((v, k) => {
    initialConfig[k] = {
      enforcementLevel: ENUM_TO_LEVEL[v.getEnforcementlevel()],
      properties: v.getProperties()?.toJavaScript(),
    };
  });
  return { policies, initialConfig };
}

const infoOfPack = new WeakMap<AnalyzerHandlers, Promise<PackInfo>>();

/**
 * Drives a policy pack's analyzer handlers the way the Pulumi engine drives the analyzer plugin:
 * info, configure, then per resource remediate-then-analyze, then analyzeStack once.
 */
export class PolicyAnalyzer {
  private readonly byUrn = new Map<string, CapturedResource>();

  constructor(private readonly handlers: AnalyzerHandlers) {}

  /**
   * The pack's policies and its programmatic initial config: asked of the analyzer once per served
   * pack, as the engine asks once per plugin it loads. Read it, never change it.
   */
  info(): Promise<PackInfo> {
    let info = infoOfPack.get(this.handlers);
    if (!info) {
      info = packInfo(this.handlers);
      infoOfPack.set(this.handlers, info);
      info.catch(() => infoOfPack.delete(this.handlers));
    }
    return info;
  }

  /** Sends resolved per-policy config (the `Configure` RPC). */
  async configure(config: Record<string, PolicyConfig>): Promise<void> {
    const req = new proto.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, c] of Object.entries(config)) {
      const pc = new proto.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_TO_ENUM[c.enforcementLevel]);
      pc.setProperties(struct(c.properties));
      map.set(name, pc);
    }
    await invoke(this.handlers.configure, req);
  }

  /** Sends the stack context (the `ConfigureStack` RPC). */
  async configureStack(stack: string, project: string, dryRun: boolean): Promise<void> {
    const req = new proto.AnalyzerStackConfigureRequest();
    req.setStack(stack);
    req.setProject(project);
    req.setDryRun(dryRun);
    await invoke(this.handlers.configureStack, req);
  }

  /** Makes resources known, so provider references resolve. */
  register(resources: CapturedResource[]): void {
    for (const r of resources) this.byUrn.set(r.urn, r);
  }

  private request(r: CapturedResource): WireResource {
    return new WireResource(r, providerOf(r, this.byUrn));
  }

  /** Runs every remediate-level policy over one resource. */
  async remediate(r: CapturedResource): Promise<Remediation[]> {
    const response = await invoke<AnalyzerProto.RemediateResponse>(this.handlers.remediate, this.request(r));
    return response.getRemediationsList().map((x) => ({
      policy: x.getPolicyname(),
      properties: x.getProperties()?.toJavaScript(),
      diagnostic: x.getDiagnostic() || undefined,
    }));
  }

  /** Runs every resource policy over one resource's (possibly remediated) inputs. */
  async analyze(r: CapturedResource): Promise<AnalyzerDiagnostic[]> {
    return diagnostics(await invoke<AnalyzerProto.AnalyzeResponse>(this.handlers.analyze, this.request(r)));
  }

  /** Runs every stack policy over all resources, with parents and dependencies linked. */
  async analyzeStack(resources: CapturedResource[]): Promise<AnalyzerDiagnostic[]> {
    const list = resources.map((r) => this.request(r));
    const req = { getResourcesList: () => list };
    return diagnostics(
      await duringStackAnalysis(() => invoke<AnalyzerProto.AnalyzeResponse>(this.handlers.analyzeStack, req)),
    );
  }
}
