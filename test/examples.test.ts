import { strict as assert } from "node:assert";
import * as path from "node:path";
import { runCheck } from "../automation/check/runCheck";
import { CheckReport } from "../automation/check/report";
import { isSecretEnvelope } from "../automation/core/resourceModel";
import { renderStack } from "../automation/check/renderProgram";
import { REPO_ROOT } from "./fixtures/paths";
import { stackConfigOf } from "./fixtures/stackFiles";

const PROJECTS = [
  { name: "the root lending program", dir: REPO_ROOT, namespace: "platform" },
  { name: "examples/exams", dir: path.join(REPO_ROOT, "examples", "exams"), namespace: "nexus" },
];
const STACKS = ["staging", "prod"] as const;
const VPA = "kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler";

const reports = new Map<string, CheckReport>();
const reportOf = (dir: string, stack: string) => reports.get(`${dir}:${stack}`)!;

describe("the projects, as a team's stacks", function () {
  this.timeout(120_000);

  before(async () => {
    for (const p of PROJECTS) for (const stack of STACKS) reports.set(`${p.dir}:${stack}`, await runCheck({ projectDir: p.dir, stack }));
  });

  for (const p of PROJECTS) {
    for (const stack of STACKS) {
      it(`${p.name} (${stack}): every object validated against a schema, none with an error`, () => {
        const r = reportOf(p.dir, stack);
        assert.deepEqual([r.summary.schemaErrors, r.summary.notValidated], [0, 0], JSON.stringify([r.schemaErrors, r.notValidated]).slice(0, 2000));
      });

      it(`${p.name} (${stack}): each RDS instance's parameter group is of its engine major's family`, () => {
        const r = reportOf(p.dir, stack);
        const config = stackConfigOf(stack, p.dir);
        const postgres = config[`${p.namespace}:data`]?.postgres;
        const instances = r.resources.filter((x) => x.type === "aws:rds/instance:Instance" && !x.props.replicateSourceDb);
        assert.equal(instances.length, postgres?.mode === "managed" ? 1 : 0);
        for (const db of instances) {
          const group = r.resources.find((x) => x.type === "aws:rds/parameterGroup:ParameterGroup" && db.dependencies.includes(x.urn));
          assert.ok(group, `${db.name} has a parameter group`);
          const major = String(db.props.engineVersion).split(".")[0];
          assert.equal(group.props.family, `postgres${major}`);
          if (postgres.engineVersion) assert.equal(db.props.engineVersion, postgres.engineVersion, "the stack's version");
        }
      });
    }
  }

  describe("examples/exams", () => {
    const dir = PROJECTS[1].dir;

    it("has a VerticalPodAutoscaler per app that asks for one, in the stack's update mode, aimed at the app's Deployment", () => {
      for (const stack of STACKS) {
        const apps = stackConfigOf(stack, dir)["nexus:apps"] as any[];
        const wanted = apps.filter((a) => a.verticalAutoscaling).map((a) => [a.name, a.verticalAutoscaling.updateMode]);
        assert.ok(wanted.length > 0, stack);
        const vpas = reportOf(dir, stack).resources.filter((x) => x.type === VPA).map((x) => x.props as any);
        assert.deepEqual(vpas.map((v) => [v.metadata.name, v.spec.updatePolicy.updateMode]).sort(), wanted.sort(), stack);
        for (const v of vpas) assert.deepEqual(v.spec.targetRef, { apiVersion: "apps/v1", kind: "Deployment", name: v.metadata.name });
      }
    });

    it("runs in-cluster Redis in staging from its Secret-mounted configuration (append-only file and password: see RedisCache's tests)", async () => {
      const rendered = await renderStack(dir, "staging");
      const named = (type: string, name: string) => rendered.resources.filter((x) => x.type === type && (x.inputs as any).metadata.name === name);
      const redis = named("kubernetes:apps/v1:StatefulSet", "redis");
      assert.equal(redis.length, 1);
      const pod = (redis[0].inputs as any).spec.template.spec;
      assert.deepEqual(pod.containers[0].args, ["/etc/redis/redis.conf"]);
      assert.equal(pod.volumes.find((v: any) => v.name === "config").secret.secretName, "redis-config");
      const [conf] = named("kubernetes:core/v1:Secret", "redis-config");
      assert.ok(isSecretEnvelope((conf.inputs as any).stringData), "the configuration, password included, is a Pulumi secret");
      assert.equal(stackConfigOf("staging", dir)["nexus:data"].redis.mode, "in-cluster");
    });
  });
});
