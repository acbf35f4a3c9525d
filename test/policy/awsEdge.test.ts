import { strict as assert } from "node:assert";
import * as path from "node:path";
import { UNKNOWN_VALUE } from "../../automation/core/resourceModel";
import { readTlsPolicy, TlsPolicyFamily } from "../../policy/lib/aws/tlsPolicies";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";
import { messages, runPolicy, urnOf } from "./harness";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "aws-edge.json");

/** The policies this file is about: other policies (encryption, ECR settings, …) have their own tests. */
const EDGE = new Set([
  "aws-lb-listener-tls",
  "aws-lb-listener-rule-tls",
  "aws-elb-classic-tls",
  "aws-cloudfront-tls",
  "aws-apigateway-tls",
  "aws-sg-no-world-ingress",
  "aws-ec2-imdsv2",
  "aws-s3-no-public-access",
  "aws-s3-single-bucket-policy",
  "aws-no-public-resource-policy",
  "aws-iam-no-wildcard-actions",
]);

/** What each violating fixture breaks; every `compliant-*` fixture breaks none of {@link EDGE}. */
const VIOLATES: Record<string, string[]> = {
  "violating-nlb-tcp": ["aws-lb-listener-tls"],
  "violating-alb-https-2016": ["aws-lb-listener-tls"],
  "violating-rule-forward-on-http": ["aws-lb-listener-rule-tls"],
  "violating-native-listener-http": ["aws-lb-listener-tls"],
  "violating-classic-elb-tcp": ["aws-elb-classic-tls"],
  "violating-vpc-origin-http": ["aws-cloudfront-tls"],
  "violating-multitenant-allow-all": ["aws-cloudfront-tls"],
  "violating-native-distribution-tlsv1": ["aws-cloudfront-tls"],
  "violating-apigateway-tls10": ["aws-apigateway-tls"],
  "violating-sg-web-server": ["aws-sg-no-world-ingress"],
  "violating-sg-ssh-ipv6": ["aws-sg-no-world-ingress"],
  "violating-sg-rule-all-on-alb": ["aws-sg-no-world-ingress"],
  "violating-native-sg-rdp": ["aws-sg-no-world-ingress"],
  "violating-instance-imdsv1": ["aws-ec2-imdsv2"],
  "violating-launch-template-unset": ["aws-ec2-imdsv2"],
  "violating-native-launch-template": ["aws-ec2-imdsv2"],
  "violating-second-bucket-policy": ["aws-s3-single-bucket-policy"],
  "violating-bucket-no-block": ["aws-s3-no-public-access"],
  "violating-bucket-acl-public": ["aws-s3-no-public-access"],
  "violating-bucket-policy-public": ["aws-s3-no-public-access"],
  "violating-block-off": ["aws-s3-no-public-access"],
  "violating-native-bucket-public": ["aws-s3-no-public-access"],
  "violating-native-bucket-policy": ["aws-s3-no-public-access"],
  "violating-ecr-public-push": ["aws-no-public-resource-policy"],
  "violating-sns-notprincipal": ["aws-no-public-resource-policy"],
  "violating-sqs-negated-condition": ["aws-no-public-resource-policy"],
  "violating-kms-public": ["aws-no-public-resource-policy"],
  "violating-native-ecr-public": ["aws-no-public-resource-policy"],
  "violating-iam-admin": ["aws-iam-no-wildcard-actions"],
  "violating-role-inline-s3-star": ["aws-iam-no-wildcard-actions"],
  "violating-native-role-notaction": ["aws-iam-no-wildcard-actions"],
};

