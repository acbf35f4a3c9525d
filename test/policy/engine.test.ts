import { strict as assert } from "node:assert";
import * as path from "node:path";
import { UNKNOWN_VALUE, SECRET_SIG, SECRET_SIG_KEY, unwrap } from "../../automation/core/resourceModel";
import { POLICY_PRESETS_DIR } from "../../automation/core/paths";
import { readPolicyConfigFile } from "../../automation/policy/policyConfig";
import { UsageError } from "../../automation/core/errors";
import { PolicyAnalyzer } from "../../automation/policy/analyzer";
import { evaluatePolicies } from "../../automation/policy/evaluate";
import { servePack } from "../../automation/policy/packLoader";
import { UNKNOWN_DIAGNOSTIC } from "../../policy/lib/unknowns";
import { PolicyInfo, reconcilePolicyConfig } from "../../automation/policy/policyConfig";
import { captured, runPolicy, violations } from "./harness";
import { deploymentWith, workload } from "./workloads";

const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });

describe("policy evaluation (the analyzer path)", () => {
  describe("enforcement config", () => {
    const bad = deploymentWith((s) => {
      s.containers[0].image = "app:latest";
      s.containers[0].securityContext.privileged = true;
    });
    const levels = async (config: Record<string, any>) =>
      Object.fromEntries(
        (await evaluatePolicies(captured([bad]), { stack: "t", project: "p", config })).violations
          .filter((v) => ["pss-privileged", "image-pinned"].includes(v.policy))
          .map((v) => [v.policy, v.level]),
      );

    it("asks the analyzer for the pack's info once per served pack, while each run takes its own config", async () => {
      const handlers = servePack();
      const ask = handlers.getAnalyzerInfo;
      let asked = 0;
      handlers.getAnalyzerInfo = (call, callback) => {
        asked++;
        return ask(call, callback);
      };
      try {
        await new PolicyAnalyzer(handlers).info();
        const before = asked;
        assert.deepEqual(await levels({ all: { enforcementLevel: "mandatory" } }), {
          "pss-privileged": "mandatory",
          "image-pinned": "mandatory",
        });
        assert.deepEqual(await levels({ "image-pinned": { enforcementLevel: "disabled" } }), {
          "pss-privileged": "advisory",
        });
        assert.equal(asked, before, "GetAnalyzerInfo asked again");
      } finally {
        handlers.getAnalyzerInfo = ask;
      }
    });

    it("runs every policy at the pack's default level (advisory) without config", async () => {
      assert.deepEqual(await levels({}), { "pss-privileged": "advisory", "image-pinned": "advisory" });
    });

    it('applies "all" first and per-policy entries over it, whatever the key order', async () => {
      assert.deepEqual(
        await levels({ "image-pinned": { enforcementLevel: "advisory" }, all: { enforcementLevel: "mandatory" } }),
        { "pss-privileged": "mandatory", "image-pinned": "advisory" },
      );
      assert.deepEqual(
        await levels({ all: { enforcementLevel: "disabled" }, "pss-privileged": { enforcementLevel: "mandatory" } }),
        { "pss-privileged": "mandatory" },
      );
    });

    it("holds staging's hardening advisory and prod's everything mandatory", async () => {
      const run = (stack: string) =>
        evaluatePolicies(captured([bad]), {
          stack,
          project: "p",
          config: readPolicyConfigFile(path.join(POLICY_PRESETS_DIR, `${stack}.json`)),
        });
      const level = (r: Awaited<ReturnType<typeof run>>) =>
        Object.fromEntries(
          r.violations
            .filter((v) => ["pss-privileged", "image-pinned"].includes(v.policy))
            .map((v) => [v.policy, v.level]),
        );
      assert.deepEqual(level(await run("staging")), { "pss-privileged": "mandatory", "image-pinned": "advisory" });
      assert.deepEqual(level(await run("prod")), { "pss-privileged": "mandatory", "image-pinned": "mandatory" });
    });

    it("fills schema defaults before config properties, as the engine does", () => {
      const info: PolicyInfo[] = [
        {
          name: "p",
          description: "d",
          enforcementLevel: "advisory",
          configSchema: { properties: { a: { type: "boolean", default: true }, b: { type: "array", default: ["x"] } } },
        },
      ];
      assert.deepEqual(reconcilePolicyConfig(info, {}, "cfg"), {
        p: { enforcementLevel: "advisory", properties: { a: true, b: ["x"] } },
      });
      assert.deepEqual(reconcilePolicyConfig(info, { p: { properties: { a: false } } }, "cfg").p.properties, {
        a: false,
        b: ["x"],
      });
    });

    it("rejects properties that break a policy's schema, naming the file and policy", async () => {
      await assert.rejects(
        evaluatePolicies(captured([bad]), {
          stack: "t",
          project: "p",
          config: { "container-resources": { properties: { requireCpuLimit: "no" } } },
        }),
        (err: unknown) =>
          err instanceof UsageError &&
          err.message === 'policy config: "container-resources".requireCpuLimit: must be boolean',
      );
    });

    it("rejects a policy name the pack does not have", async () => {
      await assert.rejects(
        evaluatePolicies(captured([bad]), {
          stack: "t",
          project: "p",
          config: { "pss-privilegd": { enforcementLevel: "mandatory" } },
        }),
        /unknown policy "pss-privilegd"/,
      );
    });
  });

  describe("values unknown during preview", () => {
    it("reports a policy it cannot run as not judged, at the policy's level, naming the unknown value — never a silent pass", async () => {
      const d = deploymentWith((s) => {
        s.containers[0].securityContext.privileged = UNKNOWN_VALUE;
      });
      const result = await runPolicy("pss-privileged", d);
      assert.deepEqual(result.violations, []);
      assert.equal(result.unknowns.length, 1);
      const [u] = result.unknowns;
      assert.deepEqual([u.policy, u.level, u.name], ["pss-privileged", "mandatory", "subject"]);
      assert.equal(
        u.reason,
        "string value at .spec.template.spec.containers.0.securityContext.privileged can't be known during preview",
      );
      assert.equal((await runPolicy("pss-privileged", d, { level: "advisory" })).unknowns[0].level, "advisory");
    });

    it("has a stack policy tell the engine each resource it could not judge, on that resource's URN, at advisory level as the engine would", async () => {
      const analyzer = new PolicyAnalyzer(servePack());
      const { policies, initialConfig } = await analyzer.info();
      await analyzer.configure(
        reconcilePolicyConfig(
          policies,
          { all: { enforcementLevel: "disabled" }, "aws-rds-force-ssl": { enforcementLevel: "mandatory" } },
          "test",
          initialConfig,
        ),
      );
      await analyzer.configureStack("test", "platform", true);
      const resources = captured([
        {
          type: "aws:rds/parameterGroup:ParameterGroup",
          name: "pg",
          props: { name: "pg", family: "postgres16", parameters: [] },
        },
        ...["a", "b"].map((name) => ({
          type: "aws:rds/instance:Instance",
          name,
          props: { engine: UNKNOWN_VALUE, parameterGroupName: "pg" },
        })),
      ]);
      analyzer.register(resources);
      const found = await analyzer.analyzeStack(resources);
      assert.deepEqual(
        found.map((d) => [d.policy, d.level, d.urn]),
        [
          ["aws-rds-force-ssl", "advisory", resources[1].urn],
          ["aws-rds-force-ssl", "advisory", resources[2].urn],
        ],
      );
      assert.deepEqual(
        found.map((d) => UNKNOWN_DIAGNOSTIC.exec(d.message)?.[1]),
        Array(2).fill("string value at .engine can't be known during preview"),
      );
    });

    it("still checks the known parts of a resource that has unknowns elsewhere", async () => {
      const d = deploymentWith((s) => {
        s.containers[0].image = UNKNOWN_VALUE;
        s.hostPID = true;
      });
      const found = await violations("pss-host-namespaces", d);
      assert.deepEqual(
        found.map((v) => [v.level, v.message]),
        [["mandatory", "spec.template.spec.hostPID is true; it must be unset or false."]],
      );
    });
  });

  describe("secrets", () => {
    it("lets policies read a secret's value and keeps it out of the report", async () => {
      const d = deploymentWith((s) => {
        s.containers[0].securityContext.runAsUser = secret(0);
      });
      const found = await violations("pss-run-as-user", d);
      assert.equal(found.length, 1);
    });

    it("redacts secret text a message would quote", async () => {
      const d = deploymentWith((s) => {
        s.containers[0].image = secret("registry.example/private/app:latest");
      });
      const [v] = await violations("image-pinned", d);
      assert.equal(
        v.message,
        'container "app" (spec.template.spec.containers[0]) image "[secret]" is not pinned to a version tag or digest (a tag without one, or a word like latest or main, moves).',
      );
    });
  });

  describe("remediation", () => {
    const fixes: [string, (s: any) => void, (s: any) => unknown, unknown][] = [
      [
        "pss-run-as-non-root",
        (s) => {
          delete s.securityContext.runAsNonRoot;
        },
        (s) => s.containers[0].securityContext.runAsNonRoot,
        true,
      ],
      [
        "pss-allow-privilege-escalation",
        (s) => {
          delete s.containers[0].securityContext.allowPrivilegeEscalation;
        },
        (s) => s.containers[0].securityContext.allowPrivilegeEscalation,
        false,
      ],
      [
        "pss-seccomp",
        (s) => {
          delete s.securityContext.seccompProfile;
        },
        (s) => s.securityContext.seccompProfile,
        { type: "RuntimeDefault" },
      ],
      [
        "pss-capabilities-restricted",
        (s) => {
          s.containers[0].securityContext.capabilities = { drop: ["NET_RAW"] };
        },
        (s) => s.containers[0].securityContext.capabilities.drop,
        ["NET_RAW", "ALL"],
      ],
      [
        "container-resources",
        (s) => {
          delete s.containers[0].resources;
        },
        (s) => s.containers[0].resources,
        { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
      ],
    ];

    for (const [policy, breakIt, read, expected] of fixes) {
      it(`${policy} fills what is missing and the fixed resource then passes`, async () => {
        const result = await runPolicy(policy, deploymentWith(breakIt), { level: "remediate" });
        assert.deepEqual(result.violations, []);
        assert.deepEqual(
          result.remediations.map((r) => r.policy),
          [policy],
        );
        const spec = (unwrap(result.resources[0].inputs) as any).spec.template.spec;
        assert.deepEqual(read(spec), expected);
        assert.equal(spec.containers[0].image, "registry.example/team/app:1.2.3", "the rest of the resource is kept");
      });
    }

    it("does not remediate at other levels", async () => {
      const result = await runPolicy(
        "pss-seccomp",
        deploymentWith((s) => {
          delete s.securityContext.seccompProfile;
        }),
        { level: "mandatory" },
      );
      assert.deepEqual(result.remediations, []);
      assert.equal(result.violations.length, 1);
    });

    it("never flips an explicit insecure choice; it stays a mandatory violation", async () => {
      const result = await runPolicy(
        "pss-run-as-non-root",
        deploymentWith((s) => {
          s.containers[0].securityContext.runAsNonRoot = false;
        }),
        { level: "remediate" },
      );
      assert.deepEqual(result.remediations, []);
      assert.deepEqual(
        result.violations.map((v) => v.level),
        ["mandatory"],
      );
    });

    it("fills default resources from policy config, never below an existing request", async () => {
      const d = deploymentWith((s) => {
        s.containers[0].resources = { requests: { cpu: "2", memory: "1Gi" } };
      });
      const result = await runPolicy("container-resources", d, {
        level: "remediate",
        config: { defaultLimits: { cpu: "1", memory: "512Mi" } },
      });
      const spec = (unwrap(result.resources[0].inputs) as any).spec.template.spec;
      assert.deepEqual(spec.containers[0].resources, {
        requests: { cpu: "2", memory: "1Gi" },
        limits: { cpu: "2", memory: "1Gi" },
      });
    });

    it("keeps secrets secret through a remediation", async () => {
      const d = deploymentWith((s) => {
        delete s.securityContext.seccompProfile;
        s.containers[0].env = [{ name: "FEATURE", value: secret("on") }];
      });
      const result = await runPolicy("pss-seccomp", d, { level: "remediate" });
      const env = (result.resources[0].inputs as any).spec.template.spec.containers[0].env[0].value;
      assert.deepEqual(env, secret("on"));
    });
  });

  describe("stack policies", () => {
    it("see every resource with its property dependencies linked", async () => {
      const bucket = { type: "aws:s3/bucket:Bucket", name: "b", props: {} };
      const policy = {
        type: "aws:s3/bucketPolicy:BucketPolicy",
        name: "bp",
        props: {
          bucket: "id-known-later",
          policy: JSON.stringify({
            Statement: [
              {
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: "*",
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ],
          }),
        },
        propertyDependencies: { bucket: ["urn:pulumi:test::platform::aws:s3/bucket:Bucket::b"] },
      };
      assert.deepEqual(await violations("aws-s3-secure-transport", [bucket, policy]), []);
    });

    it("report against the offending resource", async () => {
      const [v] = await violations("pdb-coverage", [workload("Deployment")]);
      assert.equal(v.urn, "urn:pulumi:test::platform::kubernetes:apps/v1:Deployment::subject");
      assert.equal(v.type, "kubernetes:apps/v1:Deployment");
    });
  });
});
