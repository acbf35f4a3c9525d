import * as kms from "@pulumi/aws/kms";
import * as pulumi from "@pulumi/pulumi";
import { ChildOption } from "../childOption";
import { deepMerge, DeepOverride } from "../merge";
import { childName, ChildRole } from "../naming";
import { statefulOptions } from "../protection";
import { accountContext } from "./accountContext";

/** A customer-managed KMS key: one the component makes (yearly rotation; `args` adjusts it), or an existing key's ARN. */
export type KmsKeyOption = ChildOption<DeepOverride<kms.KeyArgs>, pulumi.Input<string>>;

/** An AWS service that must use the key itself (not through the caller's IAM permissions). */
export interface KeyUser {
  /** Service principal, e.g. `logs.eu-west-1.amazonaws.com`. */
  readonly service: pulumi.Input<string>;
  /** Actions it may perform. @default encrypt, decrypt, re-encrypt, generate data keys, describe */
  readonly actions?: readonly string[];
  /** Condition block of its statement. @default none */
  readonly condition?: pulumi.Input<Record<string, unknown>>;
}

/** What {@link serviceKeyArn} makes a key for. */
export interface ServiceKeySpec {
  /** Key description. */
  readonly description: string;
  /** Protect and retain the key (prod). @default false */
  readonly protect?: boolean;
  /** Services that use the key directly; they get statements in its policy next to the account's. @default none (the default key policy) */
  readonly users?: readonly KeyUser[];
  /** Role of the key among the component's children. @default "kmsKey" */
  readonly role?: ChildRole;
}

const DATA_KEY_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];

/**
 * The ARN of the key a component encrypts with: an existing key's, or that of its own new key
 * with yearly rotation whose policy lets the account administer it (so IAM policies grant use)
 * and lets the named services use it.
 */
export function serviceKeyArn(
  parent: pulumi.Resource,
  parentName: string,
  option: KmsKeyOption | undefined,
  spec: ServiceKeySpec,
): pulumi.Input<string> {
  if (option?.existing !== undefined) return option.existing;
  const base: kms.KeyArgs = { description: spec.description, enableKeyRotation: true, deletionWindowInDays: 30 };
  if (spec.users?.length) base.policy = keyPolicy(parent, spec.users);
  return new kms.Key(
    childName(parentName, spec.role ?? "kmsKey"),
    deepMerge<kms.KeyArgs>(base, option?.args),
    statefulOptions(parent, spec.protect),
  ).arn;
}

function keyPolicy(parent: pulumi.Resource, users: readonly KeyUser[]): pulumi.Output<string> {
  const { accountId, partition } = accountContext(parent);
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersAndDelegatesToIam",
        Effect: "Allow",
        Principal: { AWS: pulumi.interpolate`arn:${partition}:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      ...users.map((u, i) => ({
        Sid: `ServiceUse${i}`,
        Effect: "Allow",
        Principal: { Service: u.service },
        Action: u.actions ?? DATA_KEY_ACTIONS,
        Resource: "*",
        ...(u.condition ? { Condition: u.condition } : {}),
      })),
    ],
  });
}
