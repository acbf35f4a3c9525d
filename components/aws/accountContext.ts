import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import * as pulumi from "@pulumi/pulumi";

/** The account, region and partition a component's AWS provider deploys into, for ARNs and key policies. */
export interface AccountContext {
  /** Account id. */
  readonly accountId: pulumi.Output<string>;
  /** Region, e.g. `eu-west-1`. */
  readonly region: pulumi.Output<string>;
  /** Partition, e.g. `aws`. */
  readonly partition: pulumi.Output<string>;
}

/** Reads the account context through the provider `parent` resolves to (so `providers` passed to a component apply). */
export function accountContext(parent: pulumi.Resource): AccountContext {
  const opts = { parent };
  return {
    accountId: getCallerIdentityOutput({}, opts).accountId,
    region: getRegionOutput({}, opts).region,
    partition: getPartitionOutput({}, opts).partition,
  };
}
