import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { ALERT_SCENARIOS } from "../fixtures/real/alertScenarios";
import { requireProgram } from "../fixtures/real/programs";
import { run } from "../fixtures/real/processes";
import { alertUnitTest, ScenarioContext } from "../fixtures/real/promtoolTests";
import { cronJobRunning, KUBE_STACKS, modelOf, objectsOf, renderedStack } from "../fixtures/real/stacks";
import { TempDir, tempDir } from "../fixtures/real/tempDir";

interface StackRules {
  groups: { name: string; rules: any[] }[];
  ctx: ScenarioContext;
}

describe("the rendered PrometheusRules under promtool", function () {
  this.timeout(180000);
  let promtool: string;
  let dir: TempDir;
  const stacks: Record<string, StackRules> = {};

  before(async () => {
    promtool = requireProgram("promtool");
    dir = tempDir("promtool");
    for (const s of KUBE_STACKS) {
      const rendered = await renderedStack(s);
      const rules = objectsOf(rendered, "PrometheusRule");
      assert.equal(rules.length, 1, `${s.label}: one PrometheusRule`);
      stacks[s.label] = {
        groups: rules[0].spec.groups,
        ctx: {
          model: modelOf(rendered),
          namespace: rules[0].metadata.namespace,
          cronJob: cronJobRunning(rendered, "backup")?.metadata.name ?? "",
        },
      };
    }
  });
  after(() => dir?.remove());

  const ruleFile = (label: string, group: string) => path.join(dir.path, `${label.replace("/", "-")}-${group}.yaml`);

  for (const s of KUBE_STACKS) {
    describe(s.label, () => {
      it("every rule group passes promtool check rules", async () => {
        for (const g of stacks[s.label].groups) {
          const file = ruleFile(s.label, g.name);
          fs.writeFileSync(file, stringify({ groups: [g] }));
          const r = await run(promtool, ["check", "rules", file]);
          assert.equal(r.code, 0, `${g.name}:\n${r.stdout}${r.stderr}`);
        }
      });

      it("every alert fires on series labelled as the monitors scrape them, and stays silent on healthy ones", async () => {
        const failures: string[] = [];
        const tests: { alert: string; file: string }[] = [];
        for (const g of stacks[s.label].groups) {
          // The stacks have no recording rules, so an alert depends on nothing else in its group: each
          // is evaluated alone, in a copy of its group (interval and all) holding only that rule.
          assert.deepEqual(
            g.rules.filter((r) => !r.alert),
            [],
            `${g.name}: a recording rule would have to be evaluated with the alerts that read it`,
          );
          for (const rule of g.rules) {
            const scenario = ALERT_SCENARIOS[rule.alert];
            if (!scenario) {
              failures.push(`${rule.alert}: no scenario in test/fixtures/real/alertScenarios.ts`);
              continue;
            }
            const file = ruleFile(s.label, `${g.name}-${rule.alert}`);
            fs.writeFileSync(file, stringify({ groups: [{ ...g, rules: [rule] }] }));
            const testFile = path.join(dir.path, `${s.label.replace("/", "-")}-${rule.alert}.test.yaml`);
            fs.writeFileSync(testFile, alertUnitTest(file, rule, scenario, stacks[s.label].ctx));
            tests.push({ alert: rule.alert, file: testFile });
          }
        }
        assert.ok(tests.length > 0, `${s.label}: no alert to test`);
        // One promtool for all of them; when it fails, each file alone says which alert and why.
        const all = await run(promtool, ["test", "rules", ...tests.map((t) => t.file)], { timeoutMs: 120000 });
        if (all.code !== 0) {
          for (const t of tests) {
            const r = await run(promtool, ["test", "rules", t.file], { timeoutMs: 60000 });
            if (r.code !== 0) failures.push(`${t.alert} (${t.file}):\n${r.stdout}${r.stderr}`);
          }
          if (failures.length === 0)
            failures.push(`promtool failed on the files together:\n${all.stdout}${all.stderr}`);
        }
        assert.deepEqual(failures, []);
      });
    });
  }
});
