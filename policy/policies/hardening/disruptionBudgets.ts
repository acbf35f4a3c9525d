import { StackValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";
import { namespaceOf, selects } from "../../lib/selectors";
import { plain } from "../../lib/selectorIndex";
import { podsOf } from "../../lib/workloads";
import { floorOf } from "../../lib/replicas";
import { judgeEach } from "../../lib/unknowns";

const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const SCALED = ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet"];

/**
 * How many pods an int-or-percent field of a budget stands for out of `total`: a percentage is
 * scaled and rounded up, as the disruption controller rounds it; `undefined` when malformed.
 */
function scaledCount(value: unknown, total: number): number | undefined {
  if (typeof value === "number") return value;
  const text = String(value);
  if (/^\d+$/.test(text)) return Number(text);
  const percent = /^(\d+)%$/.exec(text);
  return percent ? Math.ceil((total * Number(percent[1])) / 100) : undefined;
}

/** A PodDisruptionBudget lets at least one pod go, or node drains and cluster upgrades stop. */
export const disruptionBudgets: StackValidationPolicy = {
  name: "pdb-allows-disruption",
  description: "PodDisruptionBudgets must allow at least one pod to be evicted at the workload's fewest replicas.",
  severity: "medium",
  tags: [groupTag("hardening")],
  remediationSteps:
    "Use maxUnavailable: 1 (the platform's default), or a minAvailable below the HPA's minReplicas (and the Deployment's replicas).",
  url: "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions",
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => r.type === PDB),
      (pdb) => {
        const spec = pdb.props.spec ?? {};
        if (
          spec.maxUnavailable !== undefined &&
          (spec.maxUnavailable === 0 || String(spec.maxUnavailable) === "0%" || String(spec.maxUnavailable) === "0")
        ) {
          report(`${pdb.name}: maxUnavailable ${spec.maxUnavailable} never allows an eviction.`, pdb.urn);
          return;
        }
        if (spec.minAvailable === undefined) return;
        if (String(spec.minAvailable) === "100%") {
          report(`${pdb.name}: minAvailable 100% never allows an eviction.`, pdb.urn);
          return;
        }
        for (const w of args.resources.filter(
          (r) => SCALED.includes(r.type) && namespaceOf(r.props) === namespaceOf(pdb.props),
        )) {
          const [pod] = podsOf(w.type, w.props);
          if (!pod || !selects(plain(spec.selector), plain(pod.metadata.labels))) continue;
          const floor = floorOf(w, args.resources);
          const kept = scaledCount(spec.minAvailable, floor);
          if (kept !== undefined && kept >= floor)
            report(
              `${pdb.name}: minAvailable ${spec.minAvailable}${typeof spec.minAvailable === "number" ? "" : ` (${kept} pod(s), rounded up as Kubernetes does)`} is not below ${w.name}'s ${floor} replica(s) at its fewest, so no pod may be evicted.`,
              pdb.urn,
            );
        }
      },
    );
  },
};
