import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as pulumi from "@pulumi/pulumi";
import { childName, ChildRole } from "../naming";
import { AccountContext } from "./accountContext";
import { KeyUser } from "./kmsKey";

/** The statement that lets CloudWatch Logs of this account and region encrypt log groups with a key. */
export function logsKeyUser(ctx: AccountContext): KeyUser {
  return {
    service: pulumi.interpolate`logs.${ctx.region}.amazonaws.com`,
    condition: {
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:*`,
      },
    },
  };
}

/** What {@link encryptedLogGroup} makes. */
export interface EncryptedLogGroupSpec {
  /** Log group name (known before creation, so task definitions that name it are too). */
  readonly name: string;
  /** Days events are kept. */
  readonly retentionDays: number;
  /** Key the group is encrypted with; its policy must admit {@link logsKeyUser}. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Role of the group among the component's children. @default "logGroup" */
  readonly role?: ChildRole;
}

/** A CloudWatch log group encrypted with a customer key, keeping events for a set time. */
export function encryptedLogGroup(
  parent: pulumi.Resource,
  parentName: string,
  spec: EncryptedLogGroupSpec,
): cloudwatch.LogGroup {
  return new cloudwatch.LogGroup(
    childName(parentName, spec.role ?? "logGroup"),
    {
      name: spec.name,
      retentionInDays: spec.retentionDays,
      kmsKeyId: spec.kmsKeyArn,
    },
    { parent },
  );
}
