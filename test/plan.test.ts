import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { DEFAULT_CREATE_TIMES } from "../automation/plan/createTimes";
import { APP_TYPES, planDeploy } from "../automation/plan/schedule";
import { CapturedResource, defaultOptions } from "../automation/core/resourceModel";
import { runCli } from "./fixtures/cli";
import { REPO_ROOT } from "./fixtures/paths";

interface Reported {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  dependencies: string[];
  props: Record<string, any>;
}

async function resourcesOf(projectDir: string, stack = "prod"): Promise<Reported[]> {
  const run = await runCli(["check", "--stack", stack, "--json"], { projectDir });
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout).resources;
}

/** Everything a resource waits for before its create starts: its dependencies and its parent's, transitively. */
function waitsFor(urn: string, byUrn: Map<string, Reported>): Set<string> {
  const seen = new Set<string>();
  const todo = [urn];
  while (todo.length) {
    const r = byUrn.get(todo.pop()!);
    for (const next of [...(r?.parent ? [r.parent] : []), ...(r?.dependencies ?? [])]) {
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return seen;
}

/** The nearest ancestor (or the resource itself) of one of `types`. */
function ownerOf(urn: string, types: readonly string[], byUrn: Map<string, Reported>): Reported | undefined {
  for (let r = byUrn.get(urn); r; r = r.parent ? byUrn.get(r.parent) : undefined) if (types.includes(r.type)) return r;
  return undefined;
}

const DATA_SERVICES: Record<string, string> = {
  "platform:data:PostgresDatabase": "postgres",
  "platform:data:RedisCache": "redis",
};
const NEVER_WAITED_ON = [
  "platform:data:PostgresBackup",
  "platform:monitoring:DataAlarms",
  "platform:monitoring:TeamMonitoring",
  "platform:aws:DatabaseBackupPlan",
];

describe("a minimal dependency graph", () => {
  const projects: [string, string][] = [
    ["the root program", REPO_ROOT],
    ...["exams", "core-banking", "lending-aws"].map((e): [string, string] => [
      `examples/${e}`,
      path.join(REPO_ROOT, "examples", e),
    ]),
  ];
  for (const [title, dir] of projects) {
    it(`${title}: no app waits for a read replica, a backup, an alarm, monitoring, another app or a data service it does not list`, async () => {
      const resources = await resourcesOf(dir);
      const byUrn = new Map(resources.map((r) => [r.urn, r]));
      const stackFile = parse(fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8")).config;
      const listed = new Map<string, string[]>();
      // A project that hands its apps the replica's read URL (`readReplicaEnv`) waits for the replica on purpose.
      const readsReplica = Object.keys(stackFile).some((k) => k.endsWith(":readReplicaEnv"));
      for (const [key, value] of Object.entries<any>(stackFile)) {
        if (key.endsWith(":apps") && Array.isArray(value))
          for (const app of value) listed.set(app.name, app.dependsOn ?? []);
      }
      const apps = resources.filter((r) => APP_TYPES.includes(r.type));
      assert.ok(apps.length >= 1, "the program has apps");
      let judged = 0;
      for (const app of apps) {
        const workloads = resources.filter(
          (r) =>
            ownerOf(r.urn, APP_TYPES, byUrn)?.urn === app.urn &&
            /:(apps\/v1:Deployment|ecs\/service:Service)$/.test(r.type),
        );
        for (const workload of workloads) {
          judged++;
          for (const urn of waitsFor(workload.urn, byUrn)) {
            const dep = byUrn.get(urn)!;
            assert.ok(
              readsReplica || !(dep.type === "aws:rds/instance:Instance" && dep.props.replicateSourceDb),
              `${workload.name} waits for the replica ${dep.name}`,
            );
            const otherApp = ownerOf(urn, APP_TYPES, byUrn);
            assert.ok(
              !otherApp || otherApp.urn === app.urn,
              `${workload.name} waits for ${dep.name} of ${otherApp?.name}`,
            );
            const side = ownerOf(urn, NEVER_WAITED_ON, byUrn);
            assert.ok(!side, `${workload.name} waits for ${dep.name} of ${side?.type}`);
            const service = ownerOf(urn, Object.keys(DATA_SERVICES), byUrn);
            const appName = [...listed.keys()].find((n) => app.name.endsWith(`-${n}`));
            if (service && appName)
              assert.ok(
                listed.get(appName)!.includes(DATA_SERVICES[service.type]),
                `${workload.name} waits for ${dep.name} of ${DATA_SERVICES[service.type]}, which ${appName} does not list`,
              );
          }
        }
      }
      assert.ok(
        judged >= apps.length - apps.filter((a) => a.type === "platform:aws:StaticSite").length,
        "every app's workload was judged",
      );
    });
  }

  it("an app that lists PostgreSQL waits for its primary and credentials; monitoring waits for no app", async () => {
    const resources = await resourcesOf(REPO_ROOT);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const api = waitsFor(resources.find((r) => r.name === "lending-apps-api-deploy")!.urn, byUrn);
    const names = [...api].map((u) => byUrn.get(u)!.name);
    for (const name of [
      "lending-data-postgres-db",
      "lending-data-postgres-credentials",
      "lending-data-redis-cache",
      "lending-data-redis-credentials",
      "lending-apps-api-migrate",
      "lending-baseline-quota",
    ]) {
      assert.ok(names.includes(name), `the API waits for ${name}`);
    }
    for (const r of resources.filter((x) => ownerOf(x.urn, ["platform:monitoring:TeamMonitoring"], byUrn))) {
      for (const urn of waitsFor(r.urn, byUrn))
        assert.ok(!ownerOf(urn, APP_TYPES, byUrn), `${r.name} waits for ${byUrn.get(urn)!.name}`);
    }
  });
});

const resource = (
  name: string,
  type: string,
  dependencies: string[] = [],
  parent: string | null = "urn:s",
): CapturedResource => ({
  urn: `urn:${name}`,
  type,
  name,
  custom: !/^(platform|pulumi):/.test(type),
  parent,
  dependencies,
  propertyDependencies: {},
  options: defaultOptions(),
  inputs: {},
});

describe("platform plan", () => {
  it("schedules each create when its dependencies and parent are done, in parallel otherwise", () => {
    const plan = planDeploy(
      [
        resource("s", "pulumi:pulumi:Stack", [], null),
        resource("db", "aws:rds/instance:Instance"),
        resource("secret", "kubernetes:core/v1:Secret", ["urn:db"]),
        resource("app", "platform:app:WebService"),
        resource("deploy", "kubernetes:apps/v1:Deployment", ["urn:secret"], "urn:app"),
        resource("front", "platform:app:WebService"),
        resource("front-deploy", "kubernetes:apps/v1:Deployment", [], "urn:front"),
      ],
      { ...DEFAULT_CREATE_TIMES, "aws:rds/instance:Instance": 600 },
    );
    assert.equal(plan.total, 600 + 2 + 90);
    assert.deepEqual(
      plan.criticalPath.map((s) => [s.name, s.start, s.finish]),
      [
        ["db", 0, 600],
        ["secret", 600, 602],
        ["deploy", 602, 692],
      ],
    );
    assert.deepEqual(
      plan.apps.map((a) => [a.name, a.ready]),
      [
        ["front", 90],
        ["app", 692],
      ],
    );
  });

  it("on the root program's prod stack: the front end is ready within 3 minutes, the API within 19", async () => {
    const run = await runCli(["plan", "--stack", "prod", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const plan = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(plan), ["stack", "times", "resources", "total", "criticalPath", "apps"]);
    const ready = Object.fromEntries(plan.apps.map((a: any) => [a.name, a.ready]));
    assert.ok(ready["lending-apps-web"] <= 180, `web ready after ${ready["lending-apps-web"]} s`);
    // The API waits for RDS (15 min), then its pooler, then its migration.
    assert.ok(ready["lending-apps-api"] <= 19 * 60, `api ready after ${ready["lending-apps-api"]} s`);
    assert.ok(
      plan.apps
        .find((a: any) => a.name === "lending-apps-api")
        .waitsOn.some((s: any) => s.name === "lending-data-postgres-db"),
    );
    assert.ok(
      !plan.apps.some((a: any) => a.waitsOn.some((s: any) => s.name.includes("replica"))),
      "no app waits on the replica",
    );
    assert.equal(plan.criticalPath.at(-1).finish, plan.total);

    const human = await runCli(["plan", "--stack", "prod"]);
    assert.match(
      human.stdout,
      /^First deploy of prod: [\d.]+ min \(\d+ resources; create times: the default table\)$/m,
    );
    assert.match(
      human.stdout,
      /^ +\d+ s {2}lending-apps-web \(longest wait: kubernetes:apps\/v1:Deployment lending-apps-web-deploy, 90 s\)$/m,
    );
  });

  it("lays a team's times file over the default table, and refuses a bad one in one line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-times-"));
    try {
      const times = path.join(dir, "times.json");
      fs.writeFileSync(
        times,
        JSON.stringify({ "aws:rds/instance:Instance": 300, "aws:elasticache/replicationGroup:ReplicationGroup": 300 }),
      );
      const run = await runCli(["plan", "--stack", "prod", "--times", times, "--json"]);
      assert.equal(run.code, 0, run.stderr);
      const plan = JSON.parse(run.stdout);
      assert.equal(plan.times, `the default table with ${times} laid over it`);
      assert.ok(plan.apps.find((a: any) => a.name === "lending-apps-api").ready < 10 * 60);

      fs.writeFileSync(times, JSON.stringify({ "aws:rds/instance:Instance": "15m" }));
      const bad = await runCli(["plan", "--stack", "prod", "--times", times]);
      assert.deepEqual(
        [bad.code, bad.stderr],
        [2, `error: --times ${times}: "aws:rds/instance:Instance": expected a number of seconds >= 0, got "15m"\n`],
      );
      const missing = await runCli(["plan", "--stack", "prod", "--times", path.join(dir, "none.json")]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /^error: --times .*none\.json: cannot read it \(ENOENT\)\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("documents the default create times in docs/guides/deploy.md, as the code has them", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "docs", "guides", "deploy.md"), "utf8");
    for (const [type, seconds] of Object.entries(DEFAULT_CREATE_TIMES))
      assert.ok(readme.includes(`| \`${type}\` | ${seconds} |`), `${type} ${seconds}`);
  });
});
