import * as appautoscaling from "@pulumi/aws/appautoscaling";
import * as lb from "@pulumi/aws/lb";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../../naming";
import { ResolvedFargateService, ResolvedRouting, ResolvedTaskCount } from "./resolve";

/** Where requests per task are counted: the load balancer and the service's target group. */
export interface RequestCounting {
  /** The routing of the service. */
  readonly routing: ResolvedRouting;
  /** Its target group. */
  readonly targetGroup: lb.TargetGroup;
}

/** Target tracking on CPU, and on memory and requests per task when asked, of the service `serviceName`. */
export function renderAutoscaling(
  r: ResolvedFargateService,
  scaling: Extract<ResolvedTaskCount, { mode: "autoscaled" }>,
  serviceName: pulumi.Input<string>,
  requests: RequestCounting | undefined,
  child: pulumi.CustomResourceOptions,
): void {
  const a = scaling.autoscaling;
  const target = new appautoscaling.Target(
    childName(r.name, "scalingTarget"),
    {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: pulumi.interpolate`service/${r.clusterName}/${serviceName}`,
      minCapacity: a.minTasks,
      maxCapacity: a.maxTasks,
    },
    child,
  );
  const track = (
    role: "cpuScaling" | "memoryScaling" | "requestScaling",
    metric: string,
    value: number,
    resourceLabel?: pulumi.Input<string>,
  ) =>
    new appautoscaling.Policy(
      childName(r.name, role),
      {
        policyType: "TargetTrackingScaling",
        resourceId: target.resourceId,
        scalableDimension: target.scalableDimension,
        serviceNamespace: target.serviceNamespace,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: metric, ...(resourceLabel ? { resourceLabel } : {}) },
          targetValue: value,
          scaleInCooldown: a.scaleInCooldownSeconds,
          scaleOutCooldown: a.scaleOutCooldownSeconds,
        },
      },
      child,
    );
  track("cpuScaling", "ECSServiceAverageCPUUtilization", a.cpuUtilization);
  if (a.memoryUtilization !== undefined)
    track("memoryScaling", "ECSServiceAverageMemoryUtilization", a.memoryUtilization);
  if (a.requestsPerTarget !== undefined && requests) {
    track(
      "requestScaling",
      "ALBRequestCountPerTarget",
      a.requestsPerTarget,
      pulumi.interpolate`${requests.routing.attachment.arnSuffix}/${requests.targetGroup.arnSuffix}`,
    );
  }
}
