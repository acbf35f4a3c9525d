import type { FindingCategory, FindingSeverity } from "../../core/findings";
import { DEFAULT_CATEGORY, severityOf } from "../../core/findings";

/** What a report says about a policy besides its findings: the pack's metadata. */
export interface PolicyInfo {
  /** Policy name. */
  name: string;
  /** One sentence: what it requires. */
  description: string;
  /** How serious its findings are. */
  severity: FindingSeverity;
  /** Whether it guards security or readiness. */
  category: FindingCategory;
  /** The pack's tags (`group:tls`, `pss-baseline`, …). */
  tags: string[];
  /** How to fix a finding. @default none */
  remediationSteps?: string;
  /** Where to read more. @default none */
  url?: string;
  /** The compliance framework it implements, `name version: specification`. @default none */
  framework?: string;
}

/** Policy metadata as `@pulumi/policy` declares it (the fields reports read). */
interface PolicyMetadata {
  name: string;
  description?: string;
  severity?: string;
  tags?: string[];
  remediationSteps?: string;
  url?: string;
  framework?: { name?: string; version?: string; specification?: string };
}

/** The catalog of `policies` by name. */
export function policyCatalog(policies: readonly PolicyMetadata[]): Map<string, PolicyInfo> {
  return new Map(
    policies.map((p) => {
      const f = p.framework;
      const framework = f?.name
        ? `${f.name}${f.version ? ` ${f.version}` : ""}${f.specification ? `: ${f.specification}` : ""}`
        : undefined;
      const info: PolicyInfo = {
        name: p.name,
        description: p.description ?? p.name,
        severity: severityOf(p.severity),
        category: p.tags?.includes("group:readiness") ? "readiness" : DEFAULT_CATEGORY,
        tags: [...(p.tags ?? [])],
        ...(p.remediationSteps ? { remediationSteps: p.remediationSteps } : {}),
        ...(p.url ? { url: p.url } : {}),
        ...(framework ? { framework } : {}),
      };
      return [p.name, info];
    }),
  );
}

/** The catalog of the platform's own pack (a team's own policies are described by their findings alone). */
export function platformPolicyCatalog(): Map<string, PolicyInfo> {
  const { policies } = require("../../../policy/policies") as typeof import("../../../policy/policies");
  return policyCatalog(policies);
}
