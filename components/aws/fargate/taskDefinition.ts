import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ecs from "@pulumi/aws/ecs";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../../naming";
import { hardenedContainerDefinition, volumeName } from "../containerDefinition";
import { FARGATE_SERVICE_DEFAULTS as D } from "./defaults";
import { TaskSecrets } from "./parameters";
import { ResolvedFargateService } from "./resolve";
import { TaskRoles } from "./roles";

/** What the task definition is made with besides the resolved options. */
export interface TaskInputs {
  /** Region the logs go to. */
  readonly region: pulumi.Input<string>;
  /** The log group (the task definition waits for it). */
  readonly logGroup: cloudwatch.LogGroup;
  /** Environment from parameters and secrets. */
  readonly secrets: TaskSecrets;
  /** Its roles. */
  readonly roles: TaskRoles;
}

/** The task definition: the hardened app container and, with metrics, the collector beside it. */
export function renderTaskDefinition(
  scope: pulumi.Resource,
  r: ResolvedFargateService,
  inputs: TaskInputs,
): ecs.TaskDefinition {
  const { args } = r;
  const logs = { group: r.logGroupName, region: inputs.region };
  const collectorParameter = inputs.secrets.collectorParameter;
  const containers = [
    hardenedContainerDefinition({
      name: r.objectName,
      image: args.image,
      user: r.user,
      ports: args.port === undefined ? [] : [args.port],
      environment: args.env,
      secrets: inputs.secrets.secrets,
      entryPoint: args.entryPoint,
      command: args.command,
      healthCheck: r.healthCheck,
      writablePaths: r.writablePaths,
      logs: { ...logs, streamPrefix: "app" },
      nofile: D.nofile,
    }),
  ];
  if (collectorParameter) {
    containers.push(
      hardenedContainerDefinition({
        name: "otel-collector",
        image: D.collector.image,
        user: D.collector.user,
        essential: false,
        secrets: { AOT_CONFIG_CONTENT: collectorParameter },
        writablePaths: ["/tmp"],
        logs: { ...logs, streamPrefix: "otel-collector" },
      }),
    );
  }
  const volumes = [...new Set([...r.writablePaths, ...(collectorParameter ? ["/tmp"] : [])].map(volumeName))].map(
    (v) => ({ name: v }),
  );
  return new ecs.TaskDefinition(
    childName(r.name, "taskDefinition"),
    {
      family: r.objectName,
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: String(r.cpu),
      memory: String(r.memory),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: r.architecture },
      executionRoleArn: inputs.roles.executionRole.arn,
      taskRoleArn: inputs.roles.taskRole.arn,
      volumes,
      containerDefinitions: pulumi.jsonStringify(containers),
    },
    { parent: scope, dependsOn: [inputs.logGroup, ...inputs.secrets.parameters] },
  );
}
