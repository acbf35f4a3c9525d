import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "./fixtures/cli";

const INPUT = path.join(__dirname, "fixtures", "input");

describe("platform check with the policy pack", () => {
  for (const stack of ["staging", "prod"]) {
    it(`finds no mandatory or advisory violation in ${stack}`, async () => {
      const run = await runCli(["check", "--stack", stack, "--json"]);
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.deepEqual(report.violations, []);
      assert.deepEqual(report.remediations, []);
    });
  }

  it("reads a JSON array of {type, name, props} and exits 1 on mandatory violations", async () => {
    const run = await runCli(["check", "--input", path.join(INPUT, "resources.json"), "--stack", "prod", "--json"]);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    const found = report.violations.map((v: any) => `${v.level} ${v.policy} ${v.name}`);
    for (const expected of [
      "mandatory pss-privileged legacy-batch",
      "mandatory image-pinned legacy-batch",
      "mandatory container-resources legacy-batch",
      "mandatory namespace-quota-and-limits legacy-batch",
    ]) {
      assert.ok(found.includes(expected), `${expected} in ${found.join(", ")}`);
    }
  });

  it("uses the stack's levels for input files: hardening is advisory in staging", async () => {
    const run = await runCli(["check", "--input", path.join(INPUT, "resources.json"), "--stack", "staging", "--json"]);
    const report = JSON.parse(run.stdout);
    const level = (policy: string) => report.violations.find((v: any) => v.policy === policy)?.level;
    assert.equal(level("pss-privileged"), "mandatory");
    assert.equal(level("image-pinned"), "advisory");
  });

  it('reads a `pulumi preview --json` digest: what unknowns and "[secret]" hide fails the prod gate as not judged', async () => {
    const run = await runCli(["check", "--input", path.join(INPUT, "preview.json"), "--stack", "prod", "--json"]);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.resources.map((r: any) => r.name),
      ["api", "api"],
    );
    const byPolicy = (p: string) => report.violations.filter((v: any) => v.policy === p);
    assert.deepEqual(
      byPolicy("ingress-tls").map((v: any) => [v.level, v.message]),
      [["mandatory", "spec.tls is empty: the Ingress serves plain HTTP."]],
    );
    assert.deepEqual(byPolicy("pss-privileged"), [], "not judged is not a violation");
    const unknown = report.unknowns.find((u: any) => u.policy === "pss-privileged");
    assert.deepEqual([unknown.level, unknown.accepted], ["mandatory", false]);
    assert.match(unknown.reason, /can't be known during preview/);
    assert.ok(report.summary.unknowns >= 2, "pss-privileged and image-pinned could not judge the Deployment");
    const ingress = report.resources.find((r: any) => r.type.endsWith("Ingress"));
    assert.equal(ingress.props.metadata.annotations["example.com/token"], "[secret]");
    assert.equal(ingress.parent, "urn:pulumi:prod::payments::pulumi:pulumi:Stack::payments-prod");
  });

  it("reads a `pulumi stack export` document, keeping encrypted secrets secret", async () => {
    const run = await runCli(["check", "--input", path.join(INPUT, "export.json"), "--stack", "prod", "--json"]);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(
      report.violations.map((v: any) => [v.policy, v.name]),
      [
        ["aws-elasticache-transit-encryption", "sessions"],
        ["aws-elasticache-encryption-at-rest", "sessions"],
      ],
    );
    const rg = report.resources.find((r: any) => r.name === "sessions");
    assert.equal(rg.props.authToken, "[secret]");
    assert.ok(!run.stdout.includes("c2VjcmV0"));
  });

  it("takes --policy-config over the stack's default", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    const file = path.join(dir, "lenient.json");
    fs.writeFileSync(file, JSON.stringify({ all: "advisory" }));
    try {
      const run = await runCli([
        "check",
        "--input",
        path.join(INPUT, "resources.json"),
        "--policy-config",
        file,
        "--json",
      ]);
      assert.equal(run.code, 0, "advisory violations do not fail the check");
      assert.ok(JSON.parse(run.stdout).violations.every((v: any) => v.level === "advisory"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("bad input stops with exit 2 and one line", () => {
    const cases: [string, string | object, RegExp][] = [
      ["not JSON", "{ nope", /^error: --input \S+bad\.json: not valid JSON: /],
      [
        "an unknown shape",
        { hello: "world" },
        /^error: --input \S+bad\.json: expected a JSON array of \{type, name, props\}, a "pulumi preview --json" document \(steps\[\]\) or a "pulumi stack export" document \(deployment\.resources\[\]\)$/,
      ],
      [
        "an entry without a type",
        [{ name: "x", props: {} }],
        /^error: --input \S+bad\.json: \[0\]: expected an object with "type" and "name" strings and a "props" object$/,
      ],
      [
        "an export resource without a URN",
        { deployment: { resources: [{ type: "x" }] } },
        /^error: --input \S+bad\.json: deployment\.resources\[0\]: expected "urn" and "type" strings$/,
      ],
    ];
    for (const [what, content, expected] of cases) {
      it(what, async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "input-"));
        const file = path.join(dir, "bad.json");
        fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
        try {
          const run = await runCli(["check", "--input", file]);
          assert.equal(run.code, 2);
          assert.equal(run.stdout, "");
          assert.equal(run.stderr.trimEnd().split("\n").length, 1);
          assert.match(run.stderr.trimEnd(), expected);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it("a policy config with a bad level", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
      const file = path.join(dir, "cfg.json");
      fs.writeFileSync(file, JSON.stringify({ "pss-privileged": "strict" }));
      try {
        const run = await runCli(["check", "--stack", "staging", "--policy-config", file]);
        assert.equal(run.code, 2);
        assert.match(
          run.stderr.trimEnd(),
          /^error: \S*cfg\.json: "pss-privileged": "strict" is not a valid enforcement level \(expected one of advisory, mandatory, remediate, disabled\)$/,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("an input whose --stack has no stack file in the project", async () => {
      const run = await runCli(["check", "--input", path.join(INPUT, "resources.json"), "--stack", "qa"]);
      assert.equal(run.code, 2);
      assert.match(
        run.stderr.trimEnd(),
        /^error: --stack: unknown stack "qa": no Pulumi\.qa\.yaml in \S+ \(expected one of: prod, staging\)$/,
      );
    });
  });
});
