import * as local from "@pulumi/command/local";
import * as ecs from "@pulumi/aws/ecs";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../../naming";
import { joined } from "../../outputValues";
import { FARGATE_SERVICE_DEFAULTS as D } from "./defaults";
import { ResolvedFargateService } from "./resolve";

/**
 * Starts the one-off task, waits until it stops (stopping it at the deadline) and fails unless its
 * container exited 0. Everything comes from the environment; the task reads its secrets itself.
 */
export const MIGRATION_SCRIPT = `set -eu
task=$(aws ecs run-task --cluster "$CLUSTER" --task-definition "$TASK_DEFINITION" --launch-type FARGATE --count 1 \\
  --started-by pulumi-migration \\
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SECURITY_GROUPS],assignPublicIp=DISABLED}" \\
  --query 'tasks[0].taskArn' --output text)
if [ -z "$task" ] || [ "$task" = None ]; then echo "migration task did not start" >&2; exit 1; fi
echo "migration task $task"
waited=0
while [ "$(aws ecs describe-tasks --cluster "$CLUSTER" --tasks "$task" --query 'tasks[0].lastStatus' --output text)" != STOPPED ]; do
  if [ "$waited" -ge "$TIMEOUT_SECONDS" ]; then
    aws ecs stop-task --cluster "$CLUSTER" --task "$task" --reason "migration timed out" > /dev/null
    echo "migration timed out after $TIMEOUT_SECONDS s; logs in $LOG_GROUP" >&2
    exit 1
  fi
  sleep 10
  waited=$((waited + 10))
done
code=$(aws ecs describe-tasks --cluster "$CLUSTER" --tasks "$task" \\
  --query "tasks[0].containers[?name=='$CONTAINER'].exitCode | [0]" --output text)
if [ "$code" != 0 ]; then
  reason=$(aws ecs describe-tasks --cluster "$CLUSTER" --tasks "$task" --query 'tasks[0].stoppedReason' --output text)
  echo "migration failed: exit code $code ($reason); logs in $LOG_GROUP" >&2
  exit 1
fi
echo "migration done"
`;

/** Where the one-off task runs: the service's cluster, subnets and security groups. */
export interface MigrationPlacement {
  /** The cluster's ARN. */
  readonly clusterArn: pulumi.Input<string>;
  /** The one-off task definition. */
  readonly taskDefinition: ecs.TaskDefinition;
  /** The service's security groups (its own and its client groups). */
  readonly securityGroupIds: pulumi.Input<string>[];
}

/**
 * Runs the migration task once per image (and per migration command) with `aws ecs run-task`
 * from where Pulumi runs, before the service rolls out: the service depends on it, so a failed
 * migration stops the deployment with the old tasks still serving.
 */
export function renderMigrationRun(
  scope: pulumi.Resource,
  r: ResolvedFargateService,
  placement: MigrationPlacement,
): local.Command | undefined {
  const migration = r.args.migration;
  if (!migration) return undefined;
  return new local.Command(
    childName(r.name, "migrationRun"),
    {
      create: MIGRATION_SCRIPT,
      // A new task definition revision alone (an environment change) runs nothing; a new image does.
      update: "true",
      interpreter: ["/bin/sh", "-c"],
      environment: {
        CLUSTER: placement.clusterArn,
        TASK_DEFINITION: placement.taskDefinition.arn,
        SUBNETS: joined(r.args.network.subnetIds, ","),
        SECURITY_GROUPS: joined(placement.securityGroupIds, ","),
        CONTAINER: r.objectName,
        LOG_GROUP: r.logGroupName,
        TIMEOUT_SECONDS: String(migration.timeoutSeconds ?? D.migration.timeoutSeconds),
      },
      triggers: [r.args.image, JSON.stringify(migration.command)],
      logging: "stdoutAndStderr",
    },
    { parent: scope, dependsOn: [placement.taskDefinition] },
  );
}
