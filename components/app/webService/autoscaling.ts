import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { deepMerge } from "../../merge";
import { childName } from "../../naming";
import { ScalingRules } from "./args";
import { WEB_SERVICE_DEFAULTS as D } from "./defaults";
import { ResolvedScaling, ResolvedWebService } from "./resolve";

/** The HorizontalPodAutoscaler on CPU and memory of the Deployment `deploymentName`. */
export function renderHorizontalAutoscaler(
  r: ResolvedWebService,
  scaling: Extract<ResolvedScaling, { mode: "autoscaled" }>,
  deploymentName: pulumi.Input<string>,
  child: pulumi.CustomResourceOptions,
): k8s.autoscaling.v2.HorizontalPodAutoscaler {
  const a = scaling.autoscaling;
  const scaleUp = scalingBehavior(a.behavior?.scaleUp);
  return new k8s.autoscaling.v2.HorizontalPodAutoscaler(
    childName(r.name, "autoscaler"),
    deepMerge<k8s.autoscaling.v2.HorizontalPodAutoscalerArgs>(
      {
        metadata: r.metadata,
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deploymentName },
          minReplicas: a.minReplicas,
          maxReplicas: a.maxReplicas,
          metrics: [utilization("cpu", a.cpuUtilization), utilization("memory", a.memoryUtilization)],
          behavior: {
            ...(Object.keys(scaleUp).length ? { scaleUp } : {}),
            scaleDown: scalingBehavior(a.behavior?.scaleDown, D.autoscaling.scaleDownStabilizationSeconds),
          },
        },
      },
      r.args.overrides?.autoscaler,
    ),
    child,
  );
}

/** The VerticalPodAutoscaler of the app's container in the Deployment `deploymentName`. */
export function renderVerticalAutoscaler(
  r: ResolvedWebService,
  vpa: NonNullable<ResolvedWebService["verticalAutoscaling"]>,
  deploymentName: pulumi.Input<string>,
  child: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResource {
  const minAllowed = bounds(vpa.minAllowed);
  const maxAllowed = bounds(vpa.maxAllowed);
  return new k8s.apiextensions.CustomResource(
    childName(r.name, "verticalAutoscaler"),
    {
      apiVersion: "autoscaling.k8s.io/v1",
      kind: "VerticalPodAutoscaler",
      metadata: r.metadata,
      spec: {
        targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deploymentName },
        updatePolicy: { updateMode: vpa.updateMode },
        resourcePolicy: {
          containerPolicies: [
            {
              containerName: r.objectName,
              controlledResources: [...vpa.controlledResources],
              ...(minAllowed ? { minAllowed } : {}),
              ...(maxAllowed ? { maxAllowed } : {}),
            },
          ],
        },
      },
    },
    child,
  );
}

function utilization(resource: string, averageUtilization: number) {
  return { type: "Resource", resource: { name: resource, target: { type: "Utilization", averageUtilization } } };
}

/** One direction of the HPA's behavior: its stabilization window and per-minute limits. */
function scalingBehavior(rules: ScalingRules | undefined, defaultWindow?: number) {
  const policies = [
    ...(rules?.maxPodsPerMinute !== undefined
      ? [{ type: "Pods", value: rules.maxPodsPerMinute, periodSeconds: 60 }]
      : []),
    ...(rules?.maxPercentPerMinute !== undefined
      ? [{ type: "Percent", value: rules.maxPercentPerMinute, periodSeconds: 60 }]
      : []),
  ];
  const window = rules?.stabilizationWindowSeconds ?? defaultWindow;
  return {
    ...(window !== undefined ? { stabilizationWindowSeconds: window } : {}),
    ...(policies.length ? { policies, selectPolicy: "Max" } : {}),
  };
}

function bounds(b: { readonly cpu?: string; readonly memory?: string } | undefined) {
  return b && (b.cpu || b.memory)
    ? { ...(b.cpu ? { cpu: b.cpu } : {}), ...(b.memory ? { memory: b.memory } : {}) }
    : undefined;
}
