import { strict as assert } from "node:assert";
import { AppTier, AppTierApp } from "../components";
import { httpServiceArgs } from "./fixtures/apps";
import { promiseOf, render } from "./mocks";

const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";

function app(name: string, extra: Partial<AppTierApp> = {}): AppTierApp {
  const { namespace: _ns, partOf: _p, replicas: _r, autoscaling: _a, ...base } = httpServiceArgs();
  return { ...base, name, ...extra };
}

const tierArgs = (apps: AppTierApp[]) => ({
  namespace: "lending",
  partOf: "lending",
  domain: "lending.example",
  ingress: { clusterIssuer: "issuer" },
  apps,
});

describe("AppTier", () => {
  it("creates one WebService per app, named <tier>-<app>", async () => {
    const r = await render(() => new AppTier("lending-apps", tierArgs([app("api"), app("web")])));
    assert.deepEqual(
      r.ofType("platform:app:WebService").map((s) => s.name),
      ["lending-apps-api", "lending-apps-web"],
    );
  });

  it("wires dependencies both ways: the caller may egress, the callee admits the caller", async () => {
    const r = await render(
      () =>
        new AppTier(
          "t",
          tierArgs([
            app("api", { port: 9000 }),
            app("worker", { port: undefined, probes: { liveness: { exec: ["true"] } }, dependsOn: ["api"] }),
          ]),
        ),
    );
    const workerLabels = { "app.kubernetes.io/name": "t-worker", "app.kubernetes.io/part-of": "lending" };
    const apiLabels = { "app.kubernetes.io/name": "t-api", "app.kubernetes.io/part-of": "lending" };
    assert.deepEqual(r.props(NETPOL, "t-worker-netpol").spec.egress, [
      {
        to: [{ podSelector: { matchLabels: apiLabels } }],
        ports: [{ protocol: "TCP", port: 9000 }],
      },
    ]);
    assert.deepEqual(r.props(NETPOL, "t-api-netpol").spec.ingress, [
      {
        from: [{ podSelector: { matchLabels: workerLabels } }],
        ports: [{ protocol: "TCP", port: 9000 }],
      },
    ]);
    assert.deepEqual(r.props(NETPOL, "t-api-netpol").spec.egress, []);
  });

  it("defaults a public app's host to <app>.<domain> and reports its URL", async () => {
    let tier!: AppTier;
    const r = await render(() => {
      tier = new AppTier(
        "t",
        tierArgs([app("api", { ingress: {} }), app("web", { ingress: { host: "lending.example" } })]),
      );
    });
    assert.equal(r.props(INGRESS, "t-api-ing").spec.rules[0].host, "api.lending.example");
    assert.equal(r.props(INGRESS, "t-web-ing").spec.rules[0].host, "lending.example");
    assert.equal(await promiseOf(tier.urls.web), "https://lending.example");
    assert.deepEqual(Object.keys(tier.urls), ["api", "web"]);
  });

  it("refuses a dependency on an app that does not exist", async () => {
    await assert.rejects(
      render(() => new AppTier("t", tierArgs([app("api", { dependsOn: ["ledger"] })]))),
      /app "api" depends on unknown app or data service "ledger"/,
    );
  });
});
