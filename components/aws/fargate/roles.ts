import * as iam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../accountContext";
import { ecsTaskRole, inlinePolicy, PolicyStatement } from "../taskRoles";
import { StartupReads } from "./parameters";
import { ResolvedFargateService } from "./resolve";

/** The two roles of a task: the ECS agent's and the app's. */
export interface TaskRoles {
  /** Starts tasks: pulls the image, writes logs, reads the secrets. */
  readonly executionRole: iam.Role;
  /** The app's own. */
  readonly taskRole: iam.Role;
}

/** What the execution role needs beyond the image: the key, the log group and the startup reads. */
export interface ExecutionNeeds {
  /** The service's key. */
  readonly keyArn: pulumi.Input<string>;
  /** The log group's ARN. */
  readonly logGroupArn: pulumi.Input<string>;
  /** Parameters and secrets read at start. */
  readonly reads: StartupReads;
}

/** Least-privilege execution and task roles, each with its inline policy. */
export function renderRoles(
  scope: pulumi.Resource,
  r: ResolvedFargateService,
  ctx: AccountContext,
  needs: ExecutionNeeds,
): TaskRoles {
  const executionRole = ecsTaskRole(
    scope,
    r.name,
    "executionRole",
    `${r.name}: starts tasks (image, logs, secrets)`,
    ctx,
  );
  inlinePolicy(scope, r.name, "executionPolicy", executionRole, executionStatements(r, ctx, needs));
  const taskRole = ecsTaskRole(scope, r.name, "taskRole", `${r.name}: the app`, ctx);
  inlinePolicy(scope, r.name, "taskPolicy", taskRole, taskStatements(r, needs.logGroupArn));
  return { executionRole, taskRole };
}

function taskStatements(r: ResolvedFargateService, logGroupArn: pulumi.Input<string>): PolicyStatement[] {
  return [
    ...(r.args.taskPolicyStatements ?? []),
    ...(r.metrics
      ? [{ Sid: "RemoteWriteMetrics", Effect: "Allow", Action: "aps:RemoteWrite", Resource: r.metrics.workspace.arn }]
      : []),
    ...(r.metrics?.cloudWatch
      ? [
          {
            Sid: "EmbeddedMetricLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: pulumi.interpolate`${logGroupArn}:*`,
          },
        ]
      : []),
    ...(r.executeCommand
      ? [
          {
            Sid: "EcsExec",
            Effect: "Allow",
            Action: [
              "ssmmessages:CreateControlChannel",
              "ssmmessages:CreateDataChannel",
              "ssmmessages:OpenControlChannel",
              "ssmmessages:OpenDataChannel",
            ],
            Resource: "*",
          },
        ]
      : []),
  ];
}

function executionStatements(r: ResolvedFargateService, ctx: AccountContext, needs: ExecutionNeeds): PolicyStatement[] {
  const { args } = r;
  const repositories = args.imageRepositoryArns?.length
    ? [...args.imageRepositoryArns]
    : [pulumi.interpolate`arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/*`];
  return [
    { Sid: "EcrToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    {
      Sid: "PullImages",
      Effect: "Allow",
      Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
      Resource: repositories,
    },
    {
      Sid: "WriteLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: pulumi.interpolate`${needs.logGroupArn}:*`,
    },
    ...(needs.reads.parameterArns.length
      ? [{ Sid: "ReadParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: needs.reads.parameterArns }]
      : []),
    ...(needs.reads.secretArns.length
      ? [
          {
            Sid: "ReadSecrets",
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: needs.reads.secretArns,
          },
        ]
      : []),
    {
      Sid: "DecryptSecrets",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: [needs.keyArn, ...(args.secretsKmsKeyArns ?? [])],
    },
  ];
}
