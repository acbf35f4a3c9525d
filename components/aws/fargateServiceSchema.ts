import { z } from "zod";
import { databaseUseSchema } from "../app/webServiceSchema";
import { defaultedBy, envName, imageRef, percentage, port } from "../config/primitives";
import { awsArn, logRetentionDays, policyStatement } from "./awsPrimitives";
import { FargateServiceArgs, FargateServiceCommonArgs } from "./fargate/args";
import { FARGATE_SERVICE_DEFAULTS as D } from "./fargate/defaults";
import {
  hasOneTaskCount,
  Problem,
  reportedBy,
  taskBoundsProblem,
  taskCountProblem,
  taskSizeProblem,
  variableOverlapProblem,
} from "./fargate/rules";
import { LoadBalancerAttachment } from "./loadBalancer";
import { PolicyStatement } from "./taskRoles";
import { FARGATE_CPU_UNITS } from "./fargateSize";

/**
 * The config fragment of {@link FargateService}: what a stack file may say about one service,
 * with the component's own defaults documented (and applied only by the component).
 */

const user = z
  .string()
  .regex(/^\d+(:\d+)?$/, { error: 'expected a numeric uid[:gid] such as "10001:10001"' })
  .refine((u) => Number(u.split(":")[0]) > 0, { error: "expected a non-root uid (1 or more)" });

const secretRef = z.union(
  [
    z.strictObject({
      secretsManager: awsArn
        .refine((a) => a.includes(":secretsmanager:"), { error: "expected a Secrets Manager secret ARN" })
        .describe("Full ARN of the Secrets Manager secret."),
      key: z.string().min(1).optional().describe("JSON key inside the secret; the whole secret when unset."),
    }),
    z.strictObject({
      ssmParameter: z
        .string()
        .regex(/^(arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter)?\/?[A-Za-z0-9_.\-/]+$/, {
          error: "expected an SSM parameter name or ARN",
        })
        .describe("SSM Parameter Store parameter (SecureString for secrets), by name or ARN."),
    }),
  ],
  { error: "expected {secretsManager: <ARN>, key?} or {ssmParameter: <name or ARN>}" },
);

const healthCheck = z.strictObject({
  path: defaultedBy(z.string().startsWith("/"), D.healthCheck.path).describe(
    "Path probed with curl on the app's port.",
  ),
  command: z
    .array(z.string())
    .min(2)
    .optional()
    .describe('Health check command instead, e.g. ["CMD", "/app/healthcheck"].'),
  intervalSeconds: defaultedBy(z.int().min(5).max(300), D.healthCheck.intervalSeconds).describe(
    "Seconds between checks.",
  ),
  timeoutSeconds: defaultedBy(z.int().min(2).max(60), D.healthCheck.timeoutSeconds).describe(
    "Seconds a check may take.",
  ),
  retries: defaultedBy(z.int().min(1).max(10), D.healthCheck.retries).describe(
    "Failures before the container is unhealthy.",
  ),
  startPeriodSeconds: defaultedBy(z.int().min(0).max(300), D.healthCheck.startPeriodSeconds).describe(
    "Grace period after start.",
  ),
});

const migration = z.strictObject({
  command: z
    .array(z.string().min(1))
    .min(1)
    .describe(
      'Migration command in the app image, e.g. ["alembic", "upgrade", "head"] (no secret: the task reads its own).',
    ),
  timeoutSeconds: defaultedBy(z.int().min(60).max(86400), D.migration.timeoutSeconds).describe(
    "Seconds before the migration task is stopped and the deployment fails.",
  ),
});

const autoscaling = z
  .strictObject({
    minTasks: z.int().min(1).describe("Task floor."),
    maxTasks: z.int().min(1).describe("Task ceiling (>= minTasks)."),
    cpuUtilization: defaultedBy(percentage, D.autoscaling.cpuUtilization).describe("Target average CPU, %."),
    memoryUtilization: percentage.optional().describe("Target average memory, %; not scaled on when unset."),
    requestsPerTarget: z
      .int()
      .min(1)
      .optional()
      .describe("Target load balancer requests per task per minute; not scaled on when unset."),
    scaleInCooldownSeconds: defaultedBy(z.int().min(0), D.autoscaling.scaleInCooldownSeconds).describe(
      "Seconds between scale-ins.",
    ),
    scaleOutCooldownSeconds: defaultedBy(z.int().min(0), D.autoscaling.scaleOutCooldownSeconds).describe(
      "Seconds between scale-outs.",
    ),
  })
  .refine((a) => !taskBoundsProblem(a), { ...reportedBy(taskBoundsProblem), path: ["maxTasks"] });

