import * as pulumi from "@pulumi/pulumi";

/** Where managed data services live and who may reach them. */
export interface DataNetwork {
  /** VPC of the cluster. */
  vpcId: pulumi.Input<string>;
  /** Private subnets (two or more AZs) for the subnet groups. */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group of the cluster's nodes/pods: the only source admitted to the data ports. */
  clientSecurityGroupId: pulumi.Input<string>;
  /** CIDR of the VPC: app NetworkPolicies allow egress to the data ports there. */
  vpcCidr: pulumi.Input<string>;
}

/** Network values as stack config gives them. */
export interface DataNetworkConfig {
  /** `<org>/<project>/<stack>` exporting `vpcId`, `privateSubnetIds`, `clusterSecurityGroupId`, `vpcCidr`. */
  stackReference?: string;
  /** VPC id. */
  vpcId?: string;
  /** Private subnet ids. */
  privateSubnetIds?: string[];
  /** Cluster security group id. */
  clusterSecurityGroupId?: string;
  /** VPC CIDR. */
  vpcCidr?: string;
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
  return {
    vpcId: config.vpcId!,
    subnetIds: config.privateSubnetIds!,
    clientSecurityGroupId: config.clusterSecurityGroupId!,
    vpcCidr: config.vpcCidr!,
  };
}
