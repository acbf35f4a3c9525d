import * as ecs from "@pulumi/aws/ecs";
import * as pulumi from "@pulumi/pulumi";
import type { DatabaseUse } from "../../app/webService/args";
import { ChildOption } from "../../childOption";
import { DeepOverride } from "../../merge";
import { ContainerHealthCheck } from "../containerDefinition";
import { KmsKeyOption } from "../kmsKey";
import { LoadBalancerAttachment } from "../loadBalancer";
import { ClientAccess } from "../securityGroups";
import { PolicyStatement } from "../taskRoles";

/** A secret the task reads at start: a Secrets Manager secret (optionally one JSON key of it), or an SSM parameter (name or ARN). */
export type SecretRef =
  | { readonly secretsManager: pulumi.Input<string>; readonly key?: string; readonly ssmParameter?: undefined }
  | { readonly ssmParameter: pulumi.Input<string>; readonly secretsManager?: undefined; readonly key?: undefined };

/** Target tracking on CPU (and optionally memory and requests per task). */
export interface FargateAutoscalingArgs {
  /** Task floor. */
  readonly minTasks: number;
  /** Task ceiling. */
  readonly maxTasks: number;
  /** Target average CPU, %. @default 70 */
  readonly cpuUtilization?: number;
  /** Target average memory, %. @default none */
  readonly memoryUtilization?: number;
  /** Target requests per task per minute through the load balancer. @default none */
  readonly requestsPerTarget?: number;
  /** @default 300 */
  readonly scaleInCooldownSeconds?: number;
  /** @default 60 */
  readonly scaleOutCooldownSeconds?: number;
}

/** How the service sits behind a {@link LoadBalancer}. */
export interface FargateRouting {
  /** The load balancer's attachment. */
  readonly attachment: LoadBalancerAttachment;
  /** Listener rule priority (unique per load balancer). @default 100 */
  readonly priority?: number;
  /** Path patterns routed here. @default ["/*"] */
  readonly paths?: readonly string[];
  /** Host headers routed here. @default any */
  readonly hosts?: readonly string[];
  /** Target health check path. @default the container health check's path */
  readonly healthPath?: string;
  /** Status codes that count as healthy. @default "200" */
  readonly matcher?: string;
}

/** Metrics to Amazon Managed Prometheus through a collector beside the app. */
export interface FargateMetrics {
  /** The workspace (see `PrometheusWorkspace`). */
  readonly workspace: { readonly arn: pulumi.Input<string>; readonly remoteWriteUrl: pulumi.Input<string> };
  /** Path of the app's metrics endpoint. @default "/metrics" */
  readonly path?: string;
  /** Port of the metrics endpoint. @default the app's port */
  readonly port?: number;
  /** @default 30 */
  readonly scrapeIntervalSeconds?: number;
  /** Labels added to every series. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Also to CloudWatch (for dashboards and alarms there): the metrics whose names match, as embedded metric logs in the service's log group, by `job`. @default none */
  readonly cloudWatch?: FargateCloudWatchMetrics;
}

/** Metrics copied to CloudWatch by the collector. */
export interface FargateCloudWatchMetrics {
  /** CloudWatch namespace, e.g. `Nexum`. */
  readonly namespace: string;
  /** Regular expressions of the metric names copied, e.g. `^nexum_`. */
  readonly metricNames: readonly string[];
}

/** The container health check: a command, or the app's health path probed with curl. */
export interface FargateHealthCheckArgs extends Partial<Omit<ContainerHealthCheck, "command">> {
  /** Path probed on the app's port. @default "/health" */
  readonly path?: string;
  /** Command instead of curl on the path. @default `curl -fsS http://localhost:<port><path>` */
  readonly command?: readonly string[];
}

/**
 * Database migrations once per release: a one-off task of the app's image, environment, secrets,
 * roles and network running `command`, started with `aws ecs run-task` where Pulumi runs (the AWS
 * CLI and `ecs:RunTask`, `ecs:DescribeTasks`, `ecs:StopTask`, `iam:PassRole` on the two roles),
 * once per image and command, before the service rolls out; a non-zero exit fails the deployment.
 */
export interface FargateMigration {
  /** The migration command, e.g. `["alembic", "upgrade", "head"]` (never a secret: the task reads its secrets). */
  readonly command: readonly string[];
  /** Seconds to wait before stopping the task and failing. @default 900 */
  readonly timeoutSeconds?: number;
}

