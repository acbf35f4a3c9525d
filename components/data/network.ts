import * as pulumi from "@pulumi/pulumi";
import type { DataNetworkConfig } from "./networkSchema";

/** Where managed data services live and who may reach them. */
export interface DataNetwork {
  /** VPC of the cluster. */
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets (two or more AZs) for the subnet groups. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group of an EKS cluster's nodes/pods, admitted to the data ports. @default none (AWS workloads join the service's client group) */
  readonly clientSecurityGroupId?: pulumi.Input<string>;
  /** CIDR of the VPC: Kubernetes apps' NetworkPolicies allow egress to the data ports there. Required with Kubernetes clients. @default none */
  readonly vpcCidr?: pulumi.Input<string>;
}

/** The data network from explicit values or from the outputs of the network's stack. */
export function dataNetwork(config: DataNetworkConfig, opts?: pulumi.CustomResourceOptions): DataNetwork {
  if (config.stackReference) {
    const ref = new pulumi.StackReference(config.stackReference, undefined, opts);
    return {
      vpcId: ref.requireOutput("vpcId") as pulumi.Output<string>,
      subnetIds: ref.requireOutput("privateSubnetIds") as pulumi.Output<string[]>,
      clientSecurityGroupId: ref.requireOutput("clusterSecurityGroupId") as pulumi.Output<string>,
      vpcCidr: ref.requireOutput("vpcCidr") as pulumi.Output<string>,
    };
  }
  const { vpcId, privateSubnetIds, clusterSecurityGroupId, vpcCidr } = config;
  if (vpcId === undefined || privateSubnetIds === undefined) {
    throw new Error("data network: expected stackReference, or vpcId and privateSubnetIds");
  }
  return { vpcId, subnetIds: privateSubnetIds, clientSecurityGroupId: clusterSecurityGroupId, vpcCidr };
}
