import { StackValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";
import { plain, SelectorIndex } from "../../lib/selectorIndex";
import { namespaceOf } from "../../lib/selectors";
import { podsOf } from "../../lib/workloads";
import { judgeEach } from "../../lib/unknowns";

const COVERED_TYPES = ["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet"];
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";

/** Every Deployment and StatefulSet is covered by a PodDisruptionBudget in its namespace. */
export const pdbCoverage: StackValidationPolicy = {
  name: "pdb-coverage",
  description: "Deployments and StatefulSets must be covered by a PodDisruptionBudget.",
  severity: "medium",
  tags: [groupTag("hardening")],
  remediationSteps:
    "Add a PodDisruptionBudget whose selector matches the pod template labels (the platform's WebService creates one).",
  url: "https://kubernetes.io/docs/tasks/run-application/configure-pdb/",
  validateStack: (args, report) => {
    const pdbs = new SelectorIndex<string>();
    for (const p of args.resources.filter((r) => r.type === PDB))
      pdbs.add(namespaceOf(p.props), plain(p.props.spec?.selector), p.urn);
    judgeEach(
      args.resources.filter((x) => COVERED_TYPES.includes(x.type)),
      (r) => {
        const [pod] = podsOf(r.type, r.props);
        if (!pod) return;
        const ns = namespaceOf(r.props);
        if (!pdbs.matching(ns, plain(pod.metadata.labels)).length)
          report(`${r.name} has no PodDisruptionBudget selecting its pods in namespace "${ns}".`, r.urn);
      },
    );
  },
};
