import { strict as assert } from "node:assert";
import { resolveWebService, WEB_SERVICE_DEFAULTS, WebService, WebServiceArgs } from "../components/app/webService";
import { webServiceOptionsSchema } from "../components/app/webServiceSchema";
import { httpServiceArgs } from "./fixtures/apps";
import { render } from "./mocks";

const D = WEB_SERVICE_DEFAULTS;
const publicIngress = { host: "api.team.example", clusterIssuer: "letsencrypt-prod" };

/** The same app as stack config gives it. */
const appConfig = {
  image: "registry.example/team/api:1.2.3",
  port: 8080,
  probes: { liveness: { path: "/health" }, readiness: { path: "/ready" } },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
};

describe("WebService resolves its args once", () => {
  describe("refuses what its config schema refuses, naming the args", () => {
    it("replicas together with autoscaling, in the type, in resolve and in the schema, with one message", async () => {
      // @ts-expect-error: the type admits one way of scaling
      const both: WebServiceArgs = httpServiceArgs({ replicas: 5, autoscaling: { minReplicas: 3, maxReplicas: 9 } });
      await assert.rejects(
        render(() => new WebService("api", both)),
        /WebService "api": replicas: expected either "replicas" or "autoscaling", not both/,
      );
      const parsed = webServiceOptionsSchema.safeParse({
        ...appConfig,
        replicas: 5,
        autoscaling: { minReplicas: 3, maxReplicas: 9 },
      });
      assert.equal(parsed.success, false);
      const issue = parsed.error!.issues.find((i) => i.path.join(".") === "replicas");
      assert.ok(issue, "the schema names replicas");
      assert.throws(
        () => resolveWebService("api", both),
        (e: Error) => e.message.includes(issue.message),
      );
    });

    it("a disruption budget with both fields", () => {
      // @ts-expect-error: the type admits one field
      const budget: WebServiceArgs["disruptionBudget"] = { minAvailable: 1, maxUnavailable: 1 };
      assert.throws(
        () => resolveWebService("api", httpServiceArgs({ disruptionBudget: budget })),
        /disruptionBudget: expected exactly one of "minAvailable" or "maxUnavailable"/,
      );
    });

    it("an egress endpoint with both a CIDR and a host", () => {
      const egress: WebServiceArgs["egress"] = [
        // @ts-expect-error: the type admits one destination
        { name: "kafka", cidr: "10.20.0.0/24", host: "kafka.example", port: 9094 },
      ];
      assert.throws(
        () => resolveWebService("api", httpServiceArgs({ egress })),
        /egress\.0: expected exactly one of "cidr" or "host"/,
      );
    });

    it("an ingress, metrics or HTTP probes on an app without a port, and every problem at once", () => {
      assert.throws(
        () => resolveWebService("worker", httpServiceArgs({ port: undefined, ingress: publicIngress, metrics: {} })),
        (e: Error) =>
          [
            'ingress: expected "port"',
            "metrics.port: expected a metrics port",
            "probes.liveness.port: expected a port for an HTTP probe",
          ].every((m) => e.message.includes(m)),
      );
    });

    it("an autoscaler whose ceiling is below its floor", () => {
      assert.throws(
        () => resolveWebService("api", httpServiceArgs({ autoscaling: { minReplicas: 5, maxReplicas: 3 } })),
        /autoscaling\.maxReplicas: expected maxReplicas >= minReplicas/,
      );
    });

    it("a minAvailable that leaves no pod to drain", () => {
      assert.throws(
        () => resolveWebService("api", httpServiceArgs({ replicas: 2, disruptionBudget: { minAvailable: 2 } })),
        /disruptionBudget\.minAvailable: expected fewer than the minimum replica count \(2\)/,
      );
    });
  });

  describe("defaults come from WEB_SERVICE_DEFAULTS", () => {
    it("fills scaling, identity, budget, scratch and the secret store", () => {
      const r = resolveWebService("api", httpServiceArgs());
      assert.deepEqual(r.scaling, { mode: "fixed", replicas: D.replicas });
      assert.deepEqual(r.disruptionBudget, D.disruptionBudget);
      assert.equal(r.runAsUser, D.runAsUser);
      assert.equal(r.runAsGroup, D.runAsUser);
      assert.deepEqual(r.scratch, [{ name: "tmp", mountPath: "/tmp", sizeLimit: D.tmpSizeLimit }]);
      assert.deepEqual(r.secretStore, D.secretStore);
      assert.equal(r.objectName, "api");
    });

    it("fills the autoscaler's targets, the ingress and the migration Job", () => {
      const r = resolveWebService(
        "api",
        httpServiceArgs({
          autoscaling: { minReplicas: 2, maxReplicas: 4 },
          ingress: publicIngress,
          migrations: { command: ["alembic", "upgrade", "head"] },
        }),
      );
      assert.equal(r.scaling.mode, "autoscaled");
      if (r.scaling.mode !== "autoscaled") return;
      assert.deepEqual(
        [r.scaling.autoscaling.cpuUtilization, r.scaling.autoscaling.memoryUtilization],
        [D.autoscaling.cpuUtilization, D.autoscaling.memoryUtilization],
      );
      assert.deepEqual(
        [r.ingress?.path, r.ingress?.className, r.ingress?.controllerNamespace, r.ingress?.hstsMaxAgeSeconds],
        [D.ingress.path, D.ingress.className, D.ingress.controllerNamespace, D.ingress.hstsMaxAgeSeconds],
      );
      assert.deepEqual(
        [r.migration?.backoffLimit, r.migration?.activeDeadlineSeconds, r.migration?.image],
        [D.migrations.backoffLimit, D.migrations.activeDeadlineSeconds, "registry.example/team/api:1.2.3"],
      );
    });
  });

  describe("exposes what others need", () => {
    it("its scrape target: the metrics port by name, its number and the default path", async () => {
      let app!: WebService;
      const r = await render(() => {
        app = new WebService("api", httpServiceArgs({ metrics: { port: 9090 } }));
      });
      assert.deepEqual(app.scrapeTarget, {
        app: "api",
        exports: [],
        podLabels: app.selectorLabels,
        portName: "metrics",
        port: 9090,
        path: D.metricsPath,
      });
      const ports = r.props("kubernetes:core/v1:Service", "api-svc").spec.ports;
      assert.ok(
        ports.some(
          (p: { name: string; port: number }) =>
            p.name === app.scrapeTarget!.portName && p.port === app.scrapeTarget!.port,
        ),
        "the Service serves the scraped port",
      );
    });

    it("no scrape target for an app without metrics", () => {
      assert.equal(resolveWebService("api", httpServiceArgs()).scrapeTarget, undefined);
    });

    it("its migration Job's name and pod labels, which its Job carries", async () => {
      let app!: WebService;
      const r = await render(() => {
        app = new WebService("api", httpServiceArgs({ migrations: { command: ["migrate"] } }));
      });
      const job = r.props("kubernetes:batch/v1:Job", "api-migrate");
      assert.equal(job.metadata.name, app.migrationJobName);
      for (const [k, v] of Object.entries(app.migrationLabels!))
        assert.equal(job.spec.template.metadata.labels[k], v, k);
    });

    it("the Secrets its pods read, by variable", async () => {
      let app!: WebService;
      await render(() => {
        app = new WebService(
          "api",
          httpServiceArgs({
            secretEnv: { TOKEN: "s3cr3t" },
            secretRefs: { DATABASE_URL: { secretName: "pg-credentials", key: "url" } },
          }),
        );
      });
      assert.deepEqual(app.secretNames, { DATABASE_URL: "pg-credentials", TOKEN: "api-secrets" });
    });
  });
});
