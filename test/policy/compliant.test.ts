import { strict as assert } from "node:assert";
import * as path from "node:path";
import { runCli } from "../fixtures/cli";
import { inputFormsOf } from "../fixtures/inputForms";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "compliant.json");

/**
 * False alarms are defects: a namespace built the way the pack asks — quota, limits, default deny
 * with DNS-only egress and the HTTP-01 solver admitted, a Deployment with a native sidecar, an HPA and a PDB, a projected
 * ServiceAccount token with an audience, a wildcard-TLS Ingress, a Job with a pod failure policy —
 * passes every policy at prod levels, in every input form.
 */
describe("a compliant namespace passes the whole pack", () => {
  const { forms, cleanup } = inputFormsOf(FIXTURE);
  after(cleanup);
  for (const [form, file] of Object.entries(forms)) {
    it(`as ${form}`, async () => {
      const run = await runCli(["check", "--input", file, "--json"]);
      const report = JSON.parse(run.stdout);
      assert.deepEqual(
        [run.code, report.violations, report.schemaErrors, report.notInspected, report.unknowns],
        [0, [], [], [], []],
        run.stderr,
      );
      assert.equal(report.resources.filter((r: { type: string }) => r.type !== "pulumi:pulumi:Stack").length, 13);
    });
  }
});
