import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { runCli } from "./fixtures/cli";
import { REPO_ROOT } from "./fixtures/paths";

const SCHEMA = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "docs", "reference", "report.schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true }).compile(SCHEMA);
const GAPS = path.join(REPO_ROOT, "test", "fixtures", "input", "gaps.json");

function assertValid(doc: unknown): void {
  assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

const checkJson = async (argv: string[]) => {
  const run = await runCli(["check", ...argv, "--json"]);
  return { code: run.code, doc: JSON.parse(run.stdout) };
};

describe("the report's published JSON Schema (docs/reference/report.schema.json)", () => {
  it("describes the real check --json report of the root staging stack", async () => {
    const { code, doc } = await checkJson(["--stack", "staging"]);
    assert.equal(code, 0);
    assert.ok(doc.resources.length > 0);
    assertValid(doc);
  });

  it("describes a report with a finding in every list, accepted ones included, each finding with its category", async () => {
    const first = await checkJson(["--input", GAPS]);
    const [violation] = first.doc.violations;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-schema-"));
    try {
      const config = path.join(dir, "policy.json");
      fs.writeFileSync(
        config,
        JSON.stringify({
          all: "mandatory",
          [violation.policy]: { accepted: { [violation.name]: "accepted to exercise the schema" } },
        }),
      );
      const { code, doc } = await checkJson(["--input", GAPS, "--policy-config", config]);
      assert.equal(code, 1);
      for (const list of ["violations", "accepted", "notInspected", "unknowns"])
        assert.ok(doc[list].length > 0, `${list} is exercised`);
      const categories = new Set([...doc.violations, ...doc.accepted].map((v: { category: string }) => v.category));
      assert.deepEqual([...categories].sort(), ["readiness", "security"], "both categories are exercised");
      assertValid(doc);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("describes the error document printed when the check cannot finish", async () => {
    const { code, doc } = await checkJson(["--stack", "nope"]);
    assert.equal(code, 2);
    assert.deepEqual(Object.keys(doc), ["error", "exitCode"]);
    assertValid(doc);
    assertValid({ error: "could not evaluate the program: boom at index.ts:3", exitCode: 3 });
    assertValid({
      error: "Pulumi.x.yaml: a: bad",
      errors: ["Pulumi.x.yaml: a: bad", "Pulumi.x.yaml: b: bad"],
      exitCode: 2,
    });
  });

  it("refuses what the report never is: a field missing or unknown, a category or level outside the model", async () => {
    const { doc } = await checkJson(["--input", GAPS]);
    const [violation] = doc.violations;
    const broken = [
      { ...doc, summary: undefined },
      { ...doc, extra: true },
      { ...doc, violations: [{ ...violation, category: "style" }] },
      { ...doc, violations: [{ ...violation, level: "remediate" }] },
      { ...doc, violations: [{ ...violation, reason: "only an accepted finding has one" }] },
      { ...doc, accepted: [violation] },
      { ...doc, unknowns: [{ ...doc.unknowns[0], accepted: undefined }] },
      { error: "boom" },
      { error: "boom", exitCode: 0 },
    ];
    for (const bad of broken)
      assert.equal(validate(JSON.parse(JSON.stringify(bad))), false, JSON.stringify(bad).slice(0, 200));
  });
});
