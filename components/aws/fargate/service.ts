import * as ec2 from "@pulumi/aws/ec2";
import * as ecs from "@pulumi/aws/ecs";
import * as pulumi from "@pulumi/pulumi";
import { deepMerge } from "../../merge";
import { childName } from "../../naming";
import { ResolvedFargateService } from "./resolve";
import { RenderedRouting } from "./routing";

/** The ARN of the cluster the service runs in: its own (Container Insights on, `cluster.args` adjusting it) or the existing one's. */
export function renderCluster(r: ResolvedFargateService, child: pulumi.CustomResourceOptions): pulumi.Input<string> {
  const existing = r.args.cluster?.existing;
  if (existing !== undefined) return existing.arn;
  return new ecs.Cluster(
    childName(r.name, "cluster"),
    deepMerge<ecs.ClusterArgs>(
      {
        name: r.objectName,
        settings: [{ name: "containerInsights", value: "enhanced" }],
      },
      r.args.cluster?.args,
    ),
    child,
  ).arn;
}

/** What the ECS service runs and where. */
export interface ServicePlacement {
  /** The cluster's ARN. */
  readonly clusterArn: pulumi.Input<string>;
  /** The task definition. */
  readonly taskDefinition: ecs.TaskDefinition;
  /** The tasks' own security group. */
  readonly securityGroup: ec2.SecurityGroup;
  /** The load balancer's way in, when behind one. */
  readonly routing?: RenderedRouting;
  /** What must finish before the service rolls out (the migration run). @default nothing */
  readonly after?: pulumi.Resource[];
}

/**
 * The ECS service: private subnets without a public IP, rollback on a failed deployment (and on
 * the deployment alarms), steady state awaited; the task count left to the scaler when there is one.
 */
export function renderEcsService(
  scope: pulumi.Resource,
  r: ResolvedFargateService,
  placement: ServicePlacement,
): ecs.Service {
  const { args } = r;
  const routing = placement.routing;
  const scaled = r.taskCount.mode === "autoscaled";
  return new ecs.Service(
    childName(r.name, "ecsService"),
    {
      name: r.objectName,
      cluster: placement.clusterArn,
      taskDefinition: placement.taskDefinition.arn,
      desiredCount: r.taskCount.mode === "autoscaled" ? r.taskCount.autoscaling.minTasks : r.taskCount.desiredCount,
      launchType: "FARGATE",
      platformVersion: "LATEST",
      networkConfiguration: {
        subnets: args.network.subnetIds,
        securityGroups: [placement.securityGroup.id, ...(args.access ?? []).map((a) => a.securityGroupId)],
        assignPublicIp: false,
      },
      loadBalancers:
        routing && r.routing
          ? [{ targetGroupArn: routing.targetGroup.arn, containerName: r.objectName, containerPort: r.routing.port }]
          : [],
      ...(routing ? { healthCheckGracePeriodSeconds: r.healthCheck?.startPeriodSeconds } : {}),
      deploymentCircuitBreaker: { enable: true, rollback: true },
      ...(args.deploymentAlarms?.length
        ? { alarms: { enable: true, rollback: true, alarmNames: [...args.deploymentAlarms] } }
        : {}),
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      availabilityZoneRebalancing: "ENABLED",
      enableExecuteCommand: r.executeCommand,
      ...(args.database
        ? {
            tags: {
              "acme:database-connections": String(args.database.connections),
              ...(args.database.server ? { "acme:database-server": args.database.server } : {}),
            },
          }
        : {}),
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      waitForSteadyState: true,
    },
    {
      parent: scope,
      dependsOn: [...(routing ? [routing.listenerRule] : []), ...(placement.after ?? [])],
      ignoreChanges: scaled ? ["desiredCount"] : [],
    },
  );
}
