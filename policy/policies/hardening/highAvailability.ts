import { StackValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";
import { floorOf, hpaFor, isHpa } from "../../lib/replicas";
import { judgeEach } from "../../lib/unknowns";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

/** Deployments keep serving through a node loss: at least two replicas, spread over nodes or zones. */
export const highAvailability: StackValidationPolicy = {
  name: "replicas-and-spread",
  description:
    "Deployments must run at least minReplicas replicas (their HPA's minimum, else their own count) and spread them with topologySpreadConstraints or pod anti-affinity.",
  severity: "medium",
  tags: [groupTag("hardening")],
  remediationSteps:
    "Set replicas (or the HPA's minReplicas) to 2 or more and add topologySpreadConstraints over kubernetes.io/hostname and topology.kubernetes.io/zone (WebService does).",
  url: "https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/",
  configSchema: { properties: { minReplicas: { type: "integer", minimum: 1, default: 2 } } },
  validateStack: (args, report) => {
    const { minReplicas = 2 } = args.getConfig<{ minReplicas?: number }>();
    judgeEach(args.resources.filter(isHpa), (hpa) => {
      const min = Number(hpa.props.spec?.minReplicas ?? 1);
      if (min < minReplicas)
        report(`${hpa.name}: minReplicas ${min} is below ${minReplicas}; one pod lost is the service down.`, hpa.urn);
    });
    judgeEach(
      args.resources.filter((r) => r.type === DEPLOYMENT),
      (d) => {
        const floor = floorOf(d, args.resources);
        if (!hpaFor(d, args.resources) && floor < minReplicas)
          report(`${d.name} runs ${floor} replica(s), fewer than ${minReplicas}.`, d.urn);
        const pod = d.props.spec?.template?.spec ?? {};
        if (
          Math.max(floor, Number(d.props.spec?.replicas ?? 1)) > 1 &&
          !(pod.topologySpreadConstraints ?? []).length &&
          !pod.affinity?.podAntiAffinity
        ) {
          report(
            `${d.name} runs several replicas with no topologySpreadConstraints or pod anti-affinity: they may share one node.`,
            d.urn,
          );
        }
      },
    );
  },
};
