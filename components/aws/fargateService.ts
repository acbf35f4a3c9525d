import * as appautoscaling from "@pulumi/aws/appautoscaling";
import * as ec2 from "@pulumi/aws/ec2";
import * as ecs from "@pulumi/aws/ecs";
import * as iam from "@pulumi/aws/iam";
import * as lb from "@pulumi/aws/lb";
import * as ssm from "@pulumi/aws/ssm";
import * as vpc from "@pulumi/aws/vpc";
import * as pulumi from "@pulumi/pulumi";
import { ChildOption } from "../childOption";
import { deepMerge, DeepOverride } from "../merge";
import { childName } from "../naming";
import { AccountContext, accountContext } from "./accountContext";
import { collectorConfig } from "./collectorConfig";
import { ContainerHealthCheck, hardenedContainerDefinition, volumeName } from "./containerDefinition";
import { fargateSizeProblem } from "./fargateSize";
import { KmsKeyOption, serviceKeyArn } from "./kmsKey";
import { LoadBalancerAttachment } from "./loadBalancer";
import { encryptedLogGroup, logsKeyUser } from "./logGroup";
import { ClientAccess } from "./securityGroups";
import { ecsTaskRole, inlinePolicy, PolicyStatement } from "./taskRoles";

/** Every default of a {@link FargateService}: the constructor applies these, its config fragment documents them. */
export const FARGATE_SERVICE_DEFAULTS = {
  /** Task CPU units (1024 = one vCPU). */
  cpu: 512,
  /** Task memory, MiB. */
  memory: 1024,
  /** Tasks when there is no autoscaling. */
  desiredCount: 2,
  /** `uid:gid` the app runs as. */
  user: "10001:10001",
  /** CPU architecture. */
  architecture: "X86_64" as "X86_64" | "ARM64",
  /** Writable directories (the root filesystem is read-only). */
  writablePaths: ["/tmp"] as readonly string[],
  /** Days log events are kept. */
  logRetentionDays: 90,
  /** Container health check on the app's health path. */
  healthCheck: { path: "/health", intervalSeconds: 30, timeoutSeconds: 10, retries: 3, startPeriodSeconds: 60 },
  /** Load balancer routing and target health. */
  routing: { priority: 100, paths: ["/*"] as readonly string[], matcher: "200", intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3, deregistrationDelaySeconds: 30 },
  /** Target tracking. */
  autoscaling: { cpuUtilization: 70, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 },
  /** The metrics collector beside the app. */
  collector: { image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3", user: "10001:10001", path: "/metrics", scrapeIntervalSeconds: 30 },
  /** Open files allowed per container. */
  nofile: 65536,
  /** ECS Exec into running tasks. */
  executeCommand: false,
} as const;

const D = FARGATE_SERVICE_DEFAULTS;

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
}

/** The container health check: a command, or the app's health path probed with curl. */
export interface FargateHealthCheckArgs extends Partial<Omit<ContainerHealthCheck, "command">> {
  /** Path probed on the app's port. @default "/health" */
  readonly path?: string;
  /** Command instead of curl on the path. @default `curl -fsS http://localhost:<port><path>` */
  readonly command?: readonly string[];
}

/** Arguments of {@link FargateService}. */
export interface FargateServiceArgs {
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
  /** Tasks without autoscaling. @default 2 */
  readonly desiredCount?: number;
  /** Target tracking autoscaling. @default none */
  readonly autoscaling?: FargateAutoscalingArgs;
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
  /** The cluster: its own (Container Insights on; `args` adjusts it) or an existing one. @default its own */
  readonly cluster?: ChildOption<DeepOverride<ecs.ClusterArgs>, { readonly arn: pulumi.Input<string>; readonly name: pulumi.Input<string> }>;
  /** Key of the log group and the secret parameters. @default a new key with rotation */
  readonly kmsKey?: KmsKeyOption;
  /** Days log events are kept. @default 90 */
  readonly logRetentionDays?: number;
  /** Metrics to Amazon Managed Prometheus. @default none */
  readonly metrics?: FargateMetrics;
  /** CloudWatch alarm names that roll a deployment back while they fire. @default none */
  readonly deploymentAlarms?: readonly pulumi.Input<string>[];
}

