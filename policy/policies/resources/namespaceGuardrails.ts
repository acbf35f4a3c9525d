import { StackValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";
import { namespaceOf } from "../../lib/selectors";
import { parseKubernetesType } from "../../lib/kubernetesType";
import { mayHavePods, podsOf } from "../../lib/workloads";
import { knownOrUndefined } from "../../lib/unknowns";

const QUOTA = "kubernetes:core/v1:ResourceQuota";
const LIMIT_RANGE = "kubernetes:core/v1:LimitRange";

/** Every namespace the stack runs workloads in has a ResourceQuota and a LimitRange from the same stack. */
export const namespaceGuardrails: StackValidationPolicy = {
  name: "namespace-quota-and-limits",
  description: "Every namespace the stack deploys workloads into must have a ResourceQuota and a LimitRange.",
  severity: "medium",
  tags: [groupTag("resources")],
  remediationSteps:
    "Deploy into a namespace created by the platform's SecurityBaseline, or add a ResourceQuota and a LimitRange for it.",
  url: "https://kubernetes.io/docs/concepts/policy/resource-quotas/",
  configSchema: {
    properties: {
      exemptNamespaces: { type: "array", items: { type: "string" }, default: ["kube-system"] },
    },
  },
  validateStack: (args, report) => {
    const { exemptNamespaces = [] } = args.getConfig<{ exemptNamespaces?: string[] }>();
    const guarded = (type: string) =>
      new Set(args.resources.filter((r) => r.type === type).map((r) => namespaceOf(r.props)));
    const quotas = guarded(QUOTA);
    const limits = guarded(LIMIT_RANGE);
    const reported = new Set<string>();
    for (const r of args.resources) {
      if (!mayHavePods(r.type) || parseKubernetesType(r.type)?.patch) continue;
      if (!knownOrUndefined(() => podsOf(r.type, r.props).length)) continue;
      const ns = namespaceOf(r.props);
      if (exemptNamespaces.includes(ns) || reported.has(ns)) continue;
      const missing = [!quotas.has(ns) && "ResourceQuota", !limits.has(ns) && "LimitRange"].filter(Boolean);
      if (missing.length) {
        reported.add(ns);
        report(`namespace "${ns}" (used by ${r.name}) has no ${missing.join(" and no ")} in this stack.`, r.urn);
      }
    }
  },
};
