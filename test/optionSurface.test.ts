import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { AppTier, appFromConfig, appSchema, WEB_SERVICE_DEFAULTS, WebService } from "../components";
import { CapturedResource, unwrap } from "../automation/core/resourceModel";
import { render } from "./mocks";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

/** One app as a stack file would write it. */
const appConfig = {
  name: "api",
  image: "registry.example/team/api:2.0.0",
  component: "backend",
  port: 8080,
  ingress: { host: "api.team.example", maxBodySize: "8m", readTimeoutSeconds: 120, rateLimitPerSecond: 50 },
  probes: {
    liveness: { path: "/health" },
    readiness: { path: "/ready" },
    startup: { path: "/health", failureThreshold: 60 },
  },
  metrics: { path: "/metrics" },
  autoscaling: {
    minReplicas: 3,
    maxReplicas: 10,
    behavior: {
      scaleUp: { maxPodsPerMinute: 4 },
      scaleDown: { stabilizationWindowSeconds: 600, maxPercentPerMinute: 10 },
    },
  },
  verticalAutoscaling: { updateMode: "Off", maxAllowed: { cpu: "2", memory: "4Gi" } },
  resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  env: { LOG_LEVEL: "info", ACCESS_TOKEN_EXPIRE_MINUTES: "30" },
  secretEnv: { SECRET_KEY: "apiSecretKey" },
  writablePaths: [{ path: "/app/cache" }],
  migrations: { command: ["alembic", "upgrade", "head"] },
  egress: [
    { name: "kafka", cidr: "10.20.0.0/24", port: 9094 },
    { name: "payments", host: "api.payments.example", port: 443 },
  ],
};

/** The Kubernetes objects rendered, by kind and name, with their plain inputs. */
function objects(resources: CapturedResource[]): Record<string, unknown> {
  return Object.fromEntries(
    resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => [`${r.type} ${r.name}`, unwrap(r.inputs)]),
  );
}

const readSecret = (key: string) => pulumi.secret(`value-of-${key}`);
const tierArgs = {
  namespace: "team",
  partOf: "team",
  domain: "team.example",
  ingress: { clusterIssuer: "letsencrypt-prod" },
};

