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

/** A rule that admits every peer on every port: no `from`/`to` list (or an empty one) and no `ports`. */
const admitsAll = (rule: any, peers: "from" | "to") =>
  rule !== null &&
  typeof rule === "object" &&
  (!Array.isArray(rule[peers]) || rule[peers].length === 0) &&
  (!Array.isArray(rule.ports) || rule.ports.length === 0);

/** The directions a NetworkPolicy opens to everything: NetworkPolicies add up, so one such rule undoes a default deny. */
function openedDirections(policy: PolicyResource): string[] {
  const spec = policy.props.spec ?? {};
  const opened: string[] = [];
  if (Array.isArray(spec.ingress) && spec.ingress.some((r: any) => admitsAll(r, "from"))) opened.push("Ingress");
  if (Array.isArray(spec.egress) && spec.egress.some((r: any) => admitsAll(r, "to"))) opened.push("Egress");
  return opened.filter((d) => directions(policy).includes(d));
}

/** Every workload's pods are selected by NetworkPolicies governing both ingress and egress. */
export const networkPolicyCoverage: StackValidationPolicy = {
  name: "network-policy-coverage",
  description:
    "Every workload's pods must be selected by NetworkPolicies for both ingress and egress, none of which admits all traffic.",
  severity: "medium",
  tags: [groupTag("hardening")],
  remediationSteps:
    "Deploy into a namespace with a default-deny NetworkPolicy (the platform's SecurityBaseline) and allow each needed path explicitly.",
  url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
  validateStack: (args, report) => {
    const policies = new SelectorIndex<{ name: string; governs: string[]; opens: string[] }>();
    for (const p of args.resources.filter((r) => r.type === NETWORK_POLICY)) {
      policies.add(namespaceOf(p.props), plain(p.props.spec?.podSelector), {
        name: p.props.metadata?.name ?? p.name,
        governs: directions(p),
        opens: openedDirections(p),
      });
    }
    judgeEach(
      args.resources.filter((x) => mayHavePods(x.type)),
      (r) => {
        // A patch's or an operator's pod fields leave the pods' labels to what the stack does not hold.
        const missing = new Set<string>();
        const opened = new Map<string, string>();
        for (const pod of podsOf(r.type, r.props).filter((p) => !p.partial)) {
          const selecting = policies.matching(namespaceOf(r.props), plain(pod.metadata.labels));
          const covered = new Set(selecting.flatMap((p) => p.governs));
          for (const d of ["Ingress", "Egress"]) if (!covered.has(d)) missing.add(d);
          for (const p of selecting) for (const d of p.opens) opened.set(d, p.name);
        }
        if (missing.size)
          report(`${r.name}'s pods are not selected by any NetworkPolicy for ${[...missing].join(" or ")}.`, r.urn);
        for (const [d, name] of opened)
          report(
            `${r.name}'s pods are open to all ${d} traffic: NetworkPolicy "${name}" admits every peer on every port, which undoes any deny.`,
            r.urn,
          );
      },
    );
  },
};
