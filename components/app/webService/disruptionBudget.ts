import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { deepMerge } from "../../merge";
import { childName } from "../../naming";
import { ResolvedWebService } from "./resolve";

/** The PodDisruptionBudget; unhealthy pods may always be evicted, so a broken rollout never blocks a drain. */
export function renderDisruptionBudget(
  r: ResolvedWebService,
  child: pulumi.CustomResourceOptions,
): k8s.policy.v1.PodDisruptionBudget {
  const b = r.disruptionBudget;
  return new k8s.policy.v1.PodDisruptionBudget(
    childName(r.name, "disruptionBudget"),
    deepMerge<k8s.policy.v1.PodDisruptionBudgetArgs>(
      {
        metadata: r.metadata,
        spec: {
          selector: { matchLabels: r.selectorLabels },
          ...(b.minAvailable !== undefined ? { minAvailable: b.minAvailable } : { maxUnavailable: b.maxUnavailable }),
          unhealthyPodEvictionPolicy: "AlwaysAllow",
        },
      },
      r.args.overrides?.disruptionBudget,
    ),
    child,
  );
}
