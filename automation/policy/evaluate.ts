import * as path from "node:path";
import { EvaluationError } from "../core/errors";
import {
  AcceptedFinding,
  DEFAULT_CATEGORY,
  FindingCategory,
  Finding,
  findingLevel,
  ResourceRef,
  severityOf,
  UnjudgedFinding,
} from "../core/findings";
import { CapturedResource, urnName } from "../core/resourceModel";
import { UNKNOWN_DIAGNOSTIC } from "../../policy/lib/unknowns";
import { acceptanceReason, splitAcceptances } from "./acceptedFindings";
import { AnalyzerDiagnostic, PolicyAnalyzer } from "./analyzer";
import { redactor } from "./messageRedaction";
import { servePack, PackDefinition } from "./packLoader";
import type { PolicyTimeSink } from "./policyTimer";
import { EnforcementLevel, PolicyConfigFile, reconcilePolicyConfig } from "./policyConfig";

/**
 * A policy that threw, as the evaluation error it is (exit 3): which policy of which pack, the
 * error it threw, where in the pack's code, and the resource it was judging.
 * @throws EvaluationError always.
 */
function policyFailure(err: unknown, resource?: CapturedResource): never {
  const text = err instanceof Error ? err.message : String(err);
  const [headline, ...rest] = text.split("\n");
  const policy = /^Error (?:validating|remediating) (?:resource|stack) with (policy .*?):?$/.exec(headline)?.[1];
  const thrown = policy ? rest.find((line) => line.trim() && !/^\s+at /.test(line)) : headline;
  const frame = rest.map((line) => /\(?([^()\s]+:\d+):\d+\)?$/.exec(line.trim())?.[1]).find(Boolean);
  throw new EvaluationError(
    `${policy ?? "a policy"} threw ${thrown ?? "an error"}`,
    frame ? path.relative(process.cwd(), frame) : undefined,
    resource ? `${resource.name} [${resource.type}]` : undefined,
  );
}

/** A remediation the pack applied to a resource before analysis. */
export interface AppliedRemediation extends ResourceRef {
  /** Policy that changed the resource. */
  policy: string;
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
  /** Told how long each policy check took, by group (the benchmark's phase table; the first pack served in a process). @default nobody */
  onPolicyTime?: PolicyTimeSink;
}

/** What the policy pass found. */
export interface PolicyRunResult {
  /** Policies that could not judge a resource because of unknown values. */
  unknowns: UnjudgedFinding[];
  /** Findings not accepted, in resource order then policy order. */
  violations: Finding[];
  /** Findings the config accepts (each policy's `accepted` property), with the reason. */
  accepted: AcceptedFinding[];
  /** Remediations applied. */
  remediations: AppliedRemediation[];
  /** The resources as analyzed (remediated props where a remediation applied). */
  resources: CapturedResource[];
  /** The level every policy ran at. */
  levels: Record<string, EnforcementLevel>;
}

/** A policy's finding category: `readiness` for the readiness group, else the default. */
function categoryOf(tags: readonly string[] | undefined): FindingCategory {
  return tags?.includes("group:readiness") ? "readiness" : DEFAULT_CATEGORY;
}

/** The analyzer's diagnostic message is `description\nfinding`; reports keep the finding. */
function withoutDescription(message: string, description: string | undefined): string {
  return description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
}

/**
 * Runs the policy pack over rendered resources through `@pulumi/policy`'s own analyzer handlers,
 * as `pulumi preview --policy-pack policy --policy-pack-config FILE` does: config resolved like
 * the engine, remediations first, then analysis of every resource, then the stack policies.
 * Unlike the engine, the pack runs without each policy's `accepted` property: the findings it
 * accepts come back in `accepted`, with the reason, instead of being dropped.
 */
export async function evaluatePolicies(
  resources: CapturedResource[],
  opts: PolicyRunOptions,
): Promise<PolicyRunResult> {
  const analyzer = new PolicyAnalyzer(servePack(opts.packDir, opts.pack, opts.onPolicyTime));
  const { policies, initialConfig } = await analyzer.info();
  const resolved = reconcilePolicyConfig(policies, opts.config ?? {}, opts.source ?? "policy config", initialConfig);
  const { config, accepted: acceptances } = splitAcceptances(resolved);
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
  const perResource: AnalyzerDiagnostic[][] = [];
  for (const original of resources) {
    let r = original;
    if (r.type !== "pulumi:pulumi:StackReference") {
      const subject = r;
      const remediated = remediating ? await analyzer.remediate(r).catch((err) => policyFailure(err, subject)) : [];
      for (const rem of remediated) {
        if (rem.properties) {
          r = { ...r, inputs: rem.properties };
          remediations.push({ policy: rem.policy, urn: r.urn, type: r.type, name: r.name });
        } else if (rem.diagnostic) {
          perResource.push([{ policy: rem.policy, level: "advisory", urn: r.urn, message: rem.diagnostic }]);
        }
      }
      const urn = r.urn;
      const analyzedDiagnostics = await analyzer.analyze(r).catch((err) => policyFailure(err, subject));
      perResource.push(analyzedDiagnostics.map((d) => ({ ...d, urn: d.urn || urn })));
    }
    analyzed.push(r);
  }
  perResource.push(await analyzer.analyzeStack(analyzed).catch((err) => policyFailure(err)));

  const refOf = (urn: string): ResourceRef => {
    const res = byUrn.get(urn);
    return { urn, type: res?.type ?? "", name: res?.name ?? "" };
  };
  const unknowns: UnjudgedFinding[] = [];
  const violations: Finding[] = [];
  const accepted: AcceptedFinding[] = [];
  for (const d of perResource.flat()) {
    const unknown = UNKNOWN_DIAGNOSTIC.exec(d.message);
    if (unknown) {
      unknowns.push({
        policy: d.policy,
        level: findingLevel(config[d.policy]?.enforcementLevel),
        ...refOf(d.urn),
        reason: unknown[1],
      });
      continue;
    }
    const info = described.get(d.policy);
    const finding: Finding = {
      policy: d.policy,
      category: categoryOf(info?.tags),
      level: findingLevel(d.level),
      severity: severityOf(d.severity ?? info?.severity),
      ...refOf(d.urn),
      message: redact(withoutDescription(d.message, info?.description), d.urn),
    };
    const reason = acceptanceReason(acceptances, d.policy, d.urn ? urnName(d.urn) : "");
    if (reason === undefined) violations.push(finding);
    else accepted.push({ ...finding, reason });
  }
  const levels = Object.fromEntries(Object.entries(config).map(([name, c]) => [name, c.enforcementLevel]));
  return { violations, accepted, unknowns, remediations, resources: analyzed, levels };
}
