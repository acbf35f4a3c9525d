import * as assert from "node:assert/strict";
import { withConfigKeys } from "../automation/check/configProvenance";
import type { Finding } from "../automation/core/findings";
import type { ProgramConfig } from "../automation/core/project";
import type { CapturedResource } from "../automation/core/resourceModel";
import { captured } from "./policy/harness";
import { runCli } from "./fixtures/cli";
import { stackConfigOf, tempProject } from "./fixtures/stackFiles";

function resource(type: string, name: string, props: Record<string, unknown>): CapturedResource {
  return captured([{ type, name, props }])[0];
}

function finding(r: CapturedResource, message: string): Finding {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    policy: "some-policy",
    category: "security",
    level: "mandatory",
    severity: "high",
    message,
  };
}

const config: ProgramConfig = {
  project: "payments",
  stack: "prod",
  stackFile: "Pulumi.prod.yaml",
  config: {
    "payments:apps": JSON.stringify([
      { name: "api", maxSurge: 2, memoryMb: 512 },
      { name: "worker", maxSurge: 2, memoryMb: 512 },
    ]),
    "payments:database": JSON.stringify({ backupRetentionDays: 7, port: 5432 }),
    "payments:dbPassword": "[secret]",
  },
  secretKeys: ["payments:dbPassword"],
};

describe("config provenance: a finding names the stack config key that decided it", () => {
  it("traces a property the message names to the one key with its value and a related name", () => {
    const db = resource("aws:rds/instance:Instance", "db", { backupRetentionPeriod: 7, port: 5432 });
    const [traced] = withConfigKeys(
      [finding(db, "backupRetentionPeriod is 7 day(s); at least 30 required.")],
      [db],
      config,
    );
    assert.equal(traced.configKey, "payments:database.backupRetentionDays");
  });

  it("picks the list item the resource belongs to (by the item's name), not another with the same value", () => {
    const worker = resource("kubernetes:apps/v1:Deployment", "worker", {
      metadata: { name: "worker", labels: { "app.kubernetes.io/name": "worker" } },
      spec: { strategy: { rollingUpdate: { maxSurge: 2 } } },
    });
    const [traced] = withConfigKeys([finding(worker, "maxSurge 2 is too many.")], [worker], config);
    assert.equal(traced.configKey, "payments:apps[1].maxSurge");
  });

  it("names no key when no key of a related name holds the value, or the property is not named", () => {
    const db = resource("aws:rds/instance:Instance", "db", { backupRetentionPeriod: 3, port: 5432, storage: 7 });
    const findings = [
      finding(db, "backupRetentionPeriod is 3 day(s)."),
      finding(db, "storage is 7 GiB."),
      finding(db, "the instance is public."),
    ];
    assert.deepEqual(
      withConfigKeys(findings, [db], config).map((f) => f.configKey),
      [undefined, undefined, undefined],
    );
  });

  it("on a real stack: check names the key in the report and the text says what to set", async () => {
    const c = stackConfigOf("prod");
    c["platform:data"].postgres.backupRetentionDays = 7;
    const p = tempProject("prod", c);
    try {
      const json = await runCli(["check", "--stack", "prod", "--json"], { projectDir: p.dir });
      assert.equal(json.code, 1, json.stderr);
      const [v] = JSON.parse(json.stdout).violations.filter((f: Finding) => f.policy === "aws-rds-backup-retention");
      assert.equal(v.configKey, "platform:data.postgres.backupRetentionDays");
      const text = await runCli(["check", "--stack", "prod"], { projectDir: p.dir });
      assert.match(text.stdout, /fix in the stack file: set platform:data\.postgres\.backupRetentionDays\n/);
    } finally {
      p.cleanup();
    }
  });
});