/** What the execution role must read at task start. */
interface StartupReads {
  parameterArns: pulumi.Input<string>[];
  secretArns: pulumi.Input<string>[];
}

/**
 * An app on ECS Fargate: a task definition whose containers run as a non-root user on a
 * read-only root filesystem with every capability dropped and an init process, secrets only
 * through `secrets` (SSM SecureString under the service's key, Secrets Manager, SSM), logs to a
 * KMS-encrypted log group with retention, and a health check; a service in private subnets
 * without a public IP that rolls back a failed deployment (circuit breaker) and waits for steady
 * state; least-privilege execution and task roles; security groups so that only its load
 * balancer reaches it; target tracking on CPU and requests per task.
 */
export class FargateService extends pulumi.ComponentResource {
  /** The ECS service. */
  public readonly service: ecs.Service;
  /** The task definition. */
  public readonly taskDefinition: ecs.TaskDefinition;
  /** The tasks' own security group. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The role the ECS agent starts tasks with (image pull, logs, secrets). */
  public readonly executionRole: iam.Role;
  /** The role the app runs as. */
  public readonly taskRole: iam.Role;
  /** The target group, behind a load balancer. */
  public readonly targetGroup?: lb.TargetGroup;
  /** Name of the log group. */
  public readonly logGroupName: string;
  /** Name of the cluster. */
  public readonly clusterName: pulumi.Input<string>;

