import * as kms from "@pulumi/aws/kms";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as pulumi from "@pulumi/pulumi";
import { ChildOption } from "../childOption";
import { NetworkPeer } from "../kube/network";
import { deepMerge, DeepOverride } from "../merge";
import { childName } from "../naming";

/** A customer-managed KMS key: one the component makes (yearly rotation; `args` adjusts it), or an existing key's ARN. */
export type KmsKeyOption = ChildOption<DeepOverride<kms.KeyArgs>, pulumi.Input<string>>;

/** What every data service (PostgreSQL, Redis) takes, whatever its mode. */
export interface DataServiceCommon {
  /** Namespace of the apps (and of an in-cluster StatefulSet). */
  readonly namespace: pulumi.Input<string>;
  /** Platform name. */
  readonly partOf: string;
  /** Base of its Kubernetes object names (`<objectName>`, `<objectName>-credentials`, …). @default the component name */
  readonly objectName?: string;
  /** Pods admitted to the service (in-cluster, or its pooler). @default [] */
  readonly clients?: readonly NetworkPeer[];
  /** Protect and retain the stateful children (prod). @default false */
  readonly protect?: boolean;
}

/** `Omit` over each member of a union, so modes stay discriminated. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Resource options for stateful children: protected and retained when `protect` is set. */
export function statefulOptions(parent: pulumi.Resource, protect: boolean | undefined): pulumi.CustomResourceOptions {
  return protect ? { parent, protect: true, retainOnDelete: true } : { parent };
}

/** The ARN of the key a component encrypts with: an existing key's, or that of its own new key with yearly rotation. */
export function serviceKeyArn(parent: pulumi.Resource, parentName: string, option: KmsKeyOption | undefined, description: string, protect?: boolean): pulumi.Input<string> {
  if (option?.existing !== undefined) return option.existing;
  return new kms.Key(childName(parentName, "kmsKey"), deepMerge<kms.KeyArgs>({ description, enableKeyRotation: true, deletionWindowInDays: 30 }, option?.args), statefulOptions(parent, protect)).arn;
}

/** Stores a managed service's credentials (a secret JSON document) in Secrets Manager under `key`. */
export function storeCredentials(
  parent: pulumi.Resource,
  parentName: string,
  keyArn: pulumi.Input<string>,
  description: string,
  document: pulumi.Output<string>,
  protect?: boolean,
): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(childName(parentName, "managedSecret"), { description, kmsKeyId: keyArn, recoveryWindowInDays: 30 }, statefulOptions(parent, protect));
  new secretsmanager.SecretVersion(childName(parentName, "managedSecretVersion"), { secretId: secret.id, secretString: pulumi.secret(document) }, { parent });
  return secret;
}
