import { z } from "zod";
import { cidr, defaultedBy, hostname } from "../config/primitives";
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
  dns: z
    .strictObject({
      hostedZoneId: z
        .string()
        .regex(/^Z[A-Z0-9]{4,32}$/, { error: 'expected a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"' })
        .describe("Route 53 zone of the names."),
      names: z.array(hostname).min(1).describe("Host names aliased to the load balancer (A and AAAA)."),
    })
    .optional()
    .describe("Host names published in Route 53 as aliases of the load balancer (the API's host)."),
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