/** How many tasks run: a fixed count, or target tracking that owns the count — never both. */
export type FargateScaling =
  | {
      /** Tasks without autoscaling. @default 2 */
      readonly desiredCount?: number;
      /** Not with `desiredCount`. @default none */
      readonly autoscaling?: undefined;
    }
  | {
      /** Target tracking autoscaling. @default none */
      readonly autoscaling?: FargateAutoscalingArgs;
      /** Not with `autoscaling`: the scaler owns the task count. @default none */
      readonly desiredCount?: undefined;
    };

/** Arguments of {@link FargateService}: its {@link FargateServiceCommonArgs} and one way of scaling. */
export type FargateServiceArgs = FargateServiceCommonArgs & FargateScaling;

/** Arguments of {@link FargateService} other than how it scales ({@link FargateScaling}). */
export interface FargateServiceCommonArgs {
  /** VPC and the private subnets the tasks run in. */
  readonly network: { readonly vpcId: pulumi.Input<string>; readonly subnetIds: pulumi.Input<pulumi.Input<string>[]> };
  /** Image, pinned to a tag or digest. */
  readonly image: pulumi.Input<string>;
  /** Port the app listens on. @default none (a worker) */
  readonly port?: number;
  /** Base of its AWS names (service, task family, log group `/ecs/<objectName>`, parameters `/<objectName>/…`). @default the component name */
  readonly objectName?: string;
  /** Task CPU units. @default 512 */
  readonly cpu?: number;
  /** Task memory, MiB. @default 1024 */
  readonly memory?: number;
  /** `uid[:gid]`, never root. @default "10001:10001" */
  readonly user?: string;
  /** @default "X86_64" */
  readonly architecture?: "X86_64" | "ARM64";
  /** Entrypoint override. @default the image's */
  readonly entryPoint?: readonly string[];
  /** Command override. @default the image's */
  readonly command?: readonly string[];
  /** Literal environment (no credentials: the pack refuses them). @default none */
  readonly env?: Readonly<Record<string, string>>;
  /** Environment other resources compute (endpoints, names): kept in SSM String parameters the task reads at start, so the task definition is known before they exist. @default none */
  readonly linkedEnv?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Secret environment values: kept in SSM SecureString parameters under the service's key, read at start. @default none */
  readonly secretEnv?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Secret environment the team keeps itself (Secrets Manager or SSM). @default none */
  readonly secretRefs?: Readonly<Record<string, SecretRef>>;
  /** KMS keys of the referenced secrets, when not AWS-managed: the execution role may decrypt with them. @default none */
  readonly secretsKmsKeyArns?: readonly pulumi.Input<string>[];
  /** Container health check. @default curl on `/health` of the port every 30 s, 3 retries, 60 s start period (none without a port) */
  readonly healthCheck?: FargateHealthCheckArgs;
  /** Writable directories, each an ephemeral task volume. @default ["/tmp"] */
  readonly writablePaths?: readonly string[];
  /** Routing from a load balancer. @default none (not reachable from outside) */
  readonly loadBalancer?: FargateRouting;
  /** AWS services it connects to: their client groups are attached to the tasks. @default none */
  readonly access?: readonly ClientAccess[];
  /** What the app itself may do in AWS (its task role). @default nothing */
  readonly taskPolicyStatements?: readonly PolicyStatement[];
  /** Repositories the images come from. @default every ECR repository of the account and region */
  readonly imageRepositoryArns?: readonly pulumi.Input<string>[];
  /** ECS Exec (a shell in running tasks, audited through SSM). @default false */
  readonly executeCommand?: boolean;
  /** Database connections one task opens at most (tags `acme:database-connections`/`acme:database-server`, for the connection budget). @default none */
  readonly database?: DatabaseUse;
  /** The cluster: its own (Container Insights on; `args` adjusts it) or an existing one. @default its own */
  readonly cluster?: ChildOption<
    DeepOverride<ecs.ClusterArgs>,
    { readonly arn: pulumi.Input<string>; readonly name: pulumi.Input<string> }
  >;
  /** Key of the log group and the secret parameters. @default a new key with rotation */
  readonly kmsKey?: KmsKeyOption;
  /** Days log events are kept. @default 90 */
  readonly logRetentionDays?: number;
  /** Metrics to Amazon Managed Prometheus. @default none */
  readonly metrics?: FargateMetrics;
  /** Migrations run by a one-off task before each new image rolls out. @default none */
  readonly migration?: FargateMigration;
  /** CloudWatch alarm names that roll a deployment back while they fire. @default none */
  readonly deploymentAlarms?: readonly pulumi.Input<string>[];
}