  constructor(name: string, args: FargateServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:FargateService", name, {}, opts);
    const child = { parent: this };
    const objectName = args.objectName ?? name;
    const cpu = args.cpu ?? D.cpu;
    const memory = args.memory ?? D.memory;
    const sizeProblem = fargateSizeProblem(cpu, memory);
    if (sizeProblem) throw new pulumi.ResourceError(`task size: ${sizeProblem}`, this);
    checkUser(this, args.user ?? D.user);
    const overlap = Object.keys({ ...args.env }).filter((k) => k in { ...args.linkedEnv, ...args.secretEnv, ...args.secretRefs });
    if (overlap.length) throw new pulumi.ResourceError(`${overlap[0]} is set more than once: each variable in one of env, linkedEnv, secretEnv, secretRefs`, this);
    const ctx = accountContext(this);
    const keyArn = serviceKeyArn(this, name, args.kmsKey, { description: `${name}: logs and secret parameters`, users: [logsKeyUser(ctx)] });
    this.logGroupName = `/ecs/${objectName}`;
    const logGroup = encryptedLogGroup(this, name, { name: this.logGroupName, retentionDays: args.logRetentionDays ?? D.logRetentionDays, kmsKeyArn: keyArn });

    const parameters: ssm.Parameter[] = [];
    const parameter = (varName: string, value: pulumi.Input<string>, secret: boolean) => {
      const param = new ssm.Parameter(`${childName(name, "parameter")}-${varName}`, {
        name: `/${objectName}/${varName}`,
        description: `${objectName}: ${varName}`,
        type: secret ? "SecureString" : "String",
        value: secret ? pulumi.secret(value) : value,
        ...(secret ? { keyId: keyArn } : {}),
      }, child);
      parameters.push(param);
      return `/${objectName}/${varName}`;
    };
    const secrets: Record<string, pulumi.Input<string>> = {};
    for (const [k, v] of Object.entries(args.linkedEnv ?? {})) secrets[k] = parameter(k, v, false);
    for (const [k, v] of Object.entries(args.secretEnv ?? {})) secrets[k] = parameter(k, v, true);
    const reads: StartupReads = {
      parameterArns: parameters.length ? [pulumi.interpolate`arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter/${objectName}/*`] : [],
      secretArns: [],
    };
    for (const [k, ref] of Object.entries(args.secretRefs ?? {})) {
      if (ref.secretsManager !== undefined) {
        secrets[k] = ref.key ? pulumi.interpolate`${ref.secretsManager}:${ref.key}::` : ref.secretsManager;
        reads.secretArns.push(ref.secretsManager);
      } else {
        secrets[k] = ref.ssmParameter;
        reads.parameterArns.push(parameterArn(ctx, ref.ssmParameter));
      }
    }

    const metricsPort = args.metrics?.port ?? args.port;
    if (args.metrics && metricsPort === undefined) throw new pulumi.ResourceError("metrics need a port to scrape: set metrics.port or port", this);
    const collectorParam = args.metrics
      ? parameter("OTEL_COLLECTOR_CONFIG", collectorConfig({
        job: objectName,
        port: metricsPort!,
        path: args.metrics.path ?? D.collector.path,
        intervalSeconds: args.metrics.scrapeIntervalSeconds ?? D.collector.scrapeIntervalSeconds,
        remoteWriteUrl: args.metrics.workspace.remoteWriteUrl,
        region: ctx.region,
        labels: args.metrics.labels ?? {},
      }), false)
      : undefined;

    this.executionRole = ecsTaskRole(this, name, "executionRole", `${name}: starts tasks (image, logs, secrets)`, ctx);
    inlinePolicy(this, name, "executionPolicy", this.executionRole, executionStatements(ctx, args, keyArn, logGroup.arn, reads));
    this.taskRole = ecsTaskRole(this, name, "taskRole", `${name}: the app`, ctx);
    inlinePolicy(this, name, "taskPolicy", this.taskRole, [
      ...(args.taskPolicyStatements ?? []),
      ...(args.metrics ? [{ Sid: "RemoteWriteMetrics", Effect: "Allow", Action: "aps:RemoteWrite", Resource: args.metrics.workspace.arn }] : []),
      ...(args.executeCommand ? [{
        Sid: "EcsExec",
        Effect: "Allow",
        Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
        Resource: "*",
      }] : []),
    ]);

    const writable = [...new Set(args.writablePaths ?? D.writablePaths)];
    const logs = { group: this.logGroupName, region: ctx.region };
    const app = hardenedContainerDefinition({
      name: objectName,
      image: args.image,
      user: args.user ?? D.user,
      ports: args.port === undefined ? [] : [args.port],
      environment: args.env,
      secrets,
      entryPoint: args.entryPoint,
      command: args.command,
      healthCheck: healthCheckOf(args),
      writablePaths: writable,
      logs: { ...logs, streamPrefix: "app" },
      nofile: D.nofile,
    });
    const containers = [app];
    if (collectorParam) {
      containers.push(hardenedContainerDefinition({
        name: "otel-collector",
        image: D.collector.image,
        user: D.collector.user,
        essential: false,
        secrets: { AOT_CONFIG_CONTENT: collectorParam },
        writablePaths: ["/tmp"],
        logs: { ...logs, streamPrefix: "otel-collector" },
      }));
    }
    const volumes = [...new Set([...writable, ...(collectorParam ? ["/tmp"] : [])].map(volumeName))].map((v) => ({ name: v }));
    this.taskDefinition = new ecs.TaskDefinition(childName(name, "taskDefinition"), {
      family: objectName,
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: String(cpu),
      memory: String(memory),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: args.architecture ?? D.architecture },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      volumes,
      containerDefinitions: pulumi.jsonStringify(containers),
    }, { parent: this, dependsOn: [logGroup, ...parameters] });

    const ownCluster = args.cluster?.existing === undefined
      ? new ecs.Cluster(childName(name, "cluster"), deepMerge<ecs.ClusterArgs>({ name: objectName, settings: [{ name: "containerInsights", value: "enhanced" }] }, args.cluster?.args), child)
      : undefined;
    this.clusterName = args.cluster?.existing?.name ?? objectName;
    const clusterArn = args.cluster?.existing?.arn ?? ownCluster!.arn;

