import * as acm from "@pulumi/aws/acm";
import * as cloudfront from "@pulumi/aws/cloudfront";
import { Provider } from "@pulumi/aws/provider";
import * as route53 from "@pulumi/aws/route53";
import * as s3 from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";
import { accountContext } from "./accountContext";
import { KmsKeyOption, serviceKeyArn } from "./kmsKey";
import { accountScopedBucketName, privateBucket } from "./privateBucket";

/** Every default of a {@link StaticSite}. */
export const STATIC_SITE_DEFAULTS = {
  /** Viewer TLS floor. */
  minimumProtocolVersion: "TLSv1.2_2021",
  /** Edge locations served from. */
  priceClass: "PriceClass_100",
  /** Object served for `/`. */
  indexDocument: "index.html",
  /** Single-page app: unknown paths get the index (the client-side router answers). */
  spaFallback: true,
  /** HSTS max-age: two years, with subdomains and preload. */
  hstsMaxAgeSeconds: 63072000,
  /** Content-Security-Policy sent with every response. */
  contentSecurityPolicy:
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  /** Referrer-Policy. */
  referrerPolicy: "strict-origin-when-cross-origin",
  /** CloudFront's managed CachingOptimized cache policy. */
  cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
} as const;

const D = STATIC_SITE_DEFAULTS;

/** Tag of the distribution listing the API origins the front end calls; the readiness check `readiness-csp-connect-src` reads it. */
export const API_ORIGINS_TAG = "acme:api-origins";

/** The CSP with `origins` admitted in connect-src (made from default-src's sources when it has none). */
export function cspAdmitting(csp: string, origins: readonly string[]): string {
  if (!origins.length) return csp;
  const directives = csp
    .split(";")
    .map((d) => d.trim())
    .filter(Boolean);
  const named = (name: string) => directives.findIndex((d) => d.split(/\s+/)[0].toLowerCase() === name);
  const connect = named("connect-src");
  const fallback = named("default-src");
  const sources =
    connect >= 0
      ? directives[connect].split(/\s+/).slice(1)
      : fallback >= 0
        ? directives[fallback].split(/\s+/).slice(1)
        : ["'self'"];
  const merged = `connect-src ${[...sources.filter((s) => s !== "'none'"), ...origins.filter((o) => !sources.includes(o))].join(" ")}`;
  if (connect >= 0) directives[connect] = merged;
  else directives.push(merged);
  return directives.join("; ");
}

/** Where the viewer certificate comes from: an existing ACM certificate in us-east-1, or one the site requests and validates in a Route 53 zone. */
export type SiteCertificate =
  | { readonly arn: pulumi.Input<string>; readonly hostedZoneId?: undefined }
  | { readonly hostedZoneId: pulumi.Input<string>; readonly arn?: undefined };

/** Arguments of {@link StaticSite}. */
export interface StaticSiteArgs {
  /** The site's host name, e.g. `lending.example.com`. */
  readonly domain: string;
  /** Viewer certificate. */
  readonly certificate: SiteCertificate;
  /** Route 53 zone to publish the domain in (alias A/AAAA records). @default the certificate's zone, else none */
  readonly hostedZoneId?: pulumi.Input<string>;
  /** Provider in us-east-1, where CloudFront certificates must live. @default one the site makes (credentials from the environment) */
  readonly certificateProvider?: pulumi.ProviderResource;
  /** Content-Security-Policy. @default self-only sources, no framing, no plugins */
  readonly contentSecurityPolicy?: string;
  /** Origins of the APIs the front end calls (`https://api.example.com`): admitted in the CSP's connect-src and listed in the distribution's `acme:api-origins` tag. @default none */
  readonly apiOrigins?: readonly string[];
  /** Serve the index for unknown paths (403/404 from S3). @default true */
  readonly spaFallback?: boolean;
  /** @default "PriceClass_100" */
  readonly priceClass?: string;
  /** WAFv2 web ACL (global scope) ARN. @default none */
  readonly webAclArn?: pulumi.Input<string>;
  /** Name of the content bucket. @default `<name>-site-<account>-<region>` (autonamed when too long) */
  readonly bucketName?: string;
  /** Key the content is encrypted with. @default a new key with rotation that CloudFront of this account may decrypt with */
  readonly kmsKey?: KmsKeyOption;
  /** Protect and retain the bucket (prod). @default false */
  readonly protect?: boolean;
}

/**
 * A static front end (a React build, say) on S3 behind CloudFront: a private, encrypted, TLS-only
 * bucket read only by CloudFront through origin access control, viewers redirected to HTTPS with
 * TLSv1.2_2021 and an ACM certificate in us-east-1, security headers on every response (HSTS,
 * nosniff, frame denial, referrer policy, a configurable CSP), and the single-page-app fallback.
 * Deploy content with `aws s3 sync` to `bucketName` and invalidate `distributionId`.
 */
export class StaticSite extends pulumi.ComponentResource {
  /** The content bucket. */
  public readonly bucket: s3.Bucket;
  /** The distribution. */
  public readonly distribution: cloudfront.Distribution;
  /** Name of the content bucket (`aws s3 sync` target). */
  public readonly bucketName: pulumi.Output<string>;
  /** Distribution id (for invalidations). */
  public readonly distributionId: pulumi.Output<string>;
  /** `https://<domain>`. */
  public readonly url: string;

