import * as ec2 from "@pulumi/aws/ec2";
import * as vpc from "@pulumi/aws/vpc";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";

/**
 * How AWS workloads (ECS tasks, Lambda functions) reach a service guarded by a security group:
 * they join its client group, which the service's group admits on `port` and which may send
 * only there. Nothing outside the service's component edits the service's own group.
 */
export interface ClientAccess {
  /** The client group to attach to the workload. */
  readonly securityGroupId: pulumi.Output<string>;
  /** The port the service listens on. */
  readonly port: number;
  /** What the service is, for descriptions. */
  readonly service: string;
}

/** A source admitted to a service's port. */
export interface AdmittedGroup {
  /** Its security group. */
  readonly securityGroupId: pulumi.Input<string>;
  /** Rule description. */
  readonly description: string;
}

/** What {@link portSecurityGroup} guards. */
export interface PortGuard {
  /** VPC of the service. */
  readonly vpcId: pulumi.Input<string>;
  /** The service's port. */
  readonly port: number;
  /** What the service is (descriptions). */
  readonly service: string;
  /** Groups admitted besides the client group (e.g. an EKS cluster's). @default none */
  readonly admit?: readonly AdmittedGroup[];
  /** Whether to make a client group for AWS workloads. */
  readonly clientGroup: boolean;
}

/**
 * The security group of a service port: admits the port from the given groups and from its own
 * client group (when asked for), sends nothing. The client group's only rule is its egress to
 * that port, so a workload that joins it gains that one path.
 */
export function portSecurityGroup(
  parent: pulumi.Resource,
  parentName: string,
  guard: PortGuard & { clientGroup: true },
): { securityGroup: ec2.SecurityGroup; access: ClientAccess };
export function portSecurityGroup(
  parent: pulumi.Resource,
  parentName: string,
  guard: PortGuard,
): { securityGroup: ec2.SecurityGroup; access?: ClientAccess };
export function portSecurityGroup(
  parent: pulumi.Resource,
  parentName: string,
  guard: PortGuard,
): { securityGroup: ec2.SecurityGroup; access?: ClientAccess } {
  const child = { parent };
  const { port, service } = guard;
  const clients = guard.clientGroup
    ? new ec2.SecurityGroup(
        childName(parentName, "clientSecurityGroup"),
        { description: `${service} clients: members may reach port ${port}`, vpcId: guard.vpcId },
        child,
      )
    : undefined;
  const admitted = [
    ...(guard.admit ?? []),
    ...(clients ? [{ securityGroupId: clients.id, description: "members of the client group" }] : []),
  ];
  // The description is immutable (a change replaces the group), so the cluster-only wording stays.
  const description = clients
    ? `${service}: port ${port} from its clients only`
    : `${service}: port ${port} from the cluster only`;
  const securityGroup = new ec2.SecurityGroup(
    childName(parentName, "securityGroup"),
    {
      description,
      vpcId: guard.vpcId,
      ingress: admitted.map((a) => ({
        protocol: "tcp",
        fromPort: port,
        toPort: port,
        securityGroups: [a.securityGroupId],
        description: a.description,
      })),
      egress: [],
    },
    child,
  );
  if (!clients) return { securityGroup };
  new vpc.SecurityGroupEgressRule(
    childName(parentName, "clientEgress"),
    {
      securityGroupId: clients.id,
      referencedSecurityGroupId: securityGroup.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: `to ${service}`,
    },
    child,
  );
  return { securityGroup, access: { securityGroupId: clients.id, port, service } };
}
