import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { Platform, platformArgsFromConfig, parseStackConfig } from "../components";
import { readProgramConfig, readProject } from "../automation/core/project";
import { REPO_ROOT } from "./fixtures/paths";
import { baselineArgs } from "./fixtures/baseline";
import { httpServiceArgs } from "./fixtures/apps";
import { isSecret, promiseOf, render } from "./mocks";

describe("Platform", () => {
  const { namespace: _n, partOf: _p, ...api } = httpServiceArgs();

  it("composes the baseline and the app tier, and creates workloads after the quota and limit range", async () => {
    let platform!: Platform;
    const r = await render(() => {
      platform = new Platform("team", {
        domain: "team.example",
        baseline: baselineArgs(),
        ingress: { clusterIssuer: "issuer" },
        apps: [{ ...api, name: "api", ingress: {} }],
      });
    });
    assert.deepEqual(r.ofType("platform:security:SecurityBaseline").map((x) => x.name), ["team-baseline"]);
    assert.deepEqual(r.ofType("platform:app:AppTier").map((x) => x.name), ["team-apps"]);
    const deployment = r.get("kubernetes:apps/v1:Deployment", "team-apps-api-deploy");
    for (const dep of ["team-baseline-quota", "team-baseline-limits", "team-baseline-ns"]) {
      assert.ok(deployment.dependencies.some((u) => u.endsWith(`::${dep}`)), dep);
    }
    assert.equal(await promiseOf(platform.namespaceName), "team");
    assert.equal(await promiseOf(platform.urls.api), "https://api.team.example");
    assert.equal(r.props("kubernetes:apps/v1:Deployment", "team-apps-api-deploy").metadata.labels["app.kubernetes.io/part-of"], "team");
  });

  it("maps validated stack config onto its args, receivers' secrets read as secrets", async () => {
    const { config, secretKeys } = readProgramConfig(readProject(REPO_ROOT), "prod");
    const args = platformArgsFromConfig(parseStackConfig(config, { stackFile: "Pulumi.prod.yaml", isSecret: (k) => secretKeys.includes(k) }), (k) => pulumi.secret(`value-of-${k}`));
    assert.equal(args.baseline.namespace, "lending");
    assert.deepEqual(args.baseline.rbac?.deployers, { groups: ["ci-deployers"] });
    assert.deepEqual(args.apps.map((a) => [a.name, a.replicas, a.autoscaling?.maxReplicas]), [["api", undefined, 12], ["web", undefined, 10], ["worker", undefined, 8]]);
    assert.equal(args.ingress.clusterIssuer, "letsencrypt-prod");
    assert.deepEqual(args.monitoring!.receivers!.map((r) => [r.name, r.type, r.severities]), [["lending-oncall", "pagerduty", ["critical"]], ["lending-alerts", "slack", ["warning", "info"]]]);
    assert.equal(await isSecret(args.monitoring!.receivers![0].secret as pulumi.Output<string>), true);
    assert.equal(args.monitoring!.objectName, "platform");
  });
});
