import * as ec2 from "@pulumi/aws/ec2";
import * as elb from "@pulumi/aws/elb";
import * as lb from "@pulumi/aws/lb";
import * as wafv2 from "@pulumi/aws/wafv2";
import * as route53 from "@pulumi/aws/route53";
import * as pulumi from "@pulumi/pulumi";
import { ChildOption } from "../childOption";
import { childName } from "../naming";
import { accountContext } from "./accountContext";
import { accountScopedBucketName, privateBucket } from "./privateBucket";

/** Every default of a {@link LoadBalancer}. */
export const LOAD_BALANCER_DEFAULTS = {
  /** Internet-facing. */
  internal: false,
  /** TLS 1.3 and 1.2 only. */
  sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
  /** Who may connect. */
  allowedCidrs: ["0.0.0.0/0"] as readonly string[],
  /** Seconds an idle connection stays open. */
  idleTimeoutSeconds: 60,
  /** Refuse deletion through the API. */
  deletionProtection: true,
  /** Days access logs are kept. */
  accessLogRetentionDays: 90,
  /** Key prefix of the access logs. */
  accessLogPrefix: "alb",
} as const;

const D = LOAD_BALANCER_DEFAULTS;

/** What a service needs to sit behind a {@link LoadBalancer}: its HTTPS listener, security group and metric dimension. */
export interface LoadBalancerAttachment {
  /** The HTTPS listener services add rules to. */
  readonly listenerArn: pulumi.Output<string>;
  /** The load balancer's security group (tasks admit it). */
  readonly securityGroupId: pulumi.Output<string>;
  /** `app/<name>/<id>`, the CloudWatch dimension of request-count scaling. */
  readonly arnSuffix: pulumi.Output<string>;
  /** The VPC target groups live in. */
  readonly vpcId: pulumi.Input<string>;
}

/** Where access logs go: the component's own bucket (`args`: its name and retention), or an `existing` bucket's name that already admits log delivery. */
export type AccessLogOption = ChildOption<
  { readonly bucketName?: string; readonly retentionDays?: number },
  pulumi.Input<string>
>;

/** Arguments of {@link LoadBalancer}. */
export interface LoadBalancerArgs {
  /** VPC and the subnets the load balancer's nodes go in (public ones unless `internal`). */
  readonly network: { readonly vpcId: pulumi.Input<string>; readonly subnetIds: pulumi.Input<pulumi.Input<string>[]> };
  /** ACM certificate of the HTTPS listener (in the load balancer's region). */
  readonly certificateArn: pulumi.Input<string>;
  /** Reachable only inside the VPC. @default false */
  readonly internal?: boolean;
  /** Source CIDRs admitted on 443 (and 80, which only redirects). @default ["0.0.0.0/0"] */
  readonly allowedCidrs?: readonly string[];
  /** TLS policy of the HTTPS listener. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
  readonly sslPolicy?: string;
  /** @default 60 */
  readonly idleTimeoutSeconds?: number;
  /** Refuse deletion through the API (turn off to tear a staging stack down). @default true */
  readonly deletionProtection?: boolean;
  /** Access logs. @default its own bucket `<name>-access-logs-<account>-<region>` (autonamed when too long), logs kept 90 days */
  readonly accessLogs?: AccessLogOption;
  /** Also admit the region's Elastic Load Balancing account to the log bucket (regions opened before August 2022 deliver as it). @default true */
  readonly legacyLogDelivery?: boolean;
  /** A WAFv2 web ACL to associate. @default none */
  readonly webAclArn?: pulumi.Input<string>;
  /** Protect and retain the log bucket (prod). @default false */
  readonly protect?: boolean;
  /** Host names published as alias A/AAAA records to the load balancer in a Route 53 zone. @default none */
  readonly dns?: { readonly hostedZoneId: pulumi.Input<string>; readonly names: readonly string[] };
}

/**
 * An Application Load Balancer for services on ECS: an HTTPS listener with a TLS 1.3/1.2 policy
 * whose default answer is 404 (services add their routes), an HTTP listener that only redirects
 * to HTTPS, invalid header fields dropped, strictest desync mitigation, access logs to a
 * TLS-only bucket, deletion protection, and a security group admitting 443/80 from the allowed
 * CIDRs whose only egress is to the services behind it.
 */
export class LoadBalancer extends pulumi.ComponentResource {
  /** The load balancer. */
  public readonly loadBalancer: lb.LoadBalancer;
  /** The HTTPS listener. */
  public readonly httpsListener: lb.Listener;
  /** The security group. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** Public DNS name (point an alias record at it). */
  public readonly dnsName: pulumi.Output<string>;
  /** Hosted zone of the DNS name, for alias records. */
  public readonly zoneId: pulumi.Output<string>;
  /** What services need to attach. */
  public readonly attachment: LoadBalancerAttachment;

  constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:LoadBalancer", name, {}, opts);
    const child = { parent: this };
    const cidrs = args.allowedCidrs ?? D.allowedCidrs;
    this.securityGroup = new ec2.SecurityGroup(
      childName(name, "securityGroup"),
      {
        description: `${name}: HTTPS (and HTTP redirect) from allowed sources`,
        vpcId: args.network.vpcId,
        ingress: [443, 80].map((port) => ({
          protocol: "tcp",
          fromPort: port,
          toPort: port,
          cidrBlocks: [...cidrs],
          description: port === 443 ? "HTTPS" : "HTTP, redirected to HTTPS",
        })),
      },
      child,
    );
    const logs = this.accessLogBucket(name, args);
    this.loadBalancer = new lb.LoadBalancer(
      childName(name, "loadBalancer"),
      {
        loadBalancerType: "application",
        internal: args.internal ?? D.internal,
        securityGroups: [this.securityGroup.id],
        subnets: args.network.subnetIds,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "strictest",
        enableDeletionProtection: args.deletionProtection ?? D.deletionProtection,
        idleTimeout: args.idleTimeoutSeconds ?? D.idleTimeoutSeconds,
        enableHttp2: true,
        accessLogs: { bucket: logs.bucket, prefix: D.accessLogPrefix, enabled: true },
      },
      { parent: this, dependsOn: logs.ready },
    );
    this.httpsListener = new lb.Listener(
      childName(name, "httpsListener"),
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: args.sslPolicy ?? D.sslPolicy,
        certificateArn: args.certificateArn,
        defaultActions: [
          {
            type: "fixed-response",
            fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "not found" },
          },
        ],
      },
      child,
    );
    new lb.Listener(
      childName(name, "httpListener"),
      {
        loadBalancerArn: this.loadBalancer.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      },
      child,
    );
    if (args.webAclArn !== undefined) {
      new wafv2.WebAclAssociation(
        childName(name, "webAclAssociation"),
        { resourceArn: this.loadBalancer.arn, webAclArn: args.webAclArn },
        child,
      );
    }
    this.dnsName = this.loadBalancer.dnsName;
    this.zoneId = this.loadBalancer.zoneId;
    this.attachment = {
      listenerArn: this.httpsListener.arn,
      securityGroupId: this.securityGroup.id,
      arnSuffix: this.loadBalancer.arnSuffix,
      vpcId: args.network.vpcId,
    };
    if (args.dns) this.aliasRecords(name, args.dns);
    this.registerOutputs({ dnsName: this.dnsName });
  }

  /** Alias A and AAAA records of each name to the load balancer. */
  private aliasRecords(name: string, dns: NonNullable<LoadBalancerArgs["dns"]>): void {
    for (const host of dns.names)
      for (const [role, type] of [
        ["aliasRecord", "A"],
        ["aliasRecordIpv6", "AAAA"],
      ] as const)
        new route53.Record(
          `${childName(name, role)}-${host}`,
          {
            zoneId: dns.hostedZoneId,
            name: host,
            type,
            aliases: [{ name: this.dnsName, zoneId: this.zoneId, evaluateTargetHealth: true }],
          },
          { parent: this },
        );
  }

  /** The log bucket: existing, or its own (SSE-S3, the only encryption ALB log delivery supports). */
  private accessLogBucket(
    name: string,
    args: LoadBalancerArgs,
  ): { bucket: pulumi.Input<string>; ready: pulumi.Resource[] } {
    if (args.accessLogs?.existing !== undefined) return { bucket: args.accessLogs.existing, ready: [] };
    const own = args.accessLogs?.args;
    const ctx = accountContext(this);
    const legacy = args.legacyLogDelivery ?? true;
    const { bucket, policy } = privateBucket(this, name, {
      args: { bucket: own?.bucketName ?? accountScopedBucketName(this, name, "access-logs") },
      encryption: "SSE-S3",
      versioning: false,
      lifecycle: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: { prefix: `${D.accessLogPrefix}/` },
          expiration: { days: own?.retentionDays ?? D.accessLogRetentionDays },
        },
      ],
      statements: (arn) => [
        {
          Sid: "LogDelivery",
          Effect: "Allow",
          Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: pulumi.interpolate`${arn}/${D.accessLogPrefix}/AWSLogs/${ctx.accountId}/*`,
        },
        ...(legacy
          ? [
              {
                Sid: "RegionalLogDelivery",
                Effect: "Allow",
                Principal: { AWS: elb.getServiceAccountOutput({}, { parent: this }).arn },
                Action: "s3:PutObject",
                Resource: pulumi.interpolate`${arn}/${D.accessLogPrefix}/AWSLogs/${ctx.accountId}/*`,
              },
            ]
          : []),
      ],
      protect: args.protect,
    });
    return { bucket: bucket.bucket, ready: [policy] };
  }
}
