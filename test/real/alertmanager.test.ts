import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { alertmanagerConfig } from "../../components/monitoring/alertmanagerConfig";
import { operatorConfig } from "../fixtures/real/alertmanagerConfig";
import { requireProgram } from "../fixtures/real/programs";
import { run } from "../fixtures/real/processes";
import { KUBE_STACKS, objectsOf, renderedStack } from "../fixtures/real/stacks";
import { TempDir, tempDir } from "../fixtures/real/tempDir";
import { stackConfigOf } from "../fixtures/stackFiles";

interface StackRouting {
  configFile: string;
  namespace: string;
  prefix: string;
  alerts: { alert: string; labels: Record<string, string> }[];
  receivers: { name: string; severities: string[] }[];
}

/** The shared Alertmanager's own configuration, as the cluster's stack renders it without receivers of its own. */
const BASE = alertmanagerConfig([], "platform-alert-receivers");

describe("the rendered Alertmanager configuration under amtool", function () {
  this.timeout(180000);
  let amtool: string;
  let dir: TempDir;
  const stacks: Record<string, StackRouting> = {};

  before(async () => {
    amtool = requireProgram("amtool");
    dir = tempDir("amtool");
    for (const s of KUBE_STACKS) {
      const rendered = await renderedStack(s);
      const [cr] = objectsOf(rendered, "AlertmanagerConfig");
      const [rules] = objectsOf(rendered, "PrometheusRule");
      const config = Object.entries(stackConfigOf(s.stack, s.dir)).find(([k]) => k.endsWith(":monitoring"))?.[1];
      const configFile = path.join(dir.path, `${s.label.replace("/", "-")}.yaml`);
      fs.writeFileSync(configFile, stringify(operatorConfig(BASE, cr)));
      stacks[s.label] = {
        configFile,
        namespace: cr.metadata.namespace,
        prefix: `${cr.metadata.namespace}/${cr.metadata.name}`,
        alerts: rules.spec.groups.flatMap((g: any) =>
          g.rules.filter((r: any) => r.alert).map((r: any) => ({ alert: r.alert, labels: r.labels })),
        ),
        receivers: config?.receivers ?? [],
      };
    }
  });
  after(() => dir?.remove());

  const routesTest = async (file: string, labels: Record<string, string>) => {
    const r = await run(amtool, [
      "config",
      "routes",
      "test",
      `--config.file=${file}`,
      ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    return r.stdout.trim().split(",").sort();
  };

  it("the shared Alertmanager's own configuration passes amtool check-config", async () => {
    const file = path.join(dir.path, "base.yaml");
    fs.writeFileSync(file, stringify(BASE));
    const r = await run(amtool, ["check-config", file]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  for (const s of KUBE_STACKS) {
    describe(s.label, () => {
      it("the configuration the operator generates from its AlertmanagerConfig passes amtool check-config", async () => {
        const r = await run(amtool, ["check-config", stacks[s.label].configFile]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
      });

      it("every alert reaches the receivers the stack names for its severity", async () => {
        const st = stacks[s.label];
        assert.ok(st.alerts.length > 0);
        for (const a of st.alerts) {
          const expected = st.receivers
            .filter((r) => r.severities.includes(a.labels.severity))
            .map((r) => `${st.prefix}/${r.name}`)
            .sort();
          assert.ok(expected.length, `${s.label}: no receiver takes severity ${a.labels.severity}`);
          assert.deepEqual(await routesTest(st.configFile, { alertname: a.alert, ...a.labels }), expected, a.alert);
        }
      });

      it("another namespace's alerts never reach its receivers", async () => {
        const st = stacks[s.label];
        const got = await routesTest(st.configFile, {
          alertname: "ApiHighErrorRate",
          severity: "critical",
          namespace: "other",
        });
        assert.deepEqual(got, ["null"]);
      });
    });
  }
});
