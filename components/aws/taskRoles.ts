import * as iam from "@pulumi/aws/iam";
import type { PolicyDocument } from "@pulumi/aws/iam/documents";
import * as pulumi from "@pulumi/pulumi";
import { childName, ChildRole } from "../naming";
import { AccountContext } from "./accountContext";

/** An IAM policy statement. */
export type PolicyStatement = pulumi.Input<Record<string, unknown>>;

/** A role ECS tasks of this account and region may assume (and no one else, even through ECS in another account). */
export function ecsTaskRole(
  parent: pulumi.Resource,
  parentName: string,
  role: ChildRole,
  description: string,
  ctx: AccountContext,
): iam.Role {
  return new iam.Role(
    childName(parentName, role),
    {
      description,
      assumeRolePolicy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
              ArnLike: {
                "aws:SourceArn": pulumi.interpolate`arn:${ctx.partition}:ecs:${ctx.region}:${ctx.accountId}:*`,
              },
              StringEquals: { "aws:SourceAccount": ctx.accountId },
            },
          },
        ],
      }),
    },
    { parent },
  );
}

/**
 * A policy document as a structure rather than a JSON string, so a preview knows every part of
 * it but the ARNs still unknown, and the guardrails can judge its actions and principals.
 */
export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements } as unknown as PolicyDocument;
}

/** An inline policy of `role` with `statements`, or none when there are none. */
export function inlinePolicy(
  parent: pulumi.Resource,
  parentName: string,
  role: ChildRole,
  target: iam.Role,
  statements: PolicyStatement[],
): iam.RolePolicy | undefined {
  if (!statements.length) return undefined;
  return new iam.RolePolicy(
    childName(parentName, role),
    {
      role: target.id,
      policy: policyDocument(statements),
    },
    { parent },
  );
}