    const routing = args.loadBalancer;
    this.securityGroup = new ec2.SecurityGroup(childName(name, "securityGroup"), {
      description: `${name}: tasks`,
      vpcId: args.network.vpcId,
      ingress: routing && args.port !== undefined
        ? [{ protocol: "tcp", fromPort: args.port, toPort: args.port, securityGroups: [routing.attachment.securityGroupId], description: "from its load balancer" }]
        : [],
      egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: AWS APIs, ECR, external services" }],
    }, child);

    let routeRule: lb.ListenerRule | undefined;
    if (routing) {
      if (args.port === undefined) throw new pulumi.ResourceError("a service behind a load balancer needs `port`", this);
      const r = D.routing;
      this.targetGroup = new lb.TargetGroup(childName(name, "targetGroup"), {
        port: args.port,
        protocol: "HTTP",
        targetType: "ip",
        vpcId: routing.attachment.vpcId,
        deregistrationDelay: r.deregistrationDelaySeconds,
        healthCheck: {
          path: routing.healthPath ?? args.healthCheck?.path ?? D.healthCheck.path,
          protocol: "HTTP",
          matcher: routing.matcher ?? r.matcher,
          interval: r.intervalSeconds,
          timeout: r.timeoutSeconds,
          healthyThreshold: r.healthyThreshold,
          unhealthyThreshold: r.unhealthyThreshold,
        },
      }, child);
      routeRule = new lb.ListenerRule(childName(name, "listenerRule"), {
        listenerArn: routing.attachment.listenerArn,
        priority: routing.priority ?? r.priority,
        conditions: [
          { pathPattern: { values: [...(routing.paths ?? r.paths)] } },
          ...(routing.hosts?.length ? [{ hostHeader: { values: [...routing.hosts] } }] : []),
        ],
        actions: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
      }, child);
      new vpc.SecurityGroupEgressRule(childName(name, "loadBalancerEgress"), {
        securityGroupId: routing.attachment.securityGroupId,
        referencedSecurityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: args.port,
        toPort: args.port,
        description: `to ${objectName}`,
      }, child);
    }

    const scaling = args.autoscaling;
    if (scaling && scaling.maxTasks < scaling.minTasks) throw new pulumi.ResourceError("autoscaling: maxTasks must be >= minTasks", this);
    this.service = new ecs.Service(childName(name, "ecsService"), {
      name: objectName,
      cluster: clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: scaling ? scaling.minTasks : (args.desiredCount ?? D.desiredCount),
      launchType: "FARGATE",
      platformVersion: "LATEST",
      networkConfiguration: {
        subnets: args.network.subnetIds,
        securityGroups: [this.securityGroup.id, ...(args.access ?? []).map((a) => a.securityGroupId)],
        assignPublicIp: false,
      },
      loadBalancers: this.targetGroup && args.port !== undefined ? [{ targetGroupArn: this.targetGroup.arn, containerName: objectName, containerPort: args.port }] : [],
      ...(this.targetGroup ? { healthCheckGracePeriodSeconds: args.healthCheck?.startPeriodSeconds ?? D.healthCheck.startPeriodSeconds } : {}),
      deploymentCircuitBreaker: { enable: true, rollback: true },
      ...(args.deploymentAlarms?.length ? { alarms: { enable: true, rollback: true, alarmNames: [...args.deploymentAlarms] } } : {}),
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      availabilityZoneRebalancing: "ENABLED",
      enableExecuteCommand: args.executeCommand ?? D.executeCommand,
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      waitForSteadyState: true,
    }, { parent: this, dependsOn: routeRule ? [routeRule] : [], ignoreChanges: scaling ? ["desiredCount"] : [] });