/** One row per documented policy name: family, name, whether it is acceptable, the minimum read from it. */
const TLS_NAMES: [TlsPolicyFamily, string, boolean, string | undefined][] = [
  ["elb", "ELBSecurityPolicy-TLS13-1-2-2021-06", true, "TLS 1.2"],
  ["elb", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", true, "TLS 1.2"],
  ["elb", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", true, "TLS 1.2"],
  ["elb", "ELBSecurityPolicy-TLS13-1-3-2021-06", true, "TLS 1.3"],
  ["elb", "ELBSecurityPolicy-TLS13-1-3-PQ-2026-01", true, "TLS 1.3"],
  ["elb", "ELBSecurityPolicy-TLS13-1-0-2021-06", false, "TLS 1.0"],
  ["elb", "ELBSecurityPolicy-TLS-1-2-2017-01", true, "TLS 1.2"],
  ["elb", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", true, "TLS 1.2"],
  ["elb", "ELBSecurityPolicy-TLS-1-1-2017-01", false, "TLS 1.1"],
  ["elb", "ELBSecurityPolicy-FS-1-2-Res-2020-10", true, "TLS 1.2"],
  ["elb", "ELBSecurityPolicy-FS-1-1-2019-08", false, "TLS 1.1"],
  ["elb", "ELBSecurityPolicy-FS-2018-06", false, "TLS 1.0"],
  ["elb", "ELBSecurityPolicy-2016-08", false, "TLS 1.0"],
  ["elb", "ELBSecurityPolicy-2015-05", false, "TLS 1.0"],
  ["elb", "MyCustomPolicy", false, undefined],
  ["cloudfront", "TLSv1.2_2021", true, "TLS 1.2"],
  ["cloudfront", "TLSv1.2_2025", true, "TLS 1.2"],
  ["cloudfront", "TLSv1.3_2025", true, "TLS 1.3"],
  ["cloudfront", "TLSv1.2_2019", false, "TLS 1.2"],
  ["cloudfront", "TLSv1.2_2018", false, "TLS 1.2"],
  ["cloudfront", "TLSv1.1_2016", false, "TLS 1.1"],
  ["cloudfront", "TLSv1_2016", false, "TLS 1.0"],
  ["cloudfront", "TLSv1", false, "TLS 1.0"],
  ["cloudfront", "SSLv3", false, "SSL 3.0"],
  ["apigateway", "TLS_1_2", true, "TLS 1.2"],
  ["apigateway", "TLS_1_0", false, "TLS 1.0"],
  ["apigateway", "SecurityPolicy_TLS13_1_3_2025_09", true, "TLS 1.3"],
  ["apigateway", "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09", true, "TLS 1.2"],
  ["apigateway", "SecurityPolicy_TLS12_PFS_2025_EDGE", true, "TLS 1.2"],
  ["apigateway", "ELBSecurityPolicy-TLS13-1-2-2021-06", false, undefined],
];

const listener = (props: object, type = "aws:lb/listener:Listener") => ({
  type,
  props: { loadBalancerArn: "lb", ...props },
});
const httpsPolicy = (sslPolicy: string) => listener({ protocol: "HTTPS", port: 443, sslPolicy, certificateArn: "c" });

describe("AWS edge guardrails: listeners, exposure and grants (both providers)", () => {
  describe("every violating fixture is caught and every compliant one passes, in all three --input forms", () => {
    itInEachInputForm(FIXTURE, (report) => {
      const names = assertBrokenPolicies(report, (n) => (n.startsWith("compliant-") ? [] : VIOLATES[n]), EDGE);
      for (const name of Object.keys(VIOLATES)) assert.ok(names.includes(name), `${name} is in the run`);
      assert.ok(
        names.some((n) => n.includes("native")),
        "aws-native resources are in the run",
      );
      assert.deepEqual(report.unknowns, []);
    });
  });

  describe("TLS security policy names, read by their documented patterns", () => {
    for (const [family, name, ok, minimum] of TLS_NAMES) {
      it(`${family} ${name}: ${ok ? "accepted" : "refused"}`, () => {
        const reading = readTlsPolicy(family, name);
        assert.deepEqual([reading.ok, reading.minimum], [ok, minimum]);
        if (!ok) assert.ok(reading.reason);
      });
    }

    it("judges through the listener policy: a future name passes, an unparseable one fails closed with a message", async () => {
      assert.deepEqual(
        await messages("aws-lb-listener-tls", httpsPolicy("ELBSecurityPolicy-TLS13-1-3-PQ-2026-01")),
        [],
      );
      assert.deepEqual(await messages("aws-lb-listener-tls", httpsPolicy("ELBSecurityPolicy-Custom")), [
        "sslPolicy is ELBSecurityPolicy-Custom: refused, as the name follows no documented elb security policy pattern, so the protocols it accepts are unknown.",
      ]);
    });

    it("keeps a configured allowedSslPolicies as the explicit list: a custom name in it passes", async () => {
      const config = { allowedSslPolicies: ["ELBSecurityPolicy-Custom"] };
      assert.deepEqual(await messages("aws-lb-listener-tls", httpsPolicy("ELBSecurityPolicy-Custom"), { config }), []);
    });
  });

  describe("aws-lb-listener-tls: judged by what the protocol can do", () => {
    it("passes a Gateway Load Balancer listener (no protocol, no port: GENEVE), UDP and QUIC", async () => {
      assert.deepEqual(await messages("aws-lb-listener-tls", listener({ defaultActions: [{ type: "forward" }] })), []);
      assert.deepEqual(await messages("aws-lb-listener-tls", listener({ protocol: "UDP", port: 53 })), []);
      assert.deepEqual(await messages("aws-lb-listener-tls", listener({ protocol: "QUIC", port: 443 })), []);
    });

    it("reads an unset protocol with a port as HTTP, the ALB default", async () => {
      assert.deepEqual(
        await messages("aws-lb-listener-tls", listener({ port: 80, defaultActions: [{ type: "forward" }] })),
        ["listener.protocol is unset (HTTP, the default): a plain HTTP listener that does not redirect to HTTPS."],
      );
    });

    it("passes TCP and TCP_UDP only when the listener declares TLS pass-through, in either provider's tag form", async () => {
      assert.match(
        (await messages("aws-lb-listener-tls", listener({ protocol: "TCP_UDP", port: 53 })))[0],
        /protocol TCP_UDP carries traffic without TLS/,
      );
      const declared = listener(
        { protocol: "TCP", port: 443, tags: [{ key: "acme:tls-passthrough", value: "true" }] },
        "aws-native:elasticloadbalancingv2:Listener",
      );
      assert.deepEqual(await messages("aws-lb-listener-tls", declared), []);
    });
  });

  describe("aws-lb-listener-rule-tls (stack policy)", () => {
    const http = {
      type: "aws:lb/listener:Listener",
      name: "http",
      props: {
        loadBalancerArn: "lb",
        protocol: "HTTP",
        port: 80,
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      },
    };
    const rule = (actions: object[]) => ({
      type: "aws:lb/listenerRule:ListenerRule",
      name: "rule",
      props: { listenerArn: UNKNOWN_VALUE, priority: 1, actions },
      propertyDependencies: { listenerArn: [urnOf("aws:lb/listener:Listener", "http")] },
    });

    it("reports a rule forwarding on an HTTP listener whose default action redirects, linked by the output it came from", async () => {
      assert.deepEqual(
        await messages("aws-lb-listener-rule-tls", [http, rule([{ type: "forward", targetGroupArn: "tg" }])]),
        [
          "listener rule rule: rule.actions is forward on listener http (HTTP): a plain HTTP listener that does not redirect to HTTPS.",
        ],
      );
    });

    it("passes a redirecting rule, and a rule whose listener is not in the stack", async () => {
      const redirect = [{ type: "redirect", redirect: { protocol: "HTTPS", statusCode: "HTTP_301" } }];
      assert.deepEqual(await messages("aws-lb-listener-rule-tls", [http, rule(redirect)]), []);
      assert.deepEqual(await messages("aws-lb-listener-rule-tls", [rule([{ type: "forward" }])]), []);
    });
  });

  describe("aws-cloudfront-tls", () => {
    it("reads the default certificate in aws-native's spelling", async () => {
      const found = await messages("aws-cloudfront-tls", {
        type: "aws-native:cloudfront:Distribution",
        props: {
          distributionConfig: {
            defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" },
            viewerCertificate: { cloudFrontDefaultCertificate: true },
          },
        },
      });
      assert.deepEqual(found, [
        "viewerCertificate uses the default *.cloudfront.net certificate, which cannot enforce a TLS 1.2 minimum.",
      ]);
    });
  });

  describe("aws-sg-no-world-ingress (stack policy)", () => {
    const sg = (ingress: object[]) => ({
      type: "aws:ec2/securityGroup:SecurityGroup",
      name: "alb-sg",
      props: { ingress },
    });
    const web = [443, 80].map((port) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] }));
    const lb = (internal: boolean) => ({
      type: "aws:lb/loadBalancer:LoadBalancer",
      name: "alb",
      props: { loadBalancerType: "application", internal, securityGroups: [UNKNOWN_VALUE] },
      propertyDependencies: { securityGroups: [urnOf("aws:ec2/securityGroup:SecurityGroup", "alb-sg")] },
    });

    it("allows 80/443 to the world on a group attached to an internet-facing load balancer (linked by output)", async () => {
      assert.deepEqual(await messages("aws-sg-no-world-ingress", [sg(web), lb(false)]), []);
    });

    it("reports the same group on an internal load balancer, or with any other port", async () => {
      assert.deepEqual(await messages("aws-sg-no-world-ingress", [sg(web), lb(true)]), [
        "alb-sg ingress[0] admits 0.0.0.0/0 on tcp port 443, and the group is not attached to an internet-facing load balancer of the stack.",
        "alb-sg ingress[1] admits 0.0.0.0/0 on tcp port 80, and the group is not attached to an internet-facing load balancer of the stack.",
      ]);
      const wide = [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] }];
      assert.deepEqual(await messages("aws-sg-no-world-ingress", [sg(wide), lb(false)]), [
        "alb-sg ingress[0] admits 0.0.0.0/0 on tcp ports 0-65535.",
      ]);
    });
  });

  describe("grants: one model for policy documents", () => {
    const role = (policy: unknown) => ({ type: "aws:iam/rolePolicy:RolePolicy", props: { role: "r", policy } });

    it("reads a structured document whose ARNs are unknown in a preview, judging the actions without them", async () => {
      const scoped = { Statement: [{ Effect: "Allow", Action: ["s3:PutObject"], Resource: UNKNOWN_VALUE }] };
      const result = await runPolicy("aws-iam-no-wildcard-actions", role(scoped));
      assert.deepEqual([result.violations, result.unknowns], [[], []]);
      const wild = await runPolicy(
        "aws-iam-no-wildcard-actions",
        role({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: UNKNOWN_VALUE }] }),
      );
      assert.deepEqual(
        wild.unknowns.map((u) => u.reason),
        ["string value at .policy.Statement.0.Resource can't be known during preview"],
      );
    });

    it("never counts a Deny, and reports a document it cannot read", async () => {
      assert.deepEqual(
        await messages(
          "aws-iam-no-wildcard-actions",
          role({ Statement: { Effect: "Deny", Action: "*", Resource: "*" } }),
        ),
        [],
      );
      assert.deepEqual(await messages("aws-iam-no-wildcard-actions", role("{not json")), [
        "policy is not valid JSON, so what it grants cannot be judged.",
      ]);
    });

    it("names the statement and what it grants", async () => {
      assert.deepEqual(
        await messages("aws-no-public-resource-policy", {
          type: "aws:sqs/queuePolicy:QueuePolicy",
          props: {
            queueUrl: "q",
            policy: { Statement: [{ Sid: "Open", Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:*" }] },
          },
        }),
        ["policy: statement Open allows everyone sqs:* with no condition narrowing it to known callers."],
      );
    });
  });

  describe("aws-s3-no-public-access (stack policy)", () => {
    it("links a public access block to its bucket by the output its bucket came from", async () => {
      const bucket = { type: "aws:s3/bucket:Bucket", name: "b", props: {} };
      const block = {
        type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        name: "pab",
        props: {
          bucket: UNKNOWN_VALUE,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
        propertyDependencies: { bucket: [urnOf("aws:s3/bucket:Bucket", "b")] },
      };
      assert.deepEqual(await messages("aws-s3-no-public-access", [bucket, block]), []);
      assert.deepEqual(await messages("aws-s3-no-public-access", [bucket]), [
        "b: no aws.s3.BucketPublicAccessBlock in the stack applies to this bucket.",
      ]);
    });

    it("accepts an account-wide block in the stack for every bucket", async () => {
      const account = {
        type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
        name: "account",
        props: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      };
      assert.deepEqual(
        await messages("aws-s3-no-public-access", [{ type: "aws:s3/bucket:Bucket", name: "b", props: {} }, account]),
        [],
      );
    });
  });
});
