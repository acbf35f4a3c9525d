import * as kms from "@pulumi/aws/kms";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as pulumi from "@pulumi/pulumi";
import { NetworkPeer } from "../app/network";
import { childName } from "../naming";

/** Arguments every data service (PostgreSQL, Redis) takes. */
export interface DataServiceArgs<Managed, InCluster> {
  /** The AWS service (`managed`) or a StatefulSet (`in-cluster`). */
  mode: "managed" | "in-cluster";
  /** Namespace of the apps (and of an in-cluster StatefulSet). */
  namespace: pulumi.Input<string>;
  /** Platform name. */
  partOf: string;
  /** Pods admitted to an in-cluster service. @default [] */
  clients?: NetworkPeer[];
  /** Protect and retain the stateful children (prod). @default false */
  protect?: boolean;
  /** Required in managed mode. */
  managed?: Managed;
  /** @default the in-cluster defaults */
  inCluster?: InCluster;
}

/** Resource options for stateful children: protected and retained when `protect` is set. */
export function statefulOptions(parent: pulumi.Resource, protect: boolean | undefined): pulumi.CustomResourceOptions {
  return protect ? { parent, protect: true, retainOnDelete: true } : { parent };
}

/** The key a managed service encrypts with: the one given, or its own with yearly rotation. */
export function serviceKey(parent: pulumi.Resource, parentName: string, given: kms.Key | undefined, description: string, protect?: boolean): kms.Key {
  return given ?? new kms.Key(childName(parentName, "kmsKey"), { description, enableKeyRotation: true, deletionWindowInDays: 30 }, statefulOptions(parent, protect));
}

/** Stores a managed service's credentials (a secret JSON document) in Secrets Manager under `key`. */
export function storeCredentials(
  parent: pulumi.Resource,
  parentName: string,
  key: kms.Key,
  description: string,
  document: pulumi.Output<string>,
  protect?: boolean,
): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(childName(parentName, "managedSecret"), { description, kmsKeyId: key.arn, recoveryWindowInDays: 30 }, statefulOptions(parent, protect));
  new secretsmanager.SecretVersion(childName(parentName, "managedSecretVersion"), { secretId: secret.id, secretString: pulumi.secret(document) }, { parent });
  return secret;
}
