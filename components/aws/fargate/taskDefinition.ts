import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ecs from "@pulumi/aws/ecs";
import * as pulumi from "@pulumi/pulumi";
import { childName, ChildRole } from "../../naming";
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

/** A one-off task of the app's image and environment running another command (a migration): no port, no health check, no collector. */
export interface OneOffTask {
  /** Its role among the service's children. */
  readonly role: ChildRole;
  /** Task family and log stream prefix suffix, e.g. `migrate`. */
  readonly suffix: string;
  /** The command. */
  readonly command: readonly string[];
}

/** The task definition: the hardened app container and, with metrics, the collector beside it; or a {@link OneOffTask} of the app. */
export function renderTaskDefinition(
  scope: pulumi.Resource,
  r: ResolvedFargateService,
  inputs: TaskInputs,
  oneOff?: OneOffTask,
): ecs.TaskDefinition {
  const { args } = r;
  const logs = { group: r.logGroupName, region: inputs.region };
  const collectorParameter = oneOff ? undefined : inputs.secrets.collectorParameter;
  const containers = [
    hardenedContainerDefinition({
      name: r.objectName,
      image: args.image,
      user: r.user,
      ports: args.port === undefined || oneOff ? [] : [args.port],
      environment: args.env,
      secrets: inputs.secrets.secrets,
      entryPoint: args.entryPoint,
      command: oneOff ? oneOff.command : args.command,
      healthCheck: oneOff ? undefined : r.healthCheck,
      writablePaths: r.writablePaths,
      logs: { ...logs, streamPrefix: oneOff ? oneOff.suffix : "app" },
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
    childName(r.name, oneOff?.role ?? "taskDefinition"),
    {
      family: oneOff ? `${r.objectName}-${oneOff.suffix}` : r.objectName,
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