const routing = z.strictObject({
  priority: defaultedBy(z.int().min(1).max(50000), D.routing.priority).describe(
    "Listener rule priority, unique per load balancer.",
  ),
  paths: defaultedBy(z.array(z.string().startsWith("/")).min(1).max(5), [...D.routing.paths]).describe(
    "Path patterns routed to the service.",
  ),
  hosts: z
    .array(z.string().min(1))
    .min(1)
    .max(5)
    .optional()
    .describe("Host headers routed to the service; any host when unset."),
  healthPath: z
    .string()
    .startsWith("/")
    .optional()
    .describe("Target health check path; the container health check's path when unset."),
  matcher: defaultedBy(z.string().regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/), D.routing.matcher).describe(
    "Status codes that count as healthy.",
  ),
});

/** Everything a stack file may set for one Fargate service. */
export const fargateServiceSchema = z
  .strictObject({
    image: imageRef.describe("Image pinned to a version tag or digest."),
    port: port.optional().describe("Port the app listens on; none for a worker."),
    cpu: defaultedBy(
      z.int().refine((c) => FARGATE_CPU_UNITS.includes(c), {
        error: `expected one of ${FARGATE_CPU_UNITS.join(", ")} CPU units`,
      }),
      D.cpu,
    ).describe("Task CPU units (1024 = one vCPU)."),
    memory: defaultedBy(z.int().min(512), D.memory).describe("Task memory, MiB; a size Fargate offers for the cpu."),
    user: defaultedBy(user, D.user).describe("Numeric non-root uid[:gid] the app runs as."),
    architecture: defaultedBy(z.enum(["X86_64", "ARM64"]), D.architecture).describe("CPU architecture of the image."),
    command: z.array(z.string()).min(1).optional().describe("Command override."),
    env: z.record(envName, z.string()).optional().describe("Literal environment; credentials belong in secretRefs."),
    secretRefs: z
      .record(envName, secretRef)
      .optional()
      .describe("Secret environment from Secrets Manager or SSM Parameter Store, read by ECS at task start."),
    secretsKmsKeyArns: z
      .array(awsArn)
      .optional()
      .describe("Customer KMS keys of those secrets, which the execution role may decrypt with."),
    healthCheck: healthCheck.optional().describe("Container health check; curl on /health of the port when unset."),
    writablePaths: defaultedBy(
      z.array(z.string().regex(/^\/[A-Za-z0-9_.\-/]*$/, { error: "expected an absolute path" })).max(8),
      [...D.writablePaths],
    ).describe("Writable directories (the root filesystem is read-only)."),
    desiredCount: defaultedBy(z.int().min(0).max(1000), D.desiredCount).describe("Tasks without autoscaling."),
    autoscaling: autoscaling.optional().describe("Target tracking autoscaling."),
    routing: routing
      .optional()
      .describe(
        "How the load balancer routes to the service; defaults when the service has a port and the stack a load balancer.",
      ),
    taskPolicyStatements: z.array(policyStatement).optional().describe("IAM statements of the app's own task role."),
    migration: migration
      .optional()
      .describe("Migrations run once per image by a one-off task before the service rolls out."),
    executeCommand: defaultedBy(z.boolean(), D.executeCommand).describe(
      "ECS Exec into running tasks (audited through SSM).",
    ),
    logRetentionDays: defaultedBy(logRetentionDays, D.logRetentionDays).describe("Days log events are kept."),
    database: databaseUseSchema
      .optional()
      .describe("Database connections one task opens at most, for the connection budget; none when unset."),
  })
  .superRefine((s, ctx) => {
    const report = (p: Problem | undefined) => {
      if (p) ctx.addIssue({ code: "custom", path: [...p.path], message: p.message, input: undefined });
    };
    report(taskSizeProblem({ cpu: s.cpu ?? D.cpu, memory: s.memory ?? D.memory }));
    report(variableOverlapProblem(s));
  })
  .refine(hasOneTaskCount, { ...reportedBy(taskCountProblem), path: ["desiredCount"] });

/** One service as a stack file gives it. */
export type FargateServiceConfig = z.output<typeof fargateServiceSchema>;

/** What a program adds to a configured service: where it runs, what it connects to, values other resources compute. */
export interface FargateWiring extends Omit<FargateServiceCommonArgs, keyof FargateServiceConfig | "loadBalancer"> {
  /** The load balancer it sits behind, routed as the config's `routing` says. @default none */
  readonly loadBalancer?: LoadBalancerAttachment;
  /** Statements added to the config's `taskPolicyStatements`. @default none */
  readonly taskPolicyStatements?: readonly PolicyStatement[];
  /** Literal environment added to the config's `env`. @default none */
  readonly env?: Readonly<Record<string, string>>;
}

/** The service's args from its config and the program's wiring; nothing is copied field by field. */
export function fargateServiceArgs(config: FargateServiceConfig, wiring: FargateWiring): FargateServiceArgs {
  const { routing, taskPolicyStatements, env, ...options } = config;
  const { loadBalancer, ...rest } = wiring;
  return {
    ...options,
    ...rest,
    env: { ...env, ...wiring.env },
    taskPolicyStatements: [...(taskPolicyStatements ?? []), ...(wiring.taskPolicyStatements ?? [])],
    loadBalancer: loadBalancer ? { ...routing, attachment: loadBalancer } : undefined,
  };
}
