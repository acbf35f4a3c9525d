import { strict as assert } from "node:assert";
import { WebService } from "../components";
import { httpServiceArgs } from "./fixtures/apps";
import { promiseOf, render } from "./mocks";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const SERVICE = "kubernetes:core/v1:Service";
const SA = "kubernetes:core/v1:ServiceAccount";
const CONFIGMAP = "kubernetes:core/v1:ConfigMap";

const publicIngress = { host: "api.team.example", clusterIssuer: "letsencrypt-prod" };

describe("WebService", () => {
  describe("defaults", () => {
    it("hardens the pod and its container the way Pod Security Standards 'restricted' asks", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs()));
      const pod = r.props(DEPLOYMENT, "api-deploy").spec.template.spec;
      assert.equal(pod.automountServiceAccountToken, false);
      assert.deepEqual(pod.securityContext, {
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: "RuntimeDefault" },
      });
      const [c] = pod.containers;
      assert.deepEqual(c.securityContext, {
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      });
      assert.deepEqual(c.resources, {
        requests: { cpu: "100m", memory: "128Mi" },
        limits: { cpu: "500m", memory: "256Mi" },
      });
      assert.deepEqual(c.volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
      assert.deepEqual(pod.volumes, [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }]);
    });

    it("gives the container liveness, readiness and a startup probe that reuses the liveness check", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs()));
      const [c] = r.props(DEPLOYMENT, "api-deploy").spec.template.spec.containers;
      assert.deepEqual(c.livenessProbe.httpGet, { path: "/health", port: "http", scheme: "HTTP" });
      assert.deepEqual(c.readinessProbe.httpGet, { path: "/ready", port: "http", scheme: "HTTP" });
      assert.deepEqual(c.startupProbe.httpGet, { path: "/health", port: "http", scheme: "HTTP" });
      assert.equal(c.startupProbe.failureThreshold, 30);
    });

    it("rolls out with maxUnavailable 0 and spreads pods over zones and nodes", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs()));
      const spec = r.props(DEPLOYMENT, "api-deploy").spec;
      assert.deepEqual(spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
      const keys = spec.template.spec.topologySpreadConstraints.map((t: { topologyKey: string }) => t.topologyKey);
      assert.deepEqual(keys, ["topology.kubernetes.io/zone", "kubernetes.io/hostname"]);
      assert.deepEqual(
        spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels,
        spec.selector.matchLabels,
      );
    });

    it("labels everything with the recommended app.kubernetes.io labels and selects on identity only", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs({ component: "backend" })));
      const d = r.props(DEPLOYMENT, "api-deploy");
      assert.deepEqual(d.metadata.labels, {
        "app.kubernetes.io/name": "api",
        "app.kubernetes.io/part-of": "team",
        "app.kubernetes.io/instance": "team-api",
        "app.kubernetes.io/version": "1.2.3",
        "app.kubernetes.io/component": "backend",
        "app.kubernetes.io/managed-by": "pulumi-platform-sdk",
      });
      assert.deepEqual(d.spec.selector.matchLabels, {
        "app.kubernetes.io/name": "api",
        "app.kubernetes.io/part-of": "team",
      });
      assert.deepEqual(d.spec.template.metadata.labels, d.metadata.labels);
    });

    it("runs 2 fixed replicas with a PDB of maxUnavailable 1 and no autoscaler", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs()));
      assert.equal(r.props(DEPLOYMENT, "api-deploy").spec.replicas, 2);
      assert.equal(r.ofType(HPA).length, 0);
      const pdb = r.props(PDB, "api-pdb").spec;
      assert.equal(pdb.maxUnavailable, 1);
      assert.equal(pdb.minAvailable, undefined);
    });

    it("creates a ServiceAccount without a token and runs the pods as it", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs()));
      assert.equal(r.props(SA, "api-sa").automountServiceAccountToken, false);
      assert.equal(r.props(DEPLOYMENT, "api-deploy").spec.template.spec.serviceAccountName, "api");
    });

    it("exposes the http port through a ClusterIP Service", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs()));
      const svc = r.props(SERVICE, "api-svc").spec;
      assert.equal(svc.type, "ClusterIP");
      assert.deepEqual(svc.ports, [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }]);
    });

    it("creates no Service, Ingress or ingress rule for a worker without a port", async () => {
      const r = await render(
        () =>
          new WebService(
            "worker",
            httpServiceArgs({
              port: undefined,
              probes: { liveness: { exec: ["python", "-m", "health"] } },
            }),
          ),
      );
      assert.equal(r.ofType(SERVICE).length, 0);
      assert.equal(r.ofType(INGRESS).length, 0);
      assert.deepEqual(r.props(NETPOL, "worker-netpol").spec.ingress, []);
      const [c] = r.props(DEPLOYMENT, "worker-deploy").spec.template.spec.containers;
      assert.deepEqual(c.ports, []);
      assert.deepEqual(c.livenessProbe.exec, { command: ["python", "-m", "health"] });
      assert.equal(c.readinessProbe, undefined);
    });

    it("is internal only unless an ingress is asked for", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs()));
      assert.equal(r.ofType(INGRESS).length, 0);
      assert.deepEqual(r.props(NETPOL, "api-netpol").spec.ingress, []);
    });
  });

  describe("public ingress", () => {
    it("terminates TLS for the host with a cert-manager certificate, forces HTTPS and sends HSTS", async () => {
      let svc!: WebService;
      const r = await render(() => {
        svc = new WebService("api", httpServiceArgs({ ingress: publicIngress }));
      });
      const ing = r.props(INGRESS, "api-ing");
      assert.equal(ing.spec.ingressClassName, "nginx");
      assert.deepEqual(ing.spec.tls, [{ hosts: ["api.team.example"], secretName: "api-tls" }]);
      assert.equal(ing.spec.rules[0].host, "api.team.example");
      assert.deepEqual(ing.spec.rules[0].http.paths[0].backend, { service: { name: "api", port: { name: "http" } } });
      assert.equal(ing.metadata.annotations["cert-manager.io/cluster-issuer"], "letsencrypt-prod");
      assert.equal(ing.metadata.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"], "true");
      assert.equal(ing.metadata.annotations["nginx.ingress.kubernetes.io/custom-headers"], "team/api-security-headers");
      const headers = r.props(CONFIGMAP, "api-security-headers").data;
      assert.equal(headers["Strict-Transport-Security"], "max-age=31536000; includeSubDomains");
      assert.equal(await promiseOf(svc.url!), "https://api.team.example");
    });

    it("admits only the ingress controller's pods on the app port", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs({ ingress: publicIngress })));
      assert.deepEqual(r.props(NETPOL, "api-netpol").spec.ingress, [
        {
          from: [
            {
              podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx" } },
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
            },
          ],
          ports: [{ protocol: "TCP", port: 8080 }],
        },
      ]);
    });

    it("declares its named destinations and its database connections on the Deployment, for the readiness checks", async () => {
      const r = await render(
        () =>
          new WebService(
            "api",
            httpServiceArgs({
              allowTo: [
                { name: "postgres", service: "db-pooler", podLabels: { app: "pooler" }, port: 6432 },
                { name: "ledger", service: "ledger", namespace: "core", podLabels: { app: "ledger" }, port: 8080 },
                { name: "redis", cidr: "10.40.0.0/16", port: 6379 },
                { podLabels: { app: "unnamed" }, port: 9000 },
              ],
              database: { connections: 60, server: "db" },
            }),
          ),
      );
      assert.deepEqual(r.props(DEPLOYMENT, "api-deploy").metadata.annotations, {
        "platform.acme-bank.example/paths": "postgres=db-pooler:6432, ledger=ledger.core:8080, redis=10.40.0.0/16:6379",
        "platform.acme-bank.example/database-connections": "60",
        "platform.acme-bank.example/database-server": "db",
      });
      const plain = await render(() => new WebService("api", httpServiceArgs()));
      assert.equal(plain.props(DEPLOYMENT, "api-deploy").metadata.annotations, undefined);
    });

    it("admits the ingress controller to cert-manager's HTTP-01 solver pods, so the certificate can issue under the default deny", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs({ ingress: publicIngress })));
      const solver = r.props(NETPOL, "api-acme-solver-netpol");
      assert.deepEqual(
        [solver.metadata.name, solver.spec.podSelector, solver.spec.policyTypes],
        ["api-acme-solver", { matchLabels: { "acme.cert-manager.io/http01-solver": "true" } }, ["Ingress"]],
      );
      assert.deepEqual(solver.spec.ingress, [
        {
          from: [
            {
              podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx" } },
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
            },
          ],
          ports: [{ protocol: "TCP", port: 8089 }],
        },
      ]);
      const internal = await render(() => new WebService("api", httpServiceArgs()));
      assert.equal(internal.ofType(NETPOL).length, 1, "an internal app needs no solver policy");
      assert.equal(
        r.props(INGRESS, "api-ing").metadata.annotations["platform.acme-bank.example/acme-solver"],
        "http01",
      );
      const dns = await render(
        () => new WebService("api", httpServiceArgs({ ingress: { ...publicIngress, acmeSolver: "dns01" } })),
      );
      assert.equal(dns.ofType(NETPOL).length, 1, "a DNS-01 certificate needs no solver pod, so no solver policy");
      assert.equal(
        dns.props(INGRESS, "api-ing").metadata.annotations["platform.acme-bank.example/acme-solver"],
        "dns01",
      );
    });

    it("takes the ingress class, controller and HSTS age from args", async () => {
      const r = await render(
        () =>
          new WebService(
            "api",
            httpServiceArgs({
              ingress: {
                ...publicIngress,
                className: "internal",
                controllerNamespace: "edge",
                controllerPodLabels: { app: "edge" },
                hstsMaxAgeSeconds: 600,
              },
            }),
          ),
      );
      assert.equal(r.props(INGRESS, "api-ing").spec.ingressClassName, "internal");
      assert.equal(
        r.props(CONFIGMAP, "api-security-headers").data["Strict-Transport-Security"],
        "max-age=600; includeSubDomains",
      );
      const from = r.props(NETPOL, "api-netpol").spec.ingress[0].from[0];
      assert.deepEqual(from.namespaceSelector.matchLabels, { "kubernetes.io/metadata.name": "edge" });
      assert.deepEqual(from.podSelector.matchLabels, { app: "edge" });
    });
  });

  describe("overrides", () => {
    it("leaves replicas unset when an HPA owns them and scales on CPU and memory", async () => {
      const r = await render(
        () => new WebService("api", httpServiceArgs({ autoscaling: { minReplicas: 3, maxReplicas: 9 } })),
      );
      assert.equal("replicas" in r.props(DEPLOYMENT, "api-deploy").spec, false);
      const hpa = r.props(HPA, "api-hpa").spec;
      assert.deepEqual(hpa.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: "api" });
      assert.equal(hpa.minReplicas, 3);
      assert.equal(hpa.maxReplicas, 9);
      assert.deepEqual(
        hpa.metrics.map((m: any) => [m.resource.name, m.resource.target.averageUtilization]),
        [
          ["cpu", 70],
          ["memory", 80],
        ],
      );
    });

    it("takes custom autoscaling targets", async () => {
      const r = await render(
        () =>
          new WebService(
            "api",
            httpServiceArgs({
              autoscaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 55, memoryUtilization: 65 },
            }),
          ),
      );
      assert.deepEqual(
        r.props(HPA, "api-hpa").spec.metrics.map((m: any) => m.resource.target.averageUtilization),
        [55, 65],
      );
    });

    it("takes a fixed replica count", async () => {
      const r = await render(() => new WebService("api", httpServiceArgs({ replicas: 4 })));
      assert.equal(r.props(DEPLOYMENT, "api-deploy").spec.replicas, 4);
    });

    it("takes a minAvailable disruption budget below the replica count", async () => {
      const r = await render(
        () => new WebService("api", httpServiceArgs({ replicas: 3, disruptionBudget: { minAvailable: 2 } })),
      );
      const pdb = r.props(PDB, "api-pdb").spec;
      assert.equal(pdb.minAvailable, 2);
      assert.equal(pdb.maxUnavailable, undefined);
    });

    it("runs as the UID and GID given", async () => {
      const r = await render(() => new WebService("web", httpServiceArgs({ runAsUser: 101, runAsGroup: 102 })));
      const pod = r.props(DEPLOYMENT, "web-deploy").spec.template.spec;
      assert.equal(pod.securityContext.runAsUser, 101);
      assert.equal(pod.securityContext.fsGroup, 102);
      assert.equal(pod.containers[0].securityContext.runAsGroup, 102);
    });

    it("serves metrics on a separate named port when asked", async () => {
      const r = await render(
        () => new WebService("api", httpServiceArgs({ metrics: { path: "/metrics", port: 9090 } })),
      );
      const [c] = r.props(DEPLOYMENT, "api-deploy").spec.template.spec.containers;
      assert.deepEqual(
        c.ports.map((p: any) => [p.name, p.containerPort]),
        [
          ["http", 8080],
          ["metrics", 9090],
        ],
      );
      assert.deepEqual(
        r.props(SERVICE, "api-svc").spec.ports.map((p: any) => p.name),
        ["http", "metrics"],
      );
    });

    it("deep-merges a deployment override over the defaults, container by name", async () => {
      const r = await render(
        () =>
          new WebService(
            "api",
            httpServiceArgs({
              overrides: {
                deployment: {
                  spec: {
                    minReadySeconds: 10,
                    template: { spec: { containers: [{ name: "api", securityContext: { runAsUser: 20000 } }] } },
                  },
                },
              },
            }),
          ),
      );
      const spec = r.props(DEPLOYMENT, "api-deploy").spec;
      assert.equal(spec.minReadySeconds, 10);
      const [c] = spec.template.spec.containers;
      assert.equal(c.securityContext.runAsUser, 20000);
      assert.equal(c.securityContext.readOnlyRootFilesystem, true, "untouched defaults stay");
      assert.equal(c.image, "registry.example/team/api:1.2.3");
    });

    it("removes a default with null (topology spread here)", async () => {
      const r = await render(
        () =>
          new WebService(
            "api",
            httpServiceArgs({
              overrides: { deployment: { spec: { template: { spec: { topologySpreadConstraints: null } } } } },
            }),
          ),
      );
      assert.equal("topologySpreadConstraints" in r.props(DEPLOYMENT, "api-deploy").spec.template.spec, false);
    });

    it("merges overrides into the Service, Ingress, PDB and NetworkPolicy", async () => {
      const r = await render(
        () =>
          new WebService(
            "api",
            httpServiceArgs({
              ingress: publicIngress,
              overrides: {
                service: { metadata: { annotations: { team: "payments" } } },
                ingress: { metadata: { annotations: { "nginx.ingress.kubernetes.io/proxy-body-size": "8m" } } },
                disruptionBudget: { spec: { unhealthyPodEvictionPolicy: "IfHealthyBudget" } },
                networkPolicy: { spec: { policyTypes: ["Ingress"] } },
              },
              serviceAccount: {
                args: { metadata: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::1:role/x" } } },
              },
            }),
          ),
      );
      assert.equal(r.props(SERVICE, "api-svc").metadata.annotations.team, "payments");
      const ann = r.props(INGRESS, "api-ing").metadata.annotations;
      assert.equal(ann["nginx.ingress.kubernetes.io/proxy-body-size"], "8m");
      assert.equal(ann["cert-manager.io/cluster-issuer"], "letsencrypt-prod");
      assert.equal(r.props(PDB, "api-pdb").spec.unhealthyPodEvictionPolicy, "IfHealthyBudget");
      assert.deepEqual(r.props(NETPOL, "api-netpol").spec.policyTypes, ["Ingress"]);
      assert.equal(r.props(SA, "api-sa").metadata.annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::1:role/x");
    });

    it("lets callers in and the app out to its dependencies only", async () => {
      const r = await render(
        () =>
          new WebService(
            "web",
            httpServiceArgs({
              allowFrom: [{ podLabels: { app: "edge" } }],
              allowTo: [{ podLabels: { app: "api" }, port: 9000 }],
            }),
          ),
      );
      const spec = r.props(NETPOL, "web-netpol").spec;
      assert.deepEqual(spec.ingress, [
        { from: [{ podSelector: { matchLabels: { app: "edge" } } }], ports: [{ protocol: "TCP", port: 8080 }] },
      ]);
      assert.deepEqual(spec.egress, [
        { to: [{ podSelector: { matchLabels: { app: "api" } } }], ports: [{ protocol: "TCP", port: 9000 }] },
      ]);
    });
  });

  it("passes no args into component state, so secrets in args never land there", async () => {
    const r = await render(() => new WebService("api", httpServiceArgs({ env: { TOKEN_FILE: "/var/run/token" } })));
    assert.deepEqual(r.get("platform:app:WebService", "api").inputs, {});
  });

  it("applies a dependsOn given to the component to every child", async () => {
    const r = await render(() => {
      const first = new WebService("first", httpServiceArgs({ objectName: "first" }));
      new WebService("second", httpServiceArgs({ objectName: "second" }), { dependsOn: [first] });
    });
    const firstDeployment = r.get(DEPLOYMENT, "first-deploy").urn;
    for (const child of r.resources.filter((res) => res.parent === r.get("platform:app:WebService", "second").urn)) {
      assert.ok(child.dependencies.includes(firstDeployment), `${child.name} waits for the first service`);
    }
  });
});
