import { CapturedResource, isSecretEnvelope, SECRET_TEXT } from "../core/resourceModel";
import type { Violation } from "../check/report";
import { takeAcceptedFindings } from "../../policy/lib/acceptance";
import { UNKNOWN_SUBJECT } from "../../policy/lib/unknowns";
import { PolicyAnalyzer, Diagnostic } from "./analyzer";
import { servePack, PackDefinition } from "./packLoader";
import { EnforcementLevel, PolicyConfigFile, reconcilePolicyConfig } from "./policyConfig";

/** A remediation the pack applied to a resource before analysis. */
export interface AppliedRemediation {
  /** Policy that changed the resource. */
  policy: string;
  /** Resource URN. */
  urn: string;
  /** Type token. */
  type: string;
  /** Logical name. */
  name: string;
}

/** Options of {@link evaluatePolicies}. */
export interface PolicyRunOptions {
  /** Stack name (policies may read it through the stack context). */
  stack: string;
  /** Project name. */
  project: string;
  /** Levels and properties, in `--policy-pack-config` form; none means schema defaults and declared levels. */
  config?: PolicyConfigFile;
  /** What the config came from, for messages. @default "policy config" */
  source?: string;
  /** The pack folder. @default the platform's */
  packDir?: string;
  /** A pack definition to serve instead of a folder (benchmarks, tests). @default none */
  pack?: PackDefinition;
}

/** A finding the stack accepted (`guardrails:accepted`): reported with its reason, never failing the run. */
export interface AcceptedViolation {
  /** Policy name. */
  policy: string;
  /** Resource URN. */
  urn: string;
  /** Its type token. */
  type: string;
  /** Its logical name. */
  name: string;
  /** The finding. */
  message: string;
  /** Why the stack accepts it. */
  reason: string;
}

/** A policy that could not judge a resource: a value it reads is unknown in this preview. */
export interface UnknownValue {
  /** Policy name. */
  policy: string;
  /** The level the policy runs at. */
  level: "mandatory" | "advisory";
  /** Resource URN (empty for a stack policy). */
  urn: string;
  /** Its type token. */
  type: string;
  /** Its logical name. */
  name: string;
  /** Which value was unknown, e.g. `string value at .spec.containers can't be known during preview`. */
  reason: string;
}

/** What the policy pass found. */
export interface PolicyRunResult {
  /** Policies that could not judge a resource because of unknown values. */
  unknowns: UnknownValue[];
  /** Violations, in resource order then policy order. */
  violations: Violation[];
  /** Findings the stack accepted. */
  accepted: AcceptedViolation[];
  /** Remediations applied. */
  remediations: AppliedRemediation[];
  /** The resources as analyzed (remediated props where a remediation applied). */
  resources: CapturedResource[];
  /** The level every policy ran at. */
  levels: Record<string, EnforcementLevel>;
}

/** How `@pulumi/policy` reports a policy it could not run on a value unknown in a preview (always at advisory level). */
const UNKNOWN_DIAGNOSTIC = /can't run policy '[^']+' from policy pack '[^']+' during preview: (.+)$/;

/** The analyzer's diagnostic message is `description\nfinding`; reports keep the finding. */
function finding(message: string, description: string | undefined): string {
  return description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
}

