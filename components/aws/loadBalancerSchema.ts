import { z } from "zod";
import { cidr, defaultedBy } from "../config/primitives";
import { TLS12_POLICIES } from "../../policy/policies/tls/awsListenerTls";
import { awsArn } from "./awsPrimitives";
import { LoadBalancerArgs, LOAD_BALANCER_DEFAULTS as D } from "./loadBalancer";

/** The config fragment of {@link LoadBalancer}. */
export const loadBalancerSchema = z.strictObject({
  certificateArn: awsArn
    .refine((a) => a.includes(":acm:"), { error: "expected an ACM certificate ARN" })
    .describe("ACM certificate of the HTTPS listener, in the stack's region."),
  internal: defaultedBy(z.boolean(), D.internal).describe("Reachable only inside the VPC."),
  allowedCidrs: defaultedBy(z.array(cidr).min(1), [...D.allowedCidrs]).describe(
    "Sources admitted on 443 (and 80, which only redirects).",
  ),
  sslPolicy: defaultedBy(z.enum(TLS12_POLICIES as [string, ...string[]]), D.sslPolicy).describe(
    "TLS policy of the HTTPS listener (TLS 1.2 or newer).",
  ),
  idleTimeoutSeconds: defaultedBy(z.int().min(1).max(4000), D.idleTimeoutSeconds).describe(
    "Seconds an idle connection stays open.",
  ),
  deletionProtection: defaultedBy(z.boolean(), D.deletionProtection).describe(
    "Refuse deletion through the API; turn off to tear a stack down.",
  ),
  accessLogRetentionDays: defaultedBy(z.int().min(1).max(3650), D.accessLogRetentionDays).describe(
    "Days access logs are kept.",
  ),
  accessLogBucketName: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .optional()
    .describe("Name of the access log bucket; <name>-access-logs-<account>-<region> when unset."),
  webAclArn: awsArn.optional().describe("WAFv2 web ACL (regional) to associate."),
});

/** A load balancer as a stack file gives it. */
export type LoadBalancerConfig = z.output<typeof loadBalancerSchema>;

/** The load balancer's args from its config and where it goes. */
export function loadBalancerArgs(
  config: LoadBalancerConfig,
  network: LoadBalancerArgs["network"],
  protect?: boolean,
): LoadBalancerArgs {
  const { accessLogRetentionDays, accessLogBucketName, ...rest } = config;
  return {
    ...rest,
    network,
    protect,
    accessLogs: { args: { retentionDays: accessLogRetentionDays, bucketName: accessLogBucketName } },
  };
}
