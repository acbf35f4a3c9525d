import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";
import { plain, SelectorIndex } from "../../lib/selectorIndex";
import { namespaceOf } from "../../lib/selectors";
import { mayHavePods, podsOf } from "../../lib/workloads";
import { judgeEach } from "../../lib/unknowns";

const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The directions a NetworkPolicy governs (an ingress-only policy when policyTypes is unset without egress rules). */
function directions(policy: PolicyResource): string[] {
  const types = policy.props.spec?.policyTypes;
  if (Array.isArray(types) && types.length) return types;
  return policy.props.spec?.egress ? ["Ingress", "Egress"] : ["Ingress"];
}

/** Every workload's pods are selected by NetworkPolicies governing both ingress and egress. */
export const networkPolicyCoverage: StackValidationPolicy = {
  name: "network-policy-coverage",
  description: "Every workload's pods must be selected by NetworkPolicies for both ingress and egress.",
  severity: "medium",
  tags: [groupTag("hardening")],
  remediationSteps:
    "Deploy into a namespace with a default-deny NetworkPolicy (the platform's SecurityBaseline) and allow each needed path explicitly.",
  url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
  validateStack: (args, report) => {
    const policies = new SelectorIndex<string[]>();
    for (const p of args.resources.filter((r) => r.type === NETWORK_POLICY)) {
      policies.add(namespaceOf(p.props), plain(p.props.spec?.podSelector), directions(p));
    }
    judgeEach(
      args.resources.filter((x) => mayHavePods(x.type)),
      (r) => {
        // A patch's or an operator's pod fields leave the pods' labels to what the stack does not hold.
        const missing = new Set<string>();
        for (const pod of podsOf(r.type, r.props).filter((p) => !p.partial)) {
          const covered = new Set(policies.matching(namespaceOf(r.props), plain(pod.metadata.labels)).flat());
          for (const d of ["Ingress", "Egress"]) if (!covered.has(d)) missing.add(d);
        }
        if (missing.size)
          report(`${r.name}'s pods are not selected by any NetworkPolicy for ${[...missing].join(" or ")}.`, r.urn);
      },
    );
  },
};