    if (scaling) this.autoscale(name, scaling, routing);
    this.registerOutputs({ serviceName: this.service.name });
  }

  private autoscale(name: string, scaling: FargateAutoscalingArgs, routing: FargateRouting | undefined): void {
    const child = { parent: this };
    const a = D.autoscaling;
    const target = new appautoscaling.Target(childName(name, "scalingTarget"), {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: pulumi.interpolate`service/${this.clusterName}/${this.service.name}`,
      minCapacity: scaling.minTasks,
      maxCapacity: scaling.maxTasks,
    }, child);
    const track = (role: "cpuScaling" | "memoryScaling" | "requestScaling", metric: string, value: number, resourceLabel?: pulumi.Input<string>) =>
      new appautoscaling.Policy(childName(name, role), {
        policyType: "TargetTrackingScaling",
        resourceId: target.resourceId,
        scalableDimension: target.scalableDimension,
        serviceNamespace: target.serviceNamespace,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: metric, ...(resourceLabel ? { resourceLabel } : {}) },
          targetValue: value,
          scaleInCooldown: scaling.scaleInCooldownSeconds ?? a.scaleInCooldownSeconds,
          scaleOutCooldown: scaling.scaleOutCooldownSeconds ?? a.scaleOutCooldownSeconds,
        },
      }, child);
    track("cpuScaling", "ECSServiceAverageCPUUtilization", scaling.cpuUtilization ?? a.cpuUtilization);
    if (scaling.memoryUtilization !== undefined) track("memoryScaling", "ECSServiceAverageMemoryUtilization", scaling.memoryUtilization);
    if (scaling.requestsPerTarget !== undefined) {
      if (!routing || !this.targetGroup) throw new pulumi.ResourceError("autoscaling.requestsPerTarget needs a load balancer", this);
      track("requestScaling", "ALBRequestCountPerTarget", scaling.requestsPerTarget, pulumi.interpolate`${routing.attachment.arnSuffix}/${this.targetGroup.arnSuffix}`);
    }
  }
}

/** Refuses a root user: `root`, uid 0, or none. */
function checkUser(parent: pulumi.Resource, user: string): void {
  const uid = user.split(":")[0];
  if (!uid || uid === "root" || /^0+$/.test(uid)) throw new pulumi.ResourceError(`user ${JSON.stringify(user)}: expected a non-root uid[:gid] such as "10001:10001"`, parent);
}

/** The ARN of an SSM parameter given by name or ARN. */
function parameterArn(ctx: AccountContext, nameOrArn: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.all([nameOrArn, ctx.partition, ctx.region, ctx.accountId]).apply(([n, p, r, a]) =>
    n.startsWith("arn:") ? n : `arn:${p}:ssm:${r}:${a}:parameter/${n.replace(/^\//, "")}`);
}

function healthCheckOf(args: FargateServiceArgs): ContainerHealthCheck | undefined {
  const h = args.healthCheck;
  if (!h?.command && args.port === undefined) return undefined;
  const d = D.healthCheck;
  return {
    command: h?.command ?? ["CMD-SHELL", `curl -fsS http://localhost:${args.port}${h?.path ?? d.path} > /dev/null || exit 1`],
    intervalSeconds: h?.intervalSeconds ?? d.intervalSeconds,
    timeoutSeconds: h?.timeoutSeconds ?? d.timeoutSeconds,
    retries: h?.retries ?? d.retries,
    startPeriodSeconds: h?.startPeriodSeconds ?? d.startPeriodSeconds,
  };
}

function executionStatements(ctx: AccountContext, args: FargateServiceArgs, keyArn: pulumi.Input<string>, logGroupArn: pulumi.Input<string>, reads: StartupReads): PolicyStatement[] {
  const repositories = args.imageRepositoryArns?.length
    ? [...args.imageRepositoryArns]
    : [pulumi.interpolate`arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/*`];
  return [
    { Sid: "EcrToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    { Sid: "PullImages", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource: repositories },
    { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroupArn}:*` },
    ...(reads.parameterArns.length ? [{ Sid: "ReadParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: reads.parameterArns }] : []),
    ...(reads.secretArns.length ? [{ Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: reads.secretArns }] : []),
    { Sid: "DecryptSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: [keyArn, ...(args.secretsKmsKeyArns ?? [])] },
  ];
}