  constructor(name: string, args: StaticSiteArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:StaticSite", name, {}, opts);
    const child = { parent: this };
    const ctx = accountContext(this);
    const keyArn = serviceKeyArn(this, name, args.kmsKey, {
      description: `${name}: site content`,
      role: "siteKey",
      protect: args.protect,
      users: [
        {
          service: "cloudfront.amazonaws.com",
          actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"],
          condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
        },
      ],
    });
    const { bucket } = privateBucket(this, name, {
      args: { bucket: args.bucketName ?? accountScopedBucketName(this, name, "site") },
      encryption: { kmsKeyArn: keyArn },
      versioning: true,
      lifecycle: [
        {
          id: "expire-old-versions",
          status: "Enabled",
          filter: {},
          noncurrentVersionExpiration: { noncurrentDays: 30 },
        },
      ],
      statements: (arn) => [
        {
          Sid: "CloudFrontReads",
          Effect: "Allow",
          Principal: { Service: "cloudfront.amazonaws.com" },
          Action: "s3:GetObject",
          Resource: pulumi.interpolate`${arn}/*`,
          // Distributions of this account (known before the distribution exists); the content is public by design.
          Condition: {
            ArnLike: {
              "AWS:SourceArn": pulumi.interpolate`arn:${ctx.partition}:cloudfront::${ctx.accountId}:distribution/*`,
            },
          },
        },
      ],
      protect: args.protect,
    });
    this.bucket = bucket;
    this.bucketName = bucket.bucket;

    const oac = new cloudfront.OriginAccessControl(
      childName(name, "originAccessControl"),
      {
        name,
        description: `${name}: CloudFront reads the site bucket`,
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
      },
      child,
    );
    const headers = new cloudfront.ResponseHeadersPolicy(
      childName(name, "responseHeaders"),
      {
        name: `${name}-security-headers`,
        comment: `${name}: security headers`,
        securityHeadersConfig: {
          strictTransportSecurity: {
            accessControlMaxAgeSec: D.hstsMaxAgeSeconds,
            includeSubdomains: true,
            preload: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: "DENY", override: true },
          referrerPolicy: { referrerPolicy: D.referrerPolicy, override: true },
          contentSecurityPolicy: {
            contentSecurityPolicy: cspAdmitting(
              args.contentSecurityPolicy ?? D.contentSecurityPolicy,
              args.apiOrigins ?? [],
            ),
            override: true,
          },
        },
      },
      child,
    );
    const certificateArn = this.certificate(name, args);
    const spa = args.spaFallback ?? D.spaFallback;
    const originId = "site-bucket";
    this.distribution = new cloudfront.Distribution(
      childName(name, "distribution"),
      {
        enabled: true,
        comment: name,
        aliases: [args.domain],
        isIpv6Enabled: true,
        httpVersion: "http2and3",
        priceClass: args.priceClass ?? D.priceClass,
        defaultRootObject: D.indexDocument,
        origins: [{ originId, domainName: bucket.bucketRegionalDomainName, originAccessControlId: oac.id }],
        defaultCacheBehavior: {
          targetOriginId: originId,
          viewerProtocolPolicy: "redirect-to-https",
          allowedMethods: ["GET", "HEAD", "OPTIONS"],
          cachedMethods: ["GET", "HEAD"],
          compress: true,
          cachePolicyId: D.cachePolicyId,
          responseHeadersPolicyId: headers.id,
        },
        customErrorResponses: spa
          ? [403, 404].map((errorCode) => ({
              errorCode,
              responseCode: 200,
              responsePagePath: `/${D.indexDocument}`,
              errorCachingMinTtl: 10,
            }))
          : [],
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: {
          acmCertificateArn: certificateArn,
          sslSupportMethod: "sni-only",
          minimumProtocolVersion: D.minimumProtocolVersion,
        },
        ...(args.webAclArn !== undefined ? { webAclId: args.webAclArn } : {}),
        ...(args.apiOrigins?.length ? { tags: { [API_ORIGINS_TAG]: args.apiOrigins.join(" ") } } : {}),
      },
      child,
    );
    this.distributionId = this.distribution.id;
    this.url = `https://${args.domain}`;

    const zone = args.hostedZoneId ?? args.certificate.hostedZoneId;
    if (zone !== undefined) {
      for (const [role, type] of [
        ["aliasRecord", "A"],
        ["aliasRecordIpv6", "AAAA"],
      ] as const) {
        new route53.Record(
          childName(name, role),
          {
            zoneId: zone,
            name: args.domain,
            type,
            aliases: [
              {
                name: this.distribution.domainName,
                zoneId: this.distribution.hostedZoneId,
                evaluateTargetHealth: false,
              },
            ],
          },
          child,
        );
      }
    }
    this.registerOutputs({ bucketName: this.bucketName, distributionId: this.distributionId });
  }

  /** The viewer certificate's ARN: given, or requested in us-east-1 and validated through DNS. */
  private certificate(name: string, args: StaticSiteArgs): pulumi.Input<string> {
    if (args.certificate.arn !== undefined) return args.certificate.arn;
    const child = { parent: this };
    const provider =
      args.certificateProvider ?? new Provider(childName(name, "certificateProvider"), { region: "us-east-1" }, child);
    const cert = new acm.Certificate(
      childName(name, "certificate"),
      { domainName: args.domain, validationMethod: "DNS", keyAlgorithm: "EC_prime256v1" },
      { parent: this, provider },
    );
    const option = cert.domainValidationOptions[0];
    const record = new route53.Record(
      childName(name, "certificateRecord"),
      {
        zoneId: args.certificate.hostedZoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
        allowOverwrite: true,
      },
      child,
    );
    return new acm.CertificateValidation(
      childName(name, "certificateValidation"),
      {
        certificateArn: cert.arn,
        validationRecordFqdns: [record.fqdn],
      },
      { parent: this, provider },
    ).certificateArn;
  }
}