/** Secret leaves of a value: strings of four characters or more, and every number and boolean. */
function secretLeaves(value: unknown, inSecret: boolean, out: { strings: Set<string>; scalars: Set<string> }): void {
  if (typeof value === "string") {
    if (inSecret && value.length >= 4) out.strings.add(value);
  } else if (typeof value === "number" || typeof value === "boolean") {
    if (inSecret) out.scalars.add(String(value));
  } else if (Array.isArray(value)) {
    value.forEach((v) => secretLeaves(v, inSecret, out));
  } else if (value && typeof value === "object") {
    const secret = inSecret || isSecretEnvelope(value);
    for (const v of Object.values(value)) secretLeaves(v, secret, out);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces any secret value a policy message quoted with `"[secret]"`: secret strings of any
 * resource, and the secret numbers and booleans of the resource the message is about (as whole
 * tokens, so `containers[0]` stays readable). Secrets are collected on the first message, so a
 * clean run never walks the resources for them.
 */
function redactor(resources: CapturedResource[]): (text: string, urn: string) => string {
  let strings: string[] | undefined;
  const scalarsOf = new Map<string, RegExp | null>();
  return (text, urn) => {
    if (!strings) {
      const all = { strings: new Set<string>(), scalars: new Set<string>() };
      for (const r of resources) secretLeaves(r.inputs, false, all);
      strings = [...all.strings].sort((a, b) => b.length - a.length);
    }
    let out = strings.reduce((t, s) => t.split(s).join(SECRET_TEXT), text);
    if (!scalarsOf.has(urn)) {
      const own = { strings: new Set<string>(), scalars: new Set<string>() };
      const r = resources.find((x) => x.urn === urn);
      if (r) secretLeaves(r.inputs, false, own);
      const tokens = [...own.scalars].sort((a, b) => b.length - a.length).map(escape);
      scalarsOf.set(urn, tokens.length ? new RegExp(`(?<![\\w.\\[-])(?:${tokens.join("|")})(?![\\w\\]]|\\.\\d)`, "g") : null);
    }
    const scalars = scalarsOf.get(urn);
    if (scalars) out = out.replace(scalars, SECRET_TEXT);
    return out;
  };
}

/**
 * Runs the policy pack over rendered resources through `@pulumi/policy`'s own analyzer handlers,
 * as `pulumi preview --policy-pack policy --policy-pack-config FILE` does: config resolved like
 * the engine, remediations first, then analysis of every resource, then the stack policies.
 */
export async function evaluatePolicies(resources: CapturedResource[], opts: PolicyRunOptions): Promise<PolicyRunResult> {
  const analyzer = new PolicyAnalyzer(servePack(opts.packDir, opts.pack));
  takeAcceptedFindings();
  const { policies, initialConfig } = await analyzer.info();
  const config = reconcilePolicyConfig(policies, opts.config ?? {}, opts.source ?? "policy config", initialConfig);
  await analyzer.configure(config);
  // The engine asks for remediations on every resource; with no policy at the remediate level the
  // analyzer's answer is empty by construction, so the call is skipped.
  const remediating = Object.values(config).some((c) => c.enforcementLevel === "remediate");
  await analyzer.configureStack(opts.stack, opts.project, true);
  analyzer.register(resources);

  const described = new Map(policies.map((p) => [p.name, p]));
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const redact = redactor(resources);
  const remediations: AppliedRemediation[] = [];
  const analyzed: CapturedResource[] = [];
  const perResource: Diagnostic[][] = [];
  for (const original of resources) {
    let r = original;
    if (r.type !== "pulumi:pulumi:StackReference") {
      for (const rem of remediating ? await analyzer.remediate(r) : []) {
        if (rem.properties) {
          r = { ...r, inputs: rem.properties };
          remediations.push({ policy: rem.policy, urn: r.urn, type: r.type, name: r.name });
        } else if (rem.diagnostic) {
          perResource.push([{ policy: rem.policy, level: "advisory", urn: r.urn, message: rem.diagnostic }]);
        }
      }
      const urn = r.urn;
      perResource.push((await analyzer.analyze(r)).map((d) => ({ ...d, urn: d.urn || urn })));
    }
    analyzed.push(r);
  }
  perResource.push(await analyzer.analyzeStack(analyzed));

  const unknowns: UnknownValue[] = [];
  const judged = perResource.flat().filter((d) => {
    const unknown = UNKNOWN_DIAGNOSTIC.exec(d.message);
    if (!unknown) return true;
    // A stack policy's unknown names the resource it could not judge (policy/lib/unknowns.ts judgeEach).
    const subject = d.urn ? undefined : UNKNOWN_SUBJECT.exec(unknown[1]);
    const res = subject ? analyzed.find((r) => r.name === subject[1] && r.type === subject[2]) : byUrn.get(d.urn);
    const level = config[d.policy]?.enforcementLevel;
    unknowns.push({
      policy: d.policy, level: level === "mandatory" || level === "remediate" ? "mandatory" : "advisory",
      urn: res?.urn ?? d.urn, type: res?.type ?? "", name: res?.name ?? "", reason: subject && res ? unknown[1].slice(subject[1].length + subject[2].length + 5) : unknown[1],
    });
    return false;
  });
  const violations = judged.map((d): Violation => {
    const res = byUrn.get(d.urn);
    const info = described.get(d.policy);
    return {
      policy: d.policy,
      level: d.level === "mandatory" || d.level === "remediate" ? "mandatory" : "advisory",
      severity: d.severity ?? info?.severity ?? "medium",
      urn: d.urn,
      type: res?.type ?? "",
      name: res?.name ?? "",
      message: redact(finding(d.message, info?.description), d.urn),
    };
  });
  const accepted = takeAcceptedFindings().map((f): AcceptedViolation => ({ ...f, type: byUrn.get(f.urn)?.type ?? "", message: redact(f.message, f.urn) }));
  const levels = Object.fromEntries(Object.entries(config).map(([name, c]) => [name, c.enforcementLevel]));
  return { violations, accepted, unknowns, remediations, resources: analyzed, levels };
}
