import { z } from "zod";
import { cidr, stackReference } from "../config/primitives";

const subnetId = z
  .string()
  .regex(/^subnet-[0-9a-f]{8,17}$/, { error: 'expected a subnet id such as "subnet-0a1b2c3d"' });

/** The config fragment of {@link serviceNetwork}: a VPC for AWS services, explicit or from the network stack. */
export const serviceNetworkSchema = z
  .strictObject({
    stackReference: stackReference
      .optional()
      .describe("Stack exporting vpcId, vpcCidr, privateSubnetIds and publicSubnetIds (instead of giving them here)."),
    vpcId: z
      .string()
      .regex(/^vpc-[0-9a-f]{8,17}$/, { error: 'expected a VPC id such as "vpc-0a1b2c3d"' })
      .optional()
      .describe("The VPC."),
    vpcCidr: cidr.optional().describe("CIDR of the VPC."),
    privateSubnetIds: z
      .array(subnetId)
      .min(2, { error: "expected at least 2 private subnets in different AZs" })
      .optional()
      .describe("Private subnets (tasks, databases, brokers), one per AZ."),
    publicSubnetIds: z
      .array(subnetId)
      .min(2, { error: "expected at least 2 public subnets in different AZs" })
      .optional()
      .describe("Public subnets for internet-facing load balancers, one per AZ."),
  })
  .superRefine((n, ctx) => {
    if (n.stackReference) return;
    for (const key of ["vpcId", "vpcCidr", "privateSubnetIds", "publicSubnetIds"] as const) {
      if (n[key] === undefined)
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "required key is missing (expected it, or stackReference)",
          input: undefined,
        });
    }
  });

/** A service network as stack config gives it. */
export type ServiceNetworkConfig = z.output<typeof serviceNetworkSchema>;
