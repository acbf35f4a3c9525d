import * as ec2 from "@pulumi/aws/ec2";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";
import { DataNetwork } from "./network";

/** A security group admitting `port` only from the cluster's security group; no egress. */
export function dataSecurityGroup(parent: pulumi.ComponentResource, parentName: string, network: DataNetwork, port: number, service: string): ec2.SecurityGroup {
  return new ec2.SecurityGroup(childName(parentName, "securityGroup"), {
    description: `${service}: port ${port} from the cluster only`,
    vpcId: network.vpcId,
    ingress: [{ protocol: "tcp", fromPort: port, toPort: port, securityGroups: [network.clientSecurityGroupId], description: "cluster pods" }],
    egress: [],
  }, { parent });
}
