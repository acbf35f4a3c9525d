import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { CapturedResource } from "../check/resourceModel";
import { AnalyzerHandlers, invoke } from "./packLoader";
import { EnforcementLevel, PolicyConfig, PolicyConfigFile, PolicyInfo } from "./policyConfig";

const proto = require("@pulumi/pulumi/proto/analyzer_pb");
const emptyProto = require("google-protobuf/google/protobuf/empty_pb");

const LEVEL_TO_ENUM: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const ENUM_TO_LEVEL: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const SEVERITY: Record<number, PolicyInfo["severity"]> = { 1: "low", 2: "medium", 3: "high", 4: "critical" };

/** A diagnostic as the analyzer returns it. */
export interface Diagnostic {
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

function struct(value: Record<string, unknown> | undefined): any {
  return Struct.fromJavaScript((value ?? {}) as never);
}

function options(r: CapturedResource): any {
  const o = new proto.AnalyzerResourceOptions();
  o.setProtect(r.options.protect);
  o.setIgnorechangesList(r.options.ignoreChanges);
  o.setDeletebeforereplace(r.options.deleteBeforeReplace);
  o.setDeletebeforereplacedefined(r.options.deleteBeforeReplace);
  o.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
  o.setAliasesList([]);
  if (r.parent) o.setParent(r.parent);
  return o;
}

function providerOf(r: CapturedResource, byUrn: Map<string, CapturedResource>): any {
  const ref = r.options.provider;
  if (!ref) return undefined;
  const urn = ref.slice(0, ref.lastIndexOf("::"));
  const provider = byUrn.get(urn);
  if (!provider) return undefined;
  const p = new proto.AnalyzerProviderResource();
  p.setUrn(provider.urn);
  p.setType(provider.type);
  p.setName(provider.name);
  p.setProperties(struct(provider.inputs));
  return p;
}

function diagnostics(response: any): Diagnostic[] {
  return response.getDiagnosticsList().map((d: any) => ({
    policy: d.getPolicyname(),
    level: ENUM_TO_LEVEL[d.getEnforcementlevel()] ?? "advisory",
    severity: SEVERITY[d.getSeverity()],
    urn: d.getUrn(),
    message: d.getMessage(),
  }));
}

/**
 * Drives a policy pack's analyzer handlers the way the Pulumi engine drives the analyzer plugin:
 * info, configure, then per resource remediate-then-analyze, then analyzeStack once.
 */
export class PolicyAnalyzer {
  private readonly byUrn = new Map<string, CapturedResource>();

  constructor(private readonly handlers: AnalyzerHandlers) {}

  /** The pack's policies and its programmatic initial config. */
  async info(): Promise<{ policies: PolicyInfo[]; initialConfig: PolicyConfigFile }> {
    const info: any = await invoke(this.handlers.getAnalyzerInfo, new emptyProto.Empty());
    const policies: PolicyInfo[] = info.getPoliciesList().map((p: any) => {
      const schema = p.getConfigschema();
      return {
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: ENUM_TO_LEVEL[p.getEnforcementlevel()] ?? "advisory",
        severity: SEVERITY[p.getSeverity()],
        configSchema: schema ? { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() } : undefined,
      };
    });
    const initialConfig: PolicyConfigFile = {};
    info.getInitialconfigMap().forEach((v: any, k: string) => {
      initialConfig[k] = { enforcementLevel: ENUM_TO_LEVEL[v.getEnforcementlevel()], properties: v.getProperties()?.toJavaScript() };
    });
    return { policies, initialConfig };
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

  private request(r: CapturedResource, inputs: Record<string, unknown>): any {
    const req = new proto.AnalyzeRequest();
    req.setType(r.type);
    req.setUrn(r.urn);
    req.setName(r.name);
    req.setProperties(struct(inputs));
    req.setOptions(options(r));
    const provider = providerOf(r, this.byUrn);
    if (provider) req.setProvider(provider);
    return req;
  }

  /** Runs every remediate-level policy over one resource. */
  async remediate(r: CapturedResource): Promise<Remediation[]> {
    const response: any = await invoke(this.handlers.remediate, this.request(r, r.inputs));
    return response.getRemediationsList().map((x: any) => ({
      policy: x.getPolicyname(),
      properties: x.getProperties()?.toJavaScript(),
      diagnostic: x.getDiagnostic() || undefined,
    }));
  }

  /** Runs every resource policy over one resource's (possibly remediated) inputs. */
  async analyze(r: CapturedResource): Promise<Diagnostic[]> {
    return diagnostics(await invoke(this.handlers.analyze, this.request(r, r.inputs)));
  }

  /** Runs every stack policy over all resources, with parents and dependencies linked. */
  async analyzeStack(resources: CapturedResource[]): Promise<Diagnostic[]> {
    const req = new proto.AnalyzeStackRequest();
    req.setResourcesList(resources.map((r) => {
      const a = new proto.AnalyzerResource();
      a.setType(r.type);
      a.setUrn(r.urn);
      a.setName(r.name);
      a.setProperties(struct(r.inputs));
      a.setOptions(options(r));
      if (r.parent) a.setParent(r.parent);
      a.setDependenciesList(r.dependencies);
      const deps = a.getPropertydependenciesMap();
      for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
        const d = new proto.AnalyzerPropertyDependencies();
        d.setUrnsList(urns);
        deps.set(prop, d);
      }
      const provider = providerOf(r, this.byUrn);
      if (provider) a.setProvider(provider);
      return a;
    }));
    return diagnostics(await invoke(this.handlers.analyzeStack, req));
  }
}
