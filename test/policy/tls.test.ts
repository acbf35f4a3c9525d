import { strict as assert } from "node:assert";
import { messages } from "./harness";
import { urnOf } from "./harness";

const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const SERVICE = "kubernetes:core/v1:Service";

function ingress(spec: any) {
  return { type: INGRESS, props: { metadata: { name: "web", namespace: "team" }, spec } };
}

const rule = (host?: string) => ({
  ...(host ? { host } : {}),
  http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] },
});

describe("policy pack: TLS", () => {
  describe("ingress-tls", () => {
    it("passes when TLS covers every host, wildcards included", async () => {
      assert.deepEqual(
        await messages(
          "ingress-tls",
          ingress({ tls: [{ hosts: ["a.example"], secretName: "a" }], rules: [rule("a.example")] }),
        ),
        [],
      );
      assert.deepEqual(
        await messages(
          "ingress-tls",
          ingress({ tls: [{ hosts: ["*.example"] }], rules: [rule("a.example"), rule("b.example")] }),
        ),
        [],
      );
    });

    it("reports an Ingress without TLS", async () => {
      assert.deepEqual(await messages("ingress-tls", ingress({ rules: [rule("a.example")] })), [
        "spec.tls is empty: the Ingress serves plain HTTP.",
      ]);
    });

    it("reports a host TLS does not cover, a wildcard one level too deep, and a rule without host", async () => {
      const found = await messages(
        "ingress-tls",
        ingress({ tls: [{ hosts: ["*.example"] }], rules: [rule("a.b.example"), rule("c.other"), rule()] }),
      );
      assert.deepEqual(found, [
        'spec.rules[0] host "a.b.example" is not covered by spec.tls.',
        'spec.rules[1] host "c.other" is not covered by spec.tls.',
        "spec.rules[2] has no host, so it serves hosts no TLS entry covers.",
      ]);
    });
  });

  describe("service-load-balancer-tls", () => {
    const lb = (annotations: Record<string, string> = {}, ports = [{ name: "https", port: 443 }]) => ({
      type: SERVICE,
      props: { metadata: { name: "edge", annotations }, spec: { type: "LoadBalancer", ports } },
    });
    const cert = { "service.beta.kubernetes.io/aws-load-balancer-ssl-cert": "arn:aws:acm:eu-west-1:1:certificate/x" };

    it("passes ClusterIP Services and LoadBalancers with a TLS certificate on every port", async () => {
      assert.deepEqual(
        await messages("service-load-balancer-tls", {
          type: SERVICE,
          props: { spec: { type: "ClusterIP", ports: [{ port: 80 }] } },
        }),
        [],
      );
      assert.deepEqual(await messages("service-load-balancer-tls", lb(cert)), []);
      assert.deepEqual(
        await messages(
          "service-load-balancer-tls",
          lb({ ...cert, "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "https" }),
        ),
        [],
      );
    });

    it("reports a LoadBalancer without a certificate", async () => {
      assert.match((await messages("service-load-balancer-tls", lb()))[0], /without a TLS certificate/);
    });

    it("reports a port left out of the TLS ports", async () => {
      const svc = lb({ ...cert, "service.beta.kubernetes.io/aws-load-balancer-ssl-ports": "443" }, [
        { name: "https", port: 443 },
        { name: "http", port: 80 },
      ]);
      assert.deepEqual(await messages("service-load-balancer-tls", svc), [
        "port http is not in service.beta.kubernetes.io/aws-load-balancer-ssl-ports, so it listens without TLS.",
      ]);
    });

    it("forbids LoadBalancers entirely when configured", async () => {
      assert.match(
        (await messages("service-load-balancer-tls", lb(cert), { config: { allowLoadBalancers: false } }))[0],
        /not allowed in this stack/,
      );
    });
  });

  describe("aws-lb-listener-tls", () => {
    for (const type of ["aws:lb/listener:Listener", "aws:alb/listener:Listener"]) {
      describe(type, () => {
        const listener = (props: any) => ({ type, props: { loadBalancerArn: "arn", port: 443, ...props } });

        it("passes HTTPS with a TLS 1.2+ policy and an HTTP redirect to HTTPS", async () => {
          assert.deepEqual(
            await messages(
              "aws-lb-listener-tls",
              listener({ protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }),
            ),
            [],
          );
          const redirect = listener({
            protocol: "HTTP",
            port: 80,
            defaultActions: [
              { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
            ],
          });
          assert.deepEqual(await messages("aws-lb-listener-tls", redirect), []);
        });

        it("reports HTTPS without a policy, with a weak policy, plain HTTP forwarding and TCP", async () => {
          assert.match(
            (await messages("aws-lb-listener-tls", listener({ protocol: "HTTPS" })))[0],
            /without sslPolicy/,
          );
          assert.match(
            (
              await messages(
                "aws-lb-listener-tls",
                listener({ protocol: "TLS", sslPolicy: "ELBSecurityPolicy-2016-08" }),
              )
            )[0],
            /sslPolicy is ELBSecurityPolicy-2016-08: refused, as its name says it accepts TLS 1\.0/,
          );
          assert.match(
            (
              await messages(
                "aws-lb-listener-tls",
                listener({ protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "tg" }] }),
              )
            )[0],
            /plain HTTP listener/,
          );
          assert.match(
            (await messages("aws-lb-listener-tls", listener({ protocol: "TCP" })))[0],
            /protocol TCP carries traffic without TLS/,
          );
        });

        it("takes the allow-list from config", async () => {
          const l = listener({ protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01" });
          assert.equal(
            (
              await messages("aws-lb-listener-tls", l, {
                config: { allowedSslPolicies: ["ELBSecurityPolicy-TLS13-1-3-2021-06"] },
              })
            ).length,
            1,
          );
        });
      });
    }
  });

  describe("aws-cloudfront-tls", () => {
    const dist = (mutate: (p: any) => void = () => {}) => {
      const props: any = {
        enabled: true,
        defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https", targetOriginId: "api" },
        orderedCacheBehaviors: [
          { pathPattern: "/static/*", viewerProtocolPolicy: "https-only", targetOriginId: "api" },
        ],
        viewerCertificate: {
          acmCertificateArn: "arn",
          sslSupportMethod: "sni-only",
          minimumProtocolVersion: "TLSv1.2_2021",
        },
        origins: [
          {
            originId: "api",
            domainName: "api.example",
            customOriginConfig: {
              originProtocolPolicy: "https-only",
              originSslProtocols: ["TLSv1.2"],
              httpPort: 80,
              httpsPort: 443,
            },
          },
        ],
      };
      mutate(props);
      return { type: "aws:cloudfront/distribution:Distribution", props };
    };

    it("passes HTTPS viewers, TLSv1.2_2021 and HTTPS-only origins", async () => {
      assert.deepEqual(await messages("aws-cloudfront-tls", dist()), []);
    });

    for (const [what, mutate, expected] of [
      [
        "allow-all viewers",
        (p: any) => {
          p.defaultCacheBehavior.viewerProtocolPolicy = "allow-all";
        },
        /defaultCacheBehavior\.viewerProtocolPolicy is allow-all/,
      ],
      [
        "allow-all on an ordered behaviour",
        (p: any) => {
          p.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all";
        },
        /orderedCacheBehaviors\[0\]\.viewerProtocolPolicy is allow-all/,
      ],
      [
        "an old viewer TLS policy",
        (p: any) => {
          p.viewerCertificate.minimumProtocolVersion = "TLSv1.1_2016";
        },
        /minimumProtocolVersion is TLSv1\.1_2016/,
      ],
      [
        "the default certificate",
        (p: any) => {
          p.viewerCertificate = { cloudfrontDefaultCertificate: true };
        },
        /default \*\.cloudfront\.net certificate/,
      ],
      [
        "HTTP to the origin",
        (p: any) => {
          p.origins[0].customOriginConfig.originProtocolPolicy = "match-viewer";
        },
        /originProtocolPolicy is match-viewer/,
      ],
      [
        "TLS 1.0 to the origin",
        (p: any) => {
          p.origins[0].customOriginConfig.originSslProtocols = ["TLSv1", "TLSv1.2"];
        },
        /allows TLSv1 to the origin/,
      ],
    ] as const) {
      it(`reports ${what}`, async () => {
        const found = await messages("aws-cloudfront-tls", dist(mutate));
        assert.equal(found.length, 1, found.join("\n"));
        assert.match(found[0], expected);
      });
    }
  });

  describe("aws-elasticache-transit-encryption", () => {
    const rg = (props: any) => ({
      type: "aws:elasticache/replicationGroup:ReplicationGroup",
      props: { description: "cache", ...props },
    });

    it("passes required transit encryption", async () => {
      assert.deepEqual(
        await messages(
          "aws-elasticache-transit-encryption",
          rg({ transitEncryptionEnabled: true, transitEncryptionMode: "required" }),
        ),
        [],
      );
    });

    it("reports it off, or preferred", async () => {
      assert.match(
        (await messages("aws-elasticache-transit-encryption", rg({})))[0],
        /transitEncryptionEnabled is not true/,
      );
      assert.match(
        (
          await messages(
            "aws-elasticache-transit-encryption",
            rg({ transitEncryptionEnabled: true, transitEncryptionMode: "preferred" }),
          )
        )[0],
        /"preferred"/,
      );
    });

    it("checks standalone clusters but not members of a replication group", async () => {
      assert.equal(
        (
          await messages("aws-elasticache-transit-encryption", {
            type: "aws:elasticache/cluster:Cluster",
            props: { engine: "redis" },
          })
        ).length,
        1,
      );
      assert.deepEqual(
        await messages("aws-elasticache-transit-encryption", {
          type: "aws:elasticache/cluster:Cluster",
          props: { replicationGroupId: "rg" },
        }),
        [],
      );
    });
  });

  describe("aws-rds-storage-encrypted", () => {
    it("passes encrypted instances and clusters and reports unencrypted ones", async () => {
      assert.deepEqual(
        await messages("aws-rds-storage-encrypted", {
          type: "aws:rds/instance:Instance",
          props: { engine: "postgres", storageEncrypted: true },
        }),
        [],
      );
      assert.deepEqual(
        await messages("aws-rds-storage-encrypted", {
          type: "aws:rds/instance:Instance",
          props: { engine: "postgres" },
        }),
        ["storageEncrypted is not true."],
      );
      assert.deepEqual(
        await messages("aws-rds-storage-encrypted", {
          type: "aws:rds/cluster:Cluster",
          props: { engine: "aurora-postgresql", storageEncrypted: false },
        }),
        ["storageEncrypted is not true."],
      );
    });
  });

  describe("aws-rds-force-ssl (stack policy)", () => {
    const group = (parameters: any[], name = "pg16-ssl") => ({
      type: "aws:rds/parameterGroup:ParameterGroup",
      name: "params",
      props: { name, family: "postgres16", parameters },
    });
    const db = (props: any, propertyDependencies = {}) => ({
      type: "aws:rds/instance:Instance",
      name: "db",
      props: { engine: "postgres", ...props },
      propertyDependencies,
    });
    const forceSsl = [{ name: "rds.force_ssl", value: "1" }];

    it("passes an instance linked to a force-SSL group by dependency or by name", async () => {
      const byDependency = db(
        { parameterGroupName: "anything" },
        { parameterGroupName: [urnOf("aws:rds/parameterGroup:ParameterGroup", "params")] },
      );
      assert.deepEqual(await messages("aws-rds-force-ssl", [group(forceSsl), byDependency]), []);
      assert.deepEqual(
        await messages("aws-rds-force-ssl", [group(forceSsl), db({ parameterGroupName: "pg16-ssl" })]),
        [],
      );
    });

    it("reports the default group, a group without the parameter, and a group outside the stack", async () => {
      assert.deepEqual(await messages("aws-rds-force-ssl", [db({})]), [
        "db uses the default parameter group, which does not force TLS (rds.force_ssl).",
      ]);
      assert.deepEqual(
        await messages("aws-rds-force-ssl", [
          group([{ name: "rds.force_ssl", value: "0" }]),
          db({ parameterGroupName: "pg16-ssl" }),
        ]),
        ["db: parameter group params does not set rds.force_ssl = 1."],
      );
      assert.deepEqual(await messages("aws-rds-force-ssl", [db({ parameterGroupName: "shared" })]), [
        'db: parameter group "shared" is not in this stack, so rds.force_ssl cannot be verified.',
      ]);
    });

    it("uses require_secure_transport for MySQL", async () => {
      const mysqlGroup = group([{ name: "require_secure_transport", value: "ON" }], "mysql-ssl");
      assert.deepEqual(
        await messages("aws-rds-force-ssl", [mysqlGroup, db({ engine: "mysql", parameterGroupName: "mysql-ssl" })]),
        [],
      );
    });
  });

  describe("aws-s3-secure-transport (stack policy)", () => {
    const bucket = { type: "aws:s3/bucket:Bucket", name: "backups", props: { bucket: "acme-backups" } };
    const denyInsecure = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::acme-backups", "arn:aws:s3:::acme-backups/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    };
    const policy = (doc: any, deps = {}) => ({
      type: "aws:s3/bucketPolicy:BucketPolicy",
      name: "backups-policy",
      props: { bucket: "acme-backups", policy: JSON.stringify(doc) },
      propertyDependencies: deps,
    });

    it("passes a bucket whose policy denies insecure transport", async () => {
      assert.deepEqual(await messages("aws-s3-secure-transport", [bucket, policy(denyInsecure)]), []);
      const linked = {
        ...policy(denyInsecure, { bucket: [urnOf("aws:s3/bucket:Bucket", "backups")] }),
        props: { bucket: "computed-id", policy: JSON.stringify(denyInsecure) },
      };
      assert.deepEqual(await messages("aws-s3-secure-transport", [bucket, linked]), []);
    });

    it("reports a bucket without a policy, and one whose policy does not deny insecure transport", async () => {
      const expected = [
        "bucket backups has no bucket policy denying requests to arn:aws:s3:::acme-backups and its objects when aws:SecureTransport is false (with no other condition).",
      ];
      assert.deepEqual(await messages("aws-s3-secure-transport", [bucket]), expected);
      const allowOnly = {
        Statement: [
          { Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:role/backup" }, Action: "s3:PutObject", Resource: "*" },
        ],
      };
      assert.deepEqual(await messages("aws-s3-secure-transport", [bucket, policy(allowOnly)]), expected);
    });

    const withStatement = (change: (s: any) => void) => {
      const doc = structuredClone(denyInsecure);
      change(doc.Statement[0]);
      return policy(doc);
    };
    const expected = [
      "bucket backups has no bucket policy denying requests to arn:aws:s3:::acme-backups and its objects when aws:SecureTransport is false (with no other condition).",
    ];

    it("refuses a Deny that names another bucket's ARNs, or only the bucket, or only its objects", async () => {
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Resource = ["arn:aws:s3:::other-bucket", "arn:aws:s3:::other-bucket/*"];
          }),
        ]),
        expected,
      );
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Resource = "arn:aws:s3:::acme-backups";
          }),
        ]),
        expected,
      );
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Resource = "arn:aws:s3:::acme-backups/*";
          }),
        ]),
        expected,
      );
    });

    it("accepts wildcards and other partitions that cover the bucket and its objects", async () => {
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Resource = "*";
          }),
        ]),
        [],
      );
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Resource = "arn:aws:s3:::acme-*";
          }),
        ]),
        [],
      );
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Resource = ["arn:aws-us-gov:s3:::acme-backups", "arn:aws-us-gov:s3:::acme-backups/*"];
          }),
        ]),
        [],
      );
    });

    it("refuses a Deny narrowed by another condition, a NotResource, or a condition that is not aws:SecureTransport false", async () => {
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Condition.StringEquals = { "aws:PrincipalAccount": "111122223333" };
          }),
        ]),
        expected,
      );
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Condition.Bool["aws:ViaAWSService"] = "false";
          }),
        ]),
        expected,
      );
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Condition.Bool["aws:SecureTransport"] = "true";
          }),
        ]),
        expected,
      );
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            delete s.Resource;
            s.NotResource = "arn:aws:s3:::acme-backups/public/*";
          }),
        ]),
        expected,
      );
      assert.deepEqual(
        await messages("aws-s3-secure-transport", [
          bucket,
          withStatement((s) => {
            s.Principal = { AWS: "arn:aws:iam::1:root" };
          }),
        ]),
        expected,
      );
    });

    it('asks for a Deny on "*" when the bucket\'s name is not in its inputs', async () => {
      const unnamed = { type: "aws:s3/bucket:Bucket", name: "logs", props: {} };
      const linked = (doc: any) => ({
        type: "aws:s3/bucketPolicy:BucketPolicy",
        name: "logs-policy",
        props: { bucket: "id", policy: JSON.stringify(doc) },
        propertyDependencies: { bucket: [urnOf("aws:s3/bucket:Bucket", "logs")] },
      });
      assert.deepEqual(await messages("aws-s3-secure-transport", [unnamed, linked(denyInsecure)]), [
        'bucket logs has no name in its inputs, so only a Deny on every resource ("*") without TLS could be verified; name the bucket, or deny "*".',
      ]);
      const everything = structuredClone(denyInsecure);
      everything.Statement[0].Resource = "*" as any;
      assert.deepEqual(await messages("aws-s3-secure-transport", [unnamed, linked(everything)]), []);
    });
  });
});
