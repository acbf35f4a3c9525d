import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { LoadBalancer } from "../../components/aws/loadBalancer";
import { STATIC_SITE_DEFAULTS, StaticSite } from "../../components/aws/staticSite";
import { CERTIFICATE_ARN, NETWORK } from "../fixtures/awsNetwork";
import { render } from "../mocks";

const PUBLIC = { vpcId: NETWORK.vpcId, subnetIds: NETWORK.publicSubnetIds };
const policyOf = (doc: string) => JSON.parse(doc).Statement as any[];

describe("LoadBalancer", () => {
  it("speaks HTTPS with a TLS 1.3/1.2 policy and answers plain HTTP only with a redirect", async () => {
    const r = await render(() => new LoadBalancer("alb", { network: PUBLIC, certificateArn: CERTIFICATE_ARN }));
    const https = r.props("aws:lb/listener:Listener", "alb-https");
    assert.deepEqual(
      [https.port, https.protocol, https.sslPolicy, https.certificateArn],
      [443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", CERTIFICATE_ARN],
    );
    assert.equal(
      https.defaultActions[0].fixedResponse.statusCode,
      "404",
      "nothing is routed until a service adds its rule",
    );
    const http = r.props("aws:lb/listener:Listener", "alb-http-redirect");
    assert.deepEqual(http.defaultActions, [
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
    ]);
  });

  it("drops invalid headers, mitigates desync strictly, protects against deletion and logs to its bucket once the bucket admits delivery", async () => {
    const r = await render(() => new LoadBalancer("alb", { network: PUBLIC, certificateArn: CERTIFICATE_ARN }));
    const lb = r.get("aws:lb/loadBalancer:LoadBalancer", "alb-alb");
    const p = lb.inputs as any;
    assert.deepEqual(
      [p.loadBalancerType, p.internal, p.dropInvalidHeaderFields, p.desyncMitigationMode, p.enableDeletionProtection],
      ["application", false, true, "strictest", true],
    );
    assert.deepEqual(p.subnets, NETWORK.publicSubnetIds);
    assert.equal(p.accessLogs.enabled, true);
    assert.ok(lb.dependencies.includes(r.get("aws:s3/bucketPolicy:BucketPolicy", "alb-bucket-policy").urn));
  });

  it("keeps access logs in a private, TLS-only bucket named after it, encrypted as ALB delivery requires", async () => {
    const r = await render(() => new LoadBalancer("alb", { network: PUBLIC, certificateArn: CERTIFICATE_ARN }));
    assert.equal(r.props("aws:s3/bucket:Bucket", "alb-bucket").bucket, "alb-access-logs-000000000000-us-east-1");
    assert.equal(
      r.props(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "alb-encryption",
      ).rules[0].applyServerSideEncryptionByDefault.sseAlgorithm,
      "AES256",
    );
    const block = r.props("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "alb-public-access-block");
    assert.deepEqual(
      [block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets],
      [true, true, true, true],
    );
    const statements = policyOf(r.props("aws:s3/bucketPolicy:BucketPolicy", "alb-bucket-policy").policy);
    assert.deepEqual(
      statements.map((s) => s.Sid),
      ["DenyInsecureTransport", "LogDelivery", "RegionalLogDelivery"],
    );
    assert.equal(
      statements[1].Resource,
      "arn:aws:s3:::alb-access-logs-000000000000-us-east-1/alb/AWSLogs/000000000000/*",
    );
    assert.equal(
      r.props("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "alb-lifecycle").rules[0].expiration
        .days,
      90,
    );
  });

  it("admits 443 and 80 only from the allowed sources and sends nothing until services attach", async () => {
    const r = await render(
      () =>
        new LoadBalancer("alb", {
          network: PUBLIC,
          certificateArn: CERTIFICATE_ARN,
          allowedCidrs: ["203.0.113.0/24"],
          deletionProtection: false,
        }),
    );
    const sg = r.props("aws:ec2/securityGroup:SecurityGroup", "alb-sg");
    assert.deepEqual(
      sg.ingress.map((i: any) => [i.fromPort, i.cidrBlocks]),
      [
        [443, ["203.0.113.0/24"]],
        [80, ["203.0.113.0/24"]],
      ],
    );
    assert.equal("egress" in sg, false, "egress rules come only from attached services");
    assert.equal(r.props("aws:lb/loadBalancer:LoadBalancer", "alb-alb").enableDeletionProtection, false);
  });
});

describe("StaticSite", () => {
  const site = (extra: object = {}) =>
    new StaticSite("web", {
      domain: "lending.example.com",
      certificate: { hostedZoneId: "Z0123456789ABCDEFGHIJ" },
      ...extra,
    });

  it("serves a private, KMS-encrypted, TLS-only bucket through origin access control, readable only by CloudFront", async () => {
    const r = await render(() => site());
    const cdn = r.props("aws:cloudfront/distribution:Distribution", "web-cdn");
    assert.equal(cdn.origins.length, 1);
    assert.ok(
      r
        .get("aws:cloudfront/distribution:Distribution", "web-cdn")
        .propertyDependencies.origins.includes(
          r.get("aws:cloudfront/originAccessControl:OriginAccessControl", "web-oac").urn,
        ),
    );
    const oac = r.props("aws:cloudfront/originAccessControl:OriginAccessControl", "web-oac");
    assert.deepEqual(
      [oac.originAccessControlOriginType, oac.signingBehavior, oac.signingProtocol],
      ["s3", "always", "sigv4"],
    );
    assert.equal(
      r.props(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "web-encryption",
      ).rules[0].applyServerSideEncryptionByDefault.sseAlgorithm,
      "aws:kms",
    );
    const statements = policyOf(r.props("aws:s3/bucketPolicy:BucketPolicy", "web-bucket-policy").policy);
    const read = statements.find((s) => s.Sid === "CloudFrontReads");
    assert.deepEqual([read.Principal, read.Action], [{ Service: "cloudfront.amazonaws.com" }, "s3:GetObject"]);
    assert.equal(read.Condition.ArnLike["AWS:SourceArn"], "arn:aws:cloudfront::000000000000:distribution/*");
    const key = policyOf(r.props("aws:kms/key:Key", "web-site-kms").policy).find(
      (s) => s.Principal.Service === "cloudfront.amazonaws.com",
    );
    assert.deepEqual(key.Condition, { StringEquals: { "aws:SourceAccount": "000000000000" } });
  });

  it("redirects viewers to HTTPS with TLSv1.2_2021, sends security headers and falls back to the index for client routes", async () => {
    const r = await render(() => site({ contentSecurityPolicy: "default-src 'self'" }));
    const cdn = r.props("aws:cloudfront/distribution:Distribution", "web-cdn");
    assert.equal(cdn.defaultCacheBehavior.viewerProtocolPolicy, "redirect-to-https");
    assert.deepEqual(
      [cdn.viewerCertificate.minimumProtocolVersion, cdn.viewerCertificate.sslSupportMethod],
      ["TLSv1.2_2021", "sni-only"],
    );
    assert.deepEqual(cdn.aliases, ["lending.example.com"]);
    assert.deepEqual(
      cdn.customErrorResponses.map((e: any) => [e.errorCode, e.responseCode, e.responsePagePath]),
      [
        [403, 200, "/index.html"],
        [404, 200, "/index.html"],
      ],
    );
    const h = r.props(
      "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
      "web-headers",
    ).securityHeadersConfig;
    assert.deepEqual(h.strictTransportSecurity, {
      accessControlMaxAgeSec: STATIC_SITE_DEFAULTS.hstsMaxAgeSeconds,
      includeSubdomains: true,
      preload: true,
      override: true,
    });
    assert.deepEqual(
      [h.contentTypeOptions.override, h.frameOptions.frameOption, h.contentSecurityPolicy.contentSecurityPolicy],
      [true, "DENY", "default-src 'self'"],
    );
  });

  it("requests its certificate in us-east-1 through an explicit provider and validates it in the zone", async () => {
    const r = await render(() => site());
    const provider = r.get("pulumi:providers:aws", "web-us-east-1");
    assert.equal((provider.inputs as any).region, "us-east-1");
    const cert = r.get("aws:acm/certificate:Certificate", "web-cert");
    assert.equal(cert.options.provider?.startsWith(provider.urn), true);
    assert.deepEqual(
      [(cert.inputs as any).domainName, (cert.inputs as any).validationMethod],
      ["lending.example.com", "DNS"],
    );
    assert.equal(
      r
        .get("aws:acm/certificateValidation:CertificateValidation", "web-cert-validation")
        .options.provider?.startsWith(provider.urn),
      true,
    );
    assert.deepEqual(
      r
        .ofType("aws:route53/record:Record")
        .map((x) => x.name)
        .sort(),
      ["web-cert-record", "web-dns", "web-dns-aaaa"],
    );
  });

  it("uses a given certificate and makes no provider", async () => {
    const r = await render(
      () =>
        new StaticSite("web", {
          domain: "lending.example.com",
          certificate: { arn: pulumi.output("arn:aws:acm:us-east-1:1:certificate/x") },
        }),
    );
    assert.equal(r.ofType("pulumi:providers:aws").length, 0);
    assert.equal(r.ofType("aws:route53/record:Record").length, 0, "no zone, no records");
    assert.equal(
      r.props("aws:cloudfront/distribution:Distribution", "web-cdn").viewerCertificate.acmCertificateArn,
      "arn:aws:acm:us-east-1:1:certificate/x",
    );
  });
});
