import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as pulumi from "@pulumi/pulumi";
import { NetworkPeer } from "../kube/network";
import type { DataNetwork } from "./network";
import { portSecurityGroup } from "../aws/securityGroups";
import { childName } from "../naming";
import { statefulOptions } from "../protection";

/** What every data service (PostgreSQL, Redis) takes, whatever its mode. */
export interface DataServiceCommon {
  /** Base of its names (`<objectName>`, `<objectName>-credentials`, …). @default the component name */
  readonly objectName?: string;
  /** Protect and retain the stateful children (prod). @default false */
  readonly protect?: boolean;
}

/** The Kubernetes apps a data service serves: they get its credentials Secret and a network path. */
export interface KubernetesClients {
  /** Namespace of the apps (and of an in-cluster StatefulSet). */
  readonly namespace: pulumi.Input<string>;
  /** Platform name. */
  readonly partOf: string;
  /** Pods admitted to the service (in-cluster, or its pooler). @default [] */
  readonly clients?: readonly NetworkPeer[];
}

/** How a managed service reaches its AWS network. */
export interface ManagedNetworking {
  /** Where the service lives. */
  readonly network: DataNetwork;
  /** A client security group AWS workloads join to reach the service (see `access`). @default true unless `network.clientSecurityGroupId` is set */
  readonly clientGroup?: boolean;
}

/** `Omit` over each member of a union, so modes stay discriminated. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Stores a managed service's credentials (a secret JSON document) in Secrets Manager under `key`. */
export function storeCredentials(
  parent: pulumi.Resource,
  parentName: string,
  keyArn: pulumi.Input<string>,
  description: string,
  document: pulumi.Output<string>,
  protect?: boolean,
): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(
    childName(parentName, "managedSecret"),
    { description, kmsKeyId: keyArn, recoveryWindowInDays: 30 },
    statefulOptions(parent, protect),
  );
  new secretsmanager.SecretVersion(
    childName(parentName, "managedSecretVersion"),
    { secretId: secret.id, secretString: pulumi.secret(document) },
    { parent },
  );
  return secret;
}

/** The security group of a managed service's port: the cluster's group admitted when given, a client group for AWS workloads when asked for. */
export function managedSecurityGroup(
  parent: pulumi.Resource,
  parentName: string,
  args: ManagedNetworking,
  port: number,
  service: string,
): ReturnType<typeof portSecurityGroup> {
  const n = args.network;
  return portSecurityGroup(parent, parentName, {
    vpcId: n.vpcId,
    port,
    service,
    admit:
      n.clientSecurityGroupId === undefined
        ? []
        : [{ securityGroupId: n.clientSecurityGroupId, description: "cluster pods" }],
    clientGroup: args.clientGroup ?? n.clientSecurityGroupId === undefined,
  });
}

/** Where Kubernetes apps reach a managed service: its port anywhere in the VPC. */
export function vpcPeer(parent: pulumi.Resource, network: DataNetwork, port: number): NetworkPeer {
  if (network.vpcCidr === undefined)
    throw new pulumi.ResourceError(
      "Kubernetes clients of a managed service need network.vpcCidr: their NetworkPolicies allow egress to it",
      parent,
    );
  return { cidr: network.vpcCidr, port };
}
