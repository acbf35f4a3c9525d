import { z } from "zod";
import { cidr, stackReference } from "../config/primitives";

/** Where managed data services go (`aws.network`): explicit ids, or a stack exporting them. */
export const networkSchema = z.strictObject({
  stackReference: stackReference
    .optional()
    .describe(
      "Stack exporting vpcId, privateSubnetIds, clusterSecurityGroupId and vpcCidr (instead of giving them here).",
    ),
  vpcId: z
    .string()
    .regex(/^vpc-[0-9a-f]{8,17}$/, { error: 'expected a VPC id such as "vpc-0a1b2c3d"' })
    .optional()
    .describe("VPC of the cluster."),
  privateSubnetIds: z
    .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { error: 'expected a subnet id such as "subnet-0a1b2c3d"' }))
    .min(2, { error: "expected at least 2 private subnets in different AZs" })
    .optional()
    .describe("Private subnets for the DB and cache subnet groups."),
  clusterSecurityGroupId: z
    .string()
    .regex(/^sg-[0-9a-f]{8,17}$/, { error: 'expected a security group id such as "sg-0a1b2c3d"' })
    .optional()
    .describe("Security group of the cluster's nodes/pods, the only source admitted to the data services."),
  vpcCidr: cidr.optional().describe("CIDR of the VPC; app NetworkPolicies allow egress to the data ports there."),
});

/** Network values as stack config gives them. */
export type DataNetworkConfig = z.output<typeof networkSchema>;

/** The AWS side of a stack (`<project>:aws`). */
export const awsSchema = z.strictObject({
  oidcProviderArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/, {
      error: "expected the cluster's IAM OIDC provider ARN, arn:aws:iam::<account>:oidc-provider/<issuer>",
    })
    .optional()
    .describe("IAM OIDC provider of the cluster, for IRSA (the backup job's role); required with data.backups."),
  network: networkSchema.optional().describe("Network of managed data services; required when any of them is managed."),
});
