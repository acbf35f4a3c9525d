import * as pulumi from "@pulumi/pulumi";
import type { ServiceNetworkConfig } from "./serviceNetworkSchema";

/** A VPC AWS services run in: private subnets for tasks, databases and brokers, public ones for load balancers. */
export interface ServiceNetwork {
  /** The VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** CIDR of the VPC. */
  readonly vpcCidr: pulumi.Input<string>;
  /** Private subnets, one per AZ. */
  readonly privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Public subnets, one per AZ. */
  readonly publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

/** The service network from explicit values or from the outputs of the network's stack. */
export function serviceNetwork(config: ServiceNetworkConfig, opts?: pulumi.CustomResourceOptions): ServiceNetwork {
  if (config.stackReference) {
    const ref = new pulumi.StackReference(config.stackReference, undefined, opts);
    return {
      vpcId: ref.requireOutput("vpcId") as pulumi.Output<string>,
      vpcCidr: ref.requireOutput("vpcCidr") as pulumi.Output<string>,
      privateSubnetIds: ref.requireOutput("privateSubnetIds") as pulumi.Output<string[]>,
      publicSubnetIds: ref.requireOutput("publicSubnetIds") as pulumi.Output<string[]>,
    };
  }
  const { vpcId, vpcCidr, privateSubnetIds, publicSubnetIds } = config;
  if (vpcId === undefined || vpcCidr === undefined || privateSubnetIds === undefined || publicSubnetIds === undefined) {
    throw new Error(
      "service network: expected stackReference, or vpcId, vpcCidr, privateSubnetIds and publicSubnetIds",
    );
  }
  return { vpcId, vpcCidr, privateSubnetIds, publicSubnetIds };
}