describe("one option surface per component", () => {
  it("renders the same objects for an app from stack config as for the same app written against AppTier directly", async () => {
    const viaConfig = await render(
      () => new AppTier("t", { ...tierArgs, apps: [appFromConfig(appSchema.parse(appConfig), readSecret)] }),
    );
    const direct = await render(
      () =>
        new AppTier("t", {
          ...tierArgs,
          apps: [
            {
              ...appConfig,
              component: "backend",
              objectName: "api",
              verticalAutoscaling: { updateMode: "Off", maxAllowed: { cpu: "2", memory: "4Gi" } },
              secretEnv: { SECRET_KEY: readSecret("apiSecretKey") },
              externalSecretEnv: {},
            },
          ],
        }),
    );
    assert.deepEqual(objects(viaConfig.resources), objects(direct.resources));
    assert.ok(Object.keys(objects(direct.resources)).length >= 10);
  });

  it("has one replica default, applied by the component on both paths", async () => {
    const { autoscaling: _a, verticalAutoscaling: _v, ...fixed } = appConfig;
    const parsed = appSchema.parse(fixed);
    assert.equal(parsed.replicas, undefined, "config leaves the default to the component");
    const viaConfig = await render(() => new AppTier("t", { ...tierArgs, apps: [appFromConfig(parsed, readSecret)] }));
    const direct = await render(
      () =>
        new WebService("api", {
          namespace: "team",
          partOf: "team",
          image: fixed.image,
          port: 8080,
          probes: fixed.probes,
          resources: fixed.resources,
        }),
    );
    assert.equal(viaConfig.props(DEPLOYMENT, "t-api-deploy").spec.replicas, WEB_SERVICE_DEFAULTS.replicas);
    assert.equal(direct.props(DEPLOYMENT, "api-deploy").spec.replicas, WEB_SERVICE_DEFAULTS.replicas);
  });

  describe("options from stack config", () => {
    let r: Awaited<ReturnType<typeof render>>;
    before(async () => {
      r = await render(
        () => new AppTier("t", { ...tierArgs, apps: [appFromConfig(appSchema.parse(appConfig), readSecret)] }),
      );
    });

    it("HPA behaviour: scaling speed per direction", () => {
      const behavior = r.props("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "t-api-hpa").spec.behavior;
      assert.deepEqual(behavior, {
        scaleUp: { policies: [{ type: "Pods", value: 4, periodSeconds: 60 }], selectPolicy: "Max" },
        scaleDown: {
          stabilizationWindowSeconds: 600,
          policies: [{ type: "Percent", value: 10, periodSeconds: 60 }],
          selectPolicy: "Max",
        },
      });
    });

    it("ingress body size, timeouts and rate limits", () => {
      const annotations = r.props("kubernetes:networking.k8s.io/v1:Ingress", "t-api-ing").metadata.annotations;
      assert.equal(annotations["nginx.ingress.kubernetes.io/proxy-body-size"], "8m");
      assert.equal(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"], "120");
      assert.equal(annotations["nginx.ingress.kubernetes.io/limit-rps"], "50");
      assert.equal(
        annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"],
        "true",
        "tuning never replaces the TLS redirect",
      );
    });

    it("egress to named external endpoints: a CIDR as it is, a DNS name as public addresses only, on its port", () => {
      const policy = r.props("kubernetes:networking.k8s.io/v1:NetworkPolicy", "t-api-netpol");
      assert.deepEqual(policy.spec.egress, [
        { to: [{ ipBlock: { cidr: "10.20.0.0/24" } }], ports: [{ protocol: "TCP", port: 9094 }] },
        {
          to: [
            {
              ipBlock: {
                cidr: "0.0.0.0/0",
                except: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"],
              },
            },
          ],
          ports: [{ protocol: "TCP", port: 443 }],
        },
      ]);
      assert.equal(
        policy.metadata.annotations["platform.acme-bank.example/egress"],
        "kafka=10.20.0.0/24:9094, payments=api.payments.example:443",
      );
    });

    it("a startup probe of its own, and a writable directory besides /tmp", () => {
      const pod = r.props(DEPLOYMENT, "t-api-deploy").spec.template.spec;
      assert.equal(pod.containers[0].startupProbe.failureThreshold, 60);
      assert.deepEqual(pod.containers[0].volumeMounts, [
        { name: "tmp", mountPath: "/tmp" },
        { name: "scratch-0", mountPath: "/app/cache" },
      ]);
      assert.deepEqual(pod.volumes[1], {
        name: "scratch-0",
        emptyDir: { sizeLimit: WEB_SERVICE_DEFAULTS.scratchSizeLimit },
      });
    });

    it("a VerticalPodAutoscaler on the Deployment", () => {
      const vpa = r.props("kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler", "t-api-vpa");
      assert.deepEqual(vpa.spec.targetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "api" });
      assert.deepEqual(vpa.spec.updatePolicy, { updateMode: "Off" });
      assert.deepEqual(vpa.spec.resourcePolicy.containerPolicies, [
        { containerName: "api", controlledResources: ["cpu", "memory"], maxAllowed: { cpu: "2", memory: "4Gi" } },
      ]);
    });

    it("a migration Job with the app's image, environment and secrets, which the Deployment waits for", () => {
      const job = r.get("kubernetes:batch/v1:Job", "t-api-migrate");
      const deployment = r.get(DEPLOYMENT, "t-api-deploy");
      assert.ok(deployment.dependencies.includes(job.urn), "the rollout waits for the migration");
      assert.equal(job.options.deleteBeforeReplace, true, "a new version replaces the Job under the same name");
      const spec = r.props("kubernetes:batch/v1:Job", "t-api-migrate").spec;
      assert.equal(spec.backoffLimit, WEB_SERVICE_DEFAULTS.migrations.backoffLimit);
      const [c] = spec.template.spec.containers;
      assert.deepEqual([c.image, c.command], ["registry.example/team/api:2.0.0", ["alembic", "upgrade", "head"]]);
      assert.deepEqual(
        c.env.find((e: any) => e.name === "SECRET_KEY"),
        { name: "SECRET_KEY", valueFrom: { secretKeyRef: { name: "api-secrets", key: "SECRET_KEY" } } },
      );
      assert.equal(
        spec.template.metadata.labels["app.kubernetes.io/name"],
        "api-migrate",
        "not selected by the app's Service",
      );
      assert.equal(spec.template.spec.restartPolicy, "Never");
    });

    it("secret environment only through the app's own Secret, whose data stays a Pulumi secret", () => {
      const env = r.props(DEPLOYMENT, "t-api-deploy").spec.template.spec.containers[0].env;
      assert.deepEqual(
        env.find((e: any) => e.name === "SECRET_KEY"),
        { name: "SECRET_KEY", valueFrom: { secretKeyRef: { name: "api-secrets", key: "SECRET_KEY" } } },
      );
      const secret = r.get("kubernetes:core/v1:Secret", "t-api-secrets").inputs as any;
      assert.equal(
        secret.stringData["4dabf18193072939515e22adb298388d"],
        "1b47061264138c4ac30d75fd1eb44270",
        "a secret envelope",
      );
    });
  });

  it("takes a value from AWS Secrets Manager through External Secrets into the app's Secret", async () => {
    const app = appSchema.parse({
      ...appConfig,
      secretEnv: { ENCRYPTION_KEY: { fromSecretsManager: "prod/lending/encryption", property: "key" } },
    });
    const r = await render(
      () =>
        new AppTier("t", {
          ...tierArgs,
          secretStore: { kind: "ClusterSecretStore", name: "bank-secrets" },
          apps: [appFromConfig(app, readSecret)],
        }),
    );
    const external = r.props("kubernetes:external-secrets.io/v1:ExternalSecret", "t-api-external-secret");
    assert.deepEqual(external.spec.secretStoreRef, { kind: "ClusterSecretStore", name: "bank-secrets" });
    assert.deepEqual(external.spec.data, [
      { secretKey: "ENCRYPTION_KEY", remoteRef: { key: "prod/lending/encryption", property: "key" } },
    ]);
    const env = r.props(DEPLOYMENT, "t-api-deploy").spec.template.spec.containers[0].env;
    assert.deepEqual(env.find((e: any) => e.name === "ENCRYPTION_KEY").valueFrom.secretKeyRef, {
      name: "api-external",
      key: "ENCRYPTION_KEY",
    });
  });
});
