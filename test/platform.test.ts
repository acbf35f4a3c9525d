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
    assert.deepEqual(
      r.ofType("platform:security:SecurityBaseline").map((x) => x.name),
      ["team-baseline"],
    );
    assert.deepEqual(
      r.ofType("platform:app:AppTier").map((x) => x.name),
      ["team-apps"],
    );
    const deployment = r.get("kubernetes:apps/v1:Deployment", "team-apps-api-deploy");
    for (const dep of ["team-baseline-quota", "team-baseline-limits", "team-baseline-ns"]) {
      assert.ok(
        deployment.dependencies.some((u) => u.endsWith(`::${dep}`)),
        dep,
      );
    }
    assert.equal(await promiseOf(platform.namespaceName), "team");
    assert.equal(await promiseOf(platform.urls.api), "https://api.team.example");
    assert.equal(
      r.props("kubernetes:apps/v1:Deployment", "team-apps-api-deploy").metadata.labels["app.kubernetes.io/part-of"],
      "team",
    );
  });

  it("scrapes each app where its WebService serves metrics: the port the Service names, the number it admits, the path", async () => {
    let platform!: Platform;
    const r = await render(() => {
      platform = new Platform("team", {
        domain: "team.example",
        baseline: baselineArgs(),
        ingress: { clusterIssuer: "issuer" },
        apps: [
          { ...api, name: "api", metrics: { port: 9090, path: "/internal/metrics" } },
          { ...api, name: "web" },
        ],
        monitoring: {},
      });
    });
    const target = platform.apps.services.api.scrapeTarget!;
    const servicePorts = r.props("kubernetes:core/v1:Service", "team-apps-api-svc").spec.ports;
    const served = servicePorts.find((p: { name: string }) => p.name === target.portName);
    assert.ok(served, `the Service serves a port named ${target.portName}`);
    const monitors = r.ofType("kubernetes:monitoring.coreos.com/v1:ServiceMonitor").map((m) => m.inputs as any);
    assert.deepEqual(
      monitors.map((m) => m.metadata.name),
      ["team-apps-api"],
      "only the app with metrics is scraped",
    );
    assert.deepEqual(
      monitors[0].spec.endpoints.map((e: any) => [e.port, e.path]),
      [[served.name, "/internal/metrics"]],
    );
    assert.deepEqual(monitors[0].spec.selector.matchLabels, platform.apps.services.api.selectorLabels);
    const scrapePolicy = r
      .ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")
      .map((n) => n.inputs as any)
      .find((n) => n.metadata.name === "team-apps-api-allow-prometheus");
    assert.deepEqual(scrapePolicy.spec.ingress[0].ports, [{ protocol: "TCP", port: served.port }]);
  });

  it("lets the data services admit each calling app and its migration Job, by the labels their pods carry", async () => {
    let platform!: Platform;
    const r = await render(() => {
      platform = new Platform("team", {
        domain: "team.example",
        baseline: baselineArgs(),
        ingress: { clusterIssuer: "issuer" },
        apps: [{ ...api, name: "api", dependsOn: ["redis"], migrations: { command: ["migrate"] } }],
        data: { redis: { mode: "in-cluster" } },
      });
    });
    const job = r.props("kubernetes:batch/v1:Job", "team-apps-api-migrate");
    const redisPolicies = r
      .ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")
      .map((n) => n.inputs as any)
      .filter((n) => JSON.stringify(n.spec.podSelector).includes("redis"));
    const admitted = JSON.stringify(redisPolicies.map((n) => n.spec.ingress));
    const app = platform.apps.services.api;
    for (const labels of [app.selectorLabels, app.migrationLabels!]) {
      assert.ok(admitted.includes(JSON.stringify(labels)), JSON.stringify(labels));
    }
    assert.equal(
      job.spec.template.metadata.labels["app.kubernetes.io/name"],
      app.migrationLabels!["app.kubernetes.io/name"],
    );
  });

  it("maps validated stack config onto its args, receivers' secrets read as secrets", async () => {
    const { config, secretKeys } = readProgramConfig(readProject(REPO_ROOT), "prod");
    const args = platformArgsFromConfig(
      parseStackConfig(config, { stackFile: "Pulumi.prod.yaml", isSecret: (k) => secretKeys.includes(k) }),
      (k) => pulumi.secret(`value-of-${k}`),
    );
    assert.equal(args.baseline.namespace, "lending");
    assert.deepEqual(args.baseline.rbac?.deployers, { groups: ["ci-deployers"] });
    assert.deepEqual(
      args.apps.map((a) => [a.name, a.replicas, a.autoscaling?.maxReplicas]),
      [
        ["api", undefined, 12],
        ["web", undefined, 10],
        ["worker", undefined, 8],
      ],
    );
    assert.equal(args.ingress.clusterIssuer, "letsencrypt-prod");
    assert.deepEqual(
      args.monitoring!.receivers!.map((r) => [r.name, r.type, r.severities]),
      [
        ["lending-oncall", "pagerduty", ["critical"]],
        ["lending-alerts", "slack", ["warning", "info"]],
      ],
    );
    assert.equal(await isSecret(args.monitoring!.receivers![0].secret as pulumi.Output<string>), true);
    assert.equal(args.monitoring!.objectName, "platform");
  });
});
