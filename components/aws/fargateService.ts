import * as ec2 from "@pulumi/aws/ec2";
import * as ecs from "@pulumi/aws/ecs";
import * as iam from "@pulumi/aws/iam";
import * as lb from "@pulumi/aws/lb";
import * as pulumi from "@pulumi/pulumi";
import type * as local from "@pulumi/command/local";
import { accountContext } from "./accountContext";
import { FargateServiceArgs } from "./fargate/args";
import { renderAutoscaling } from "./fargate/autoscaling";
import { renderMigrationRun } from "./fargate/migration";
import { renderParameters } from "./fargate/parameters";
import { resolveFargateService } from "./fargate/resolve";
import { renderRoles } from "./fargate/roles";
import { renderRouting, renderSecurityGroup } from "./fargate/routing";
import { renderCluster, renderEcsService } from "./fargate/service";
import { renderTaskDefinition } from "./fargate/taskDefinition";
import { serviceKeyArn } from "./kmsKey";
import { encryptedLogGroup, logsKeyUser } from "./logGroup";

export * from "./fargate/args";
export { FARGATE_SERVICE_DEFAULTS } from "./fargate/defaults";
export { fargateServiceProblems, resolveFargateService } from "./fargate/resolve";
export type { ResolvedFargateService } from "./fargate/resolve";

/**
 * An app on ECS Fargate: a task definition whose containers run as a non-root user on a
 * read-only root filesystem with every capability dropped and an init process, secrets only
 * through `secrets` (SSM SecureString under the service's key, Secrets Manager, SSM), logs to a
 * KMS-encrypted log group with retention, and a health check; a service in private subnets
 * without a public IP that rolls back a failed deployment (circuit breaker) and waits for steady
 * state; least-privilege execution and task roles; security groups so that only its load
 * balancer reaches it; target tracking on CPU and requests per task. With `migration`, a one-off
 * task of the same image runs the migration command once per image before the service rolls out.
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
  /** Base of its AWS names. */
  public readonly objectName: string;
  /** The one-off migration task definition (family `<objectName>-migrate`), with `migration`. */
  public readonly migrationTaskDefinition?: ecs.TaskDefinition;
  /** The run of the migration task the service waits for, with `migration`. */
  public readonly migration?: local.Command;

  constructor(name: string, args: FargateServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:FargateService", name, {}, opts);
    const r = resolveFargateService(name, args, this);
    const child = { parent: this };
    this.objectName = r.objectName;
    this.logGroupName = r.logGroupName;
    this.clusterName = r.clusterName;
    const ctx = accountContext(this);
    const keyArn = serviceKeyArn(this, name, args.kmsKey, {
      description: `${name}: logs and secret parameters`,
      users: [logsKeyUser(ctx)],
    });
    const logGroup = encryptedLogGroup(this, name, {
      name: r.logGroupName,
      retentionDays: r.logRetentionDays,
      kmsKeyArn: keyArn,
    });
    const secrets = renderParameters(r, ctx, keyArn, child);
    const roles = renderRoles(this, r, ctx, { keyArn, logGroupArn: logGroup.arn, reads: secrets.reads });
    this.executionRole = roles.executionRole;
    this.taskRole = roles.taskRole;
    const taskInputs = { region: ctx.region, logGroup, secrets, roles };
    this.taskDefinition = renderTaskDefinition(this, r, taskInputs);
    const clusterArn = renderCluster(r, child);
    this.securityGroup = renderSecurityGroup(r, child);
    this.migrationTaskDefinition = r.args.migration
      ? renderTaskDefinition(this, r, taskInputs, {
          role: "migrationTask",
          suffix: "migrate",
          command: r.args.migration.command,
        })
      : undefined;
    this.migration =
      this.migrationTaskDefinition &&
      renderMigrationRun(this, r, {
        clusterArn,
        taskDefinition: this.migrationTaskDefinition,
        securityGroupIds: [this.securityGroup.id, ...(args.access ?? []).map((a) => a.securityGroupId)],
      });
    const routing = r.routing && renderRouting(r, r.routing, this.securityGroup, child);
    this.targetGroup = routing?.targetGroup;
    this.service = renderEcsService(this, r, {
      clusterArn,
      taskDefinition: this.taskDefinition,
      securityGroup: this.securityGroup,
      routing,
      after: this.migration ? [this.migration] : [],
    });
    if (r.taskCount.mode === "autoscaled") {
      renderAutoscaling(
        r,
        r.taskCount,
        this.service.name,
        r.routing && routing && { routing: r.routing, targetGroup: routing.targetGroup },
        child,
      );
    }
    this.registerOutputs({ serviceName: this.service.name });
  }
}
