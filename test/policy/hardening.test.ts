import { strict as assert } from "node:assert";
import { SECRET_SIG, SECRET_SIG_KEY } from "../../automation/core/resourceModel";
import { messages, violations } from "./harness";
import { compliantPodSpec, deploymentWith, workload } from "./workloads";

const c0 = 'container "app" (spec.template.spec.containers[0])';

describe("policy pack: hardening", () => {
  describe("read-only-root-filesystem", () => {
    it("passes a read-only container and reports a writable one", async () => {
      assert.deepEqual(await messages("read-only-root-filesystem", workload("Deployment")), []);
      const d = deploymentWith((s) => {
        delete s.containers[0].securityContext.readOnlyRootFilesystem;
      });
      assert.deepEqual(await messages("read-only-root-filesystem", d), [
        `${c0} does not set readOnlyRootFilesystem: true.`,
      ]);
    });
  });

  describe("image-pinned", () => {
    it("passes a version tag and a digest", async () => {
      assert.deepEqual(await messages("image-pinned", workload("Deployment")), []);
      const digest = deploymentWith((s) => {
        s.containers[0].image = `registry.example/app@sha256:${"a".repeat(64)}`;
      });
      assert.deepEqual(await messages("image-pinned", digest), []);
    });

    it("passes tags naming one release: versions, dated builds, commits", async () => {
      for (const tag of ["v0.16.0", "16.4-alpine", "2026-12-01", "sha-3f2a9c1", "3f2a9c1d"]) {
        const d = deploymentWith((s) => {
          s.containers[0].image = `registry.example/team/app:${tag}`;
        });
        assert.deepEqual(await messages("image-pinned", d), [], tag);
      }
    });

    for (const image of [
      "registry.example/team/app",
      "registry.example/team/app:latest",
      "localhost:5000/app",
      "registry.example/team/app:main",
      "registry.example/team/app:develop",
      "registry.example/team/app:stable",
    ]) {
      it(`reports ${image}`, async () => {
        const d = deploymentWith((s) => {
          s.containers[0].image = image;
        });
        assert.deepEqual(await messages("image-pinned", d), [
          `${c0} image "${image}" is not pinned to a version tag or digest (a tag without one, or a word like latest or main, moves).`,
        ]);
      });
    }

    it("requires a digest when configured", async () => {
      assert.deepEqual(await messages("image-pinned", workload("Deployment"), { config: { requireDigest: true } }), [
        `${c0} image "registry.example/team/app:1.2.3" is not pinned to a digest.`,
      ]);
    });
  });

  describe("workload-probes", () => {
    it("passes a serving container with both probes", async () => {
      assert.deepEqual(await messages("workload-probes", workload("Deployment")), []);
    });

    it("reports a missing readiness probe and a missing liveness probe", async () => {
      const noReady = deploymentWith((s) => {
        delete s.containers[0].readinessProbe;
      });
      assert.deepEqual(await messages("workload-probes", noReady), [`${c0} serves ports but has no readinessProbe.`]);
      const noLive = deploymentWith((s) => {
        delete s.containers[0].livenessProbe;
      });
      assert.deepEqual(await messages("workload-probes", noLive), [`${c0} serves ports but has no livenessProbe.`]);
    });

    it("leaves Jobs and containers without ports alone", async () => {
      const spec = compliantPodSpec();
      delete spec.containers[0].readinessProbe;
      delete spec.containers[0].livenessProbe;
      assert.deepEqual(await messages("workload-probes", workload("Job", spec)), []);
      delete spec.containers[0].ports;
      assert.deepEqual(await messages("workload-probes", workload("Deployment", spec)), []);
    });
  });

  describe("no-plaintext-secrets-in-env", () => {
    const withEnv = (env: any[]) =>
      deploymentWith((s) => {
        s.containers[0].env = env;
      });

    it("passes plain settings and secretKeyRef credentials", async () => {
      const d = withEnv([
        { name: "LOG_LEVEL", value: "info" },
        { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
      ]);
      assert.deepEqual(await messages("no-plaintext-secrets-in-env", d), []);
    });

    for (const [name, value, why, rule] of [
      ["DB_PASSWORD", "hunter2", "a credential name", "literal value under a credential's name"],
      ["DATABASE_URL", "postgres://app:s3cr3t@db:5432/app", "a URL with a password", "URL with a password"],
      ["AWS_KEY_ID", "AKIAABCDEFGHIJKLMNOP", "an AWS access key", "AWS access key id"],
    ]) {
      it(`reports ${why} without echoing the value`, async () => {
        const [v] = await violations("no-plaintext-secrets-in-env", withEnv([{ name, value }]));
        assert.equal(v.message, `${c0} env[0] "${name}": ${rule} (value not shown).`);
        assert.ok(!JSON.stringify(v).includes(value));
      });
    }

    it("reports a credential passed as a Pulumi secret literal, and never shows it", async () => {
      const d = withEnv([{ name: "API_TOKEN", value: { [SECRET_SIG_KEY]: SECRET_SIG, value: "tok-123456" } }]);
      const found = await violations("no-plaintext-secrets-in-env", d);
      assert.equal(found.length, 1);
      assert.ok(!JSON.stringify(found).includes("tok-123456"));
    });

    it("skips names the config allows", async () => {
      const d = withEnv([{ name: "TOKEN_BUCKET_CAPACITY", value: "100" }]);
      assert.equal(
        (await messages("no-plaintext-secrets-in-env", d)).length,
        1,
        "a rate limiter's token bucket reads like a credential",
      );
      assert.deepEqual(
        await messages("no-plaintext-secrets-in-env", d, { config: { allowedNames: ["TOKEN_BUCKET_CAPACITY"] } }),
        [],
      );
    });
  });

  describe("pdb-coverage (stack policy)", () => {
    const pdb = (selector: any, namespace = "team") => ({
      type: "kubernetes:policy/v1:PodDisruptionBudget",
      name: "pdb",
      props: { metadata: { name: "pdb", namespace }, spec: { maxUnavailable: 1, selector } },
    });

    it("passes a Deployment whose pods a PDB selects", async () => {
      assert.deepEqual(
        await messages("pdb-coverage", [workload("Deployment"), pdb({ matchLabels: { app: "app" } })]),
        [],
      );
      const byExpression = pdb({ matchExpressions: [{ key: "app", operator: "In", values: ["app", "other"] }] });
      assert.deepEqual(await messages("pdb-coverage", [workload("Deployment"), byExpression]), []);
    });

    it("reports a Deployment without one, or with one selecting other pods or namespaces", async () => {
      const expected = ['subject has no PodDisruptionBudget selecting its pods in namespace "team".'];
      assert.deepEqual(await messages("pdb-coverage", [workload("Deployment")]), expected);
      assert.deepEqual(
        await messages("pdb-coverage", [workload("StatefulSet"), pdb({ matchLabels: { app: "other" } })]),
        expected,
      );
      assert.deepEqual(
        await messages("pdb-coverage", [workload("Deployment"), pdb({ matchLabels: { app: "app" } }, "other")]),
        expected,
      );
    });

    it("does not ask Jobs or DaemonSets for one", async () => {
      assert.deepEqual(await messages("pdb-coverage", [workload("Job"), workload("DaemonSet")]), []);
    });
  });

  describe("network-policy-coverage (stack policy)", () => {
    const netpol = (podSelector: any, policyTypes?: string[], extra: any = {}) => ({
      type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      name: `np-${(policyTypes ?? ["none"]).join("-")}`,
      props: {
        metadata: { name: "np", namespace: "team" },
        spec: { podSelector, ...(policyTypes ? { policyTypes } : {}), ...extra },
      },
    });

    it("passes a workload under a default-deny for both directions", async () => {
      assert.deepEqual(
        await messages("network-policy-coverage", [workload("Deployment"), netpol({}, ["Ingress", "Egress"])]),
        [],
      );
    });

    it("reports missing egress coverage", async () => {
      assert.deepEqual(
        await messages("network-policy-coverage", [
          workload("Deployment"),
          netpol({ matchLabels: { app: "app" } }, ["Ingress"]),
        ]),
        ["subject's pods are not selected by any NetworkPolicy for Egress."],
      );
    });

    it("treats a policy without policyTypes as ingress-only unless it has egress rules", async () => {
      assert.equal((await messages("network-policy-coverage", [workload("Deployment"), netpol({})])).length, 1);
      assert.deepEqual(
        await messages("network-policy-coverage", [workload("Deployment"), netpol({}, undefined, { egress: [] })]),
        [],
      );
    });

    it("reports a workload no policy selects", async () => {
      assert.deepEqual(
        await messages("network-policy-coverage", [
          workload("Deployment"),
          netpol({ matchLabels: { app: "other" } }, ["Ingress", "Egress"]),
        ]),
        ["subject's pods are not selected by any NetworkPolicy for Ingress or Egress."],
      );
    });

    const allowAll = (direction: "ingress" | "egress", rule: any) => ({
      ...netpol({ matchLabels: { app: "app" } }, [direction === "ingress" ? "Ingress" : "Egress"], {
        [direction]: [rule],
      }),
      name: `allow-${direction}`,
    });

    it("reports an allow-all policy beside a default deny: NetworkPolicies add up, so it opens the pods to everything", async () => {
      assert.deepEqual(
        await messages("network-policy-coverage", [
          workload("Deployment"),
          netpol({}, ["Ingress", "Egress"]),
          allowAll("ingress", {}),
          allowAll("egress", { to: [] }),
        ]),
        [
          `subject's pods are open to all Ingress traffic: NetworkPolicy "np" admits every peer on every port, which undoes any deny.`,
          `subject's pods are open to all Egress traffic: NetworkPolicy "np" admits every peer on every port, which undoes any deny.`,
        ],
      );
    });

    it("passes narrow allows: DNS-only egress, ingress from the ingress controller's namespace, any peer on one port", async () => {
      assert.deepEqual(
        await messages("network-policy-coverage", [
          workload("Deployment"),
          netpol({}, ["Ingress", "Egress"]),
          allowAll("egress", {
            to: [{ namespaceSelector: {} }],
            ports: [
              { port: 53, protocol: "UDP" },
              { port: 53, protocol: "TCP" },
            ],
          }),
          allowAll("ingress", {
            from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }],
          }),
          { ...allowAll("ingress", { ports: [{ port: 8080 }] }), name: "port-only" },
        ]),
        [],
      );
    });
  });
});
