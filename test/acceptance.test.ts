import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { PolicyAnalyzer } from "../automation/policy/analyzer";
import { servePack } from "../automation/policy/packLoader";
import { policyConfigDocument, reconcilePolicyConfig } from "../automation/policy/policyConfig";
import { declaredPolicySettings } from "../automation/policy/stackPolicy";
import { readProgramConfig, readProject } from "../automation/core/project";
import { UNKNOWN_VALUE } from "../automation/core/resourceModel";
import { policyPackDefinition } from "../policy/packDefinition";
import { typeOf } from "../policy/lib/typed";
import { runCli } from "./fixtures/cli";
import { captured } from "./policy/harness";
import { REPO_ROOT } from "./fixtures/paths";

/** A project whose program makes a privileged pod (`agent`), a Helm chart (`charts`) and a clean ConfigMap. */
function project(guardrails: Record<string, unknown>): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acceptance-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), stringify({ name: "agents", runtime: "nodejs", main: "index.ts" }));
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    [
      'import * as k8s from "@pulumi/kubernetes";',
      'new k8s.core.v1.Pod("agent", { metadata: { name: "agent", namespace: "ops" }, spec: { containers: [{ name: "a", image: "registry.example/a:1.0.0", securityContext: { privileged: true } }] } });',
      'new k8s.helm.v4.Chart("charts", { chart: "some-chart", version: "1.2.3", namespace: "ops" });',
      'new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings", namespace: "ops" }, data: { a: "b" } });',
    ].join("\n"),
  );
  // One policy runs: the pod is deliberately bad in many other ways.
  fs.writeFileSync(
    path.join(dir, "Pulumi.ops.yaml"),
    stringify({ config: { "guardrails:policies": { all: "disabled", "pss-privileged": "mandatory" }, ...guardrails } }),
  );
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const check = async (guardrails: Record<string, unknown>) => {
  const p = project(guardrails);
  try {
    const run = await runCli(["check", "--project-dir", p.dir, "--stack", "ops", "--json"]);
    return { ...run, report: run.code === 2 ? undefined : JSON.parse(run.stdout) };
  } finally {
    p.cleanup();
  }
};

const REASON = "a node agent that needs the host; reviewed by the platform team";

describe("accepting findings by name (guardrails:accepted)", () => {
  it("fails on what nothing accepts: the privileged pod, and the chart no one inspected", async () => {
    const { code, report } = await check({});
    assert.equal(code, 1);
    assert.ok(
      report.violations.some(
        (v: any) => v.policy === "pss-privileged" && v.name === "agent" && v.level === "mandatory",
      ),
    );
    assert.deepEqual(
      report.notInspected.map((n: any) => [n.name, n.type, n.accepted]),
      [["charts", "kubernetes:helm.sh/v4:Chart", false]],
    );
    assert.equal(report.summary.notInspected, 1);
  });

  it("passes once both are accepted, listing what was accepted and why", async () => {
    const { code, report } = await check({
      "guardrails:accepted": [
        { name: "agent", policies: ["pss-privileged"], reason: REASON },
        { name: "charts", notInspected: true, reason: "its values are tested elsewhere" },
      ],
    });
    assert.equal(code, 0, JSON.stringify(report.violations));
    assert.equal(
      report.violations.some((v: any) => v.policy === "pss-privileged"),
      false,
    );
    assert.deepEqual(
      report.accepted.map((a: any) => [a.policy, a.name, a.reason]),
      [["pss-privileged", "agent", REASON]],
    );
    assert.match(report.accepted[0].message, /privileged/);
    assert.deepEqual(
      [report.accepted[0].category, report.accepted[0].level, report.accepted[0].type],
      ["security", "mandatory", "kubernetes:core/v1:Pod"],
      "the finding it would have been",
    );
    assert.deepEqual(
      [report.notInspected[0].accepted, report.notInspected[0].acceptedBecause],
      [true, "its values are tested elsewhere"],
    );
    assert.deepEqual([report.summary.accepted, report.summary.notInspected], [1, 0]);
    assert.match(report.enforcement.source, /2 acceptances \(guardrails:accepted\)/);
  });

  it("accepts only the named policy on the named resource: other findings still fail, and a stale name is listed", async () => {
    const { code, report } = await check({
      "guardrails:accepted": [
        { name: "agent", policies: ["pss-host-namespaces"], reason: REASON },
        { name: "no-such-resource", policies: ["pss-privileged"], reason: REASON },
        { name: "charts", notInspected: true, reason: REASON },
      ],
    });
    assert.equal(code, 1);
    assert.ok(report.violations.some((v: any) => v.policy === "pss-privileged" && v.name === "agent"));
    assert.deepEqual(
      report.unusedAcceptances.map((u: any) => u.name),
      ["agent", "no-such-resource"],
    );
  });

  it("refuses an acceptance without a reason, without what it accepts, or naming a policy the pack lacks, with exit 2", async () => {
    for (const [accepted, expected] of [
      [
        [{ name: "agent", policies: ["pss-privileged"] }],
        /guardrails:accepted\[0\]\.reason: expected why it is accepted, at least 10 characters/,
      ],
      [
        [{ name: "agent", reason: REASON }],
        /guardrails:accepted\[0\]: expected policies, notInspected: true or unknowns: true/,
      ],
      [
        [{ name: "agent", policies: ["pss-privileged"], reason: REASON, until: "2027" }],
        /guardrails:accepted\[0\]\.until: unknown key/,
      ],
      [[{ name: "agent", policies: ["pss-privilegd"], reason: REASON }], /unknown policy "pss-privilegd"/],
      [
        [
          { name: "agent", policies: ["pss-privileged"], reason: REASON },
          { name: "agent", notInspected: true, reason: REASON },
        ],
        /guardrails:accepted\[1\]\.name: "agent" is accepted twice/,
      ],
    ] as const) {
      const { code, stderr } = await check({ "guardrails:accepted": accepted });
      assert.equal(code, 2, JSON.stringify(accepted));
      assert.match(stderr, expected);
      assert.equal(stderr.trim().split("\n").length, 1);
    }
  });

  it("reaches a real preview as each policy's `accepted` property in the --policy-pack-config file", () => {
    const p = project({
      "guardrails:policyConfig": "prod",
      "guardrails:accepted": [{ name: "agent", policies: ["pss-privileged", "pss-run-as-non-root"], reason: REASON }],
    });
    try {
      const settings = declaredPolicySettings(readProgramConfig(readProject(p.dir), "ops"), p.dir);
      const doc = policyConfigDocument(settings.config) as Record<string, any>;
      assert.deepEqual(doc["pss-privileged"], { enforcementLevel: "mandatory", accepted: { agent: REASON } });
      assert.deepEqual(doc["pss-run-as-non-root"], { accepted: { agent: REASON } }, "the level stays the preset's");
    } finally {
      p.cleanup();
    }
  });

  it("is honoured by the pack itself as the engine runs it: configured with `accepted`, it reports nothing on that resource", async () => {
    const analyzer = new PolicyAnalyzer(servePack());
    const { policies, initialConfig } = await analyzer.info();
    const file = {
      all: { enforcementLevel: "disabled" as const },
      "pss-privileged": { enforcementLevel: "mandatory" as const, properties: { accepted: { agent: REASON } } },
    };
    await analyzer.configure(reconcilePolicyConfig(policies, file, "test", initialConfig));
    await analyzer.configureStack("ops", "agents", true);
    const pod = (name: string) =>
      captured([
        {
          type: "kubernetes:core/v1:Pod",
          name,
          props: {
            spec: {
              containers: [{ name: "a", image: "registry.example/a:1.0.0", securityContext: { privileged: true } }],
            },
          },
        },
      ])[0];
    assert.deepEqual(await analyzer.analyze(pod("agent")), []);
    assert.deepEqual(
      (await analyzer.analyze(pod("other"))).map((d) => d.policy),
      ["pss-privileged"],
    );
    assert.deepEqual(
      (await analyzer.analyze(pod("constructor"))).map((d) => d.policy),
      ["pss-privileged"],
      "a name is accepted only when listed",
    );
  });

  it("is honoured from an explicit --policy-config file too, and listed with its reason", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accepted-config-"));
    try {
      const input = path.join(dir, "input.json");
      const config = path.join(dir, "policy.json");
      const pod = (name: string) => ({
        type: "kubernetes:core/v1:Pod",
        name,
        props: {
          metadata: { name, namespace: "ops" },
          spec: {
            containers: [{ name: "a", image: "registry.example/a:1.0.0", securityContext: { privileged: true } }],
          },
        },
      });
      fs.writeFileSync(input, JSON.stringify([pod("agent"), pod("other")]));
      fs.writeFileSync(
        config,
        JSON.stringify({
          all: "disabled",
          "pss-privileged": { enforcementLevel: "mandatory", accepted: { agent: REASON } },
        }),
      );
      const run = await runCli(["check", "--input", input, "--policy-config", config, "--json"]);
      const report = JSON.parse(run.stdout);
      assert.equal(run.code, 1);
      assert.deepEqual(
        report.violations.map((v: any) => v.name),
        ["other"],
      );
      assert.deepEqual(
        report.accepted.map((a: any) => [a.name, a.reason]),
        [["agent", REASON]],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("accepts a stack policy's unknown value on the one resource it names, not on the others it stopped at", async () => {
    const p = project({
      "guardrails:policies": { all: "disabled", "aws-rds-force-ssl": "mandatory" },
      "guardrails:accepted": [
        { name: "restored-db", unknowns: true, reason: "restored from a snapshot; the engine is postgres" },
      ],
    });
    try {
      const input = path.join(p.dir, "input.json");
      const db = (name: string) => ({
        type: "aws:rds/instance:Instance",
        name,
        props: { engine: UNKNOWN_VALUE, parameterGroupName: "pg" },
      });
      fs.writeFileSync(
        input,
        JSON.stringify([
          {
            type: "aws:rds/parameterGroup:ParameterGroup",
            name: "pg",
            props: { name: "pg", family: "postgres16", parameters: [] },
          },
          db("restored-db"),
          db("other-db"),
        ]),
      );
      const run = await runCli(["check", "--project-dir", p.dir, "--stack", "ops", "--input", input, "--json"]);
      const report = JSON.parse(run.stdout);
      assert.deepEqual(
        report.unknowns.map((u: any) => [u.name, u.type, u.accepted]),
        [
          ["restored-db", "aws:rds/instance:Instance", true],
          ["other-db", "aws:rds/instance:Instance", false],
        ],
      );
      assert.deepEqual([run.code, report.summary.unknowns], [1, 1]);
    } finally {
      p.cleanup();
    }
  });

  it("is a property of every policy of a pack, and keeps each validation's type tag", () => {
    for (const policy of policyPackDefinition().policies) {
      assert.ok((policy.configSchema?.properties as Record<string, unknown>).accepted, policy.name);
    }
    const ecr = policyPackDefinition().policies.find((p) => p.name === "aws-ecr-immutable-tags") as any;
    assert.equal(typeOf(ecr.validateResource), "aws:ecr/repository:Repository");
  });
});
