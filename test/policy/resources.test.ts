import { strict as assert } from "node:assert";
import { messages } from "./harness";
import { compliantPodSpec, deploymentWith, workload } from "./workloads";

const POLICY = "container-resources";

describe("policy pack: resource limits", () => {
  describe(POLICY, () => {
    it("passes a container with requests and limits", async () => {
      assert.deepEqual(await messages(POLICY, workload("Deployment")), []);
    });

    for (const [path, drop] of [
      ["requests.cpu", (r: any) => delete r.requests.cpu],
      ["requests.memory", (r: any) => delete r.requests.memory],
      ["limits.memory", (r: any) => delete r.limits.memory],
      ["limits.cpu", (r: any) => delete r.limits.cpu],
    ] as const) {
      it(`reports a missing ${path}`, async () => {
        const d = deploymentWith((s) => drop(s.containers[0].resources));
        assert.deepEqual(await messages(POLICY, d), [
          `container "app" (spec.template.spec.containers[0]) has no resources.${path}.`,
        ]);
      });
    }

    it("reports a container with no resources at all, naming every missing field", async () => {
      const d = deploymentWith((s) => {
        delete s.containers[0].resources;
      });
      assert.deepEqual(await messages(POLICY, d), [
        'container "app" (spec.template.spec.containers[0]) has no resources.requests.cpu, resources.requests.memory, resources.limits.memory, resources.limits.cpu.',
      ]);
    });

    it("reports limits below requests", async () => {
      const d = deploymentWith((s) => {
        s.containers[0].resources.limits.memory = "64Mi";
      });
      assert.deepEqual(await messages(POLICY, d), [
        'container "app" (spec.template.spec.containers[0]) limits.memory (64Mi) is below requests.memory (128Mi).',
      ]);
      const cpu = deploymentWith((s) => {
        s.containers[0].resources.limits.cpu = "0.05";
      });
      assert.deepEqual(await messages(POLICY, cpu), [
        'container "app" (spec.template.spec.containers[0]) limits.cpu (0.05) is below requests.cpu (100m).',
      ]);
    });

    it("checks init containers", async () => {
      const d = deploymentWith((s) => {
        s.initContainers = [{ name: "migrate", image: "x:1", resources: { requests: { cpu: "10m", memory: "16Mi" } } }];
      });
      assert.deepEqual(await messages(POLICY, d), [
        'init container "migrate" (spec.template.spec.initContainers[0]) has no resources.limits.memory, resources.limits.cpu.',
      ]);
    });

    it("does not require a CPU limit when the config says so", async () => {
      const d = deploymentWith((s) => {
        delete s.containers[0].resources.limits.cpu;
      });
      assert.deepEqual(await messages(POLICY, d, { config: { requireCpuLimit: false } }), []);
    });
  });

  describe("namespace-quota-and-limits (stack policy)", () => {
    const quota = {
      type: "kubernetes:core/v1:ResourceQuota",
      name: "quota",
      props: { metadata: { name: "q", namespace: "team" }, spec: { hard: { pods: "10" } } },
    };
    const limits = {
      type: "kubernetes:core/v1:LimitRange",
      name: "limits",
      props: { metadata: { name: "l", namespace: "team" }, spec: { limits: [] } },
    };

    it("passes when the workload's namespace has both", async () => {
      assert.deepEqual(await messages("namespace-quota-and-limits", [workload("Deployment"), quota, limits]), []);
    });

    it("reports a namespace without a LimitRange", async () => {
      assert.deepEqual(await messages("namespace-quota-and-limits", [workload("Deployment"), quota]), [
        'namespace "team" (used by subject) has no LimitRange in this stack.',
      ]);
    });

    it("reports a namespace without either, once for all its workloads", async () => {
      const found = await messages("namespace-quota-and-limits", [
        workload("Deployment", compliantPodSpec(), { labels: { app: "a" } }, "a"),
        workload("Job", compliantPodSpec(), { labels: { app: "b" } }, "b"),
      ]);
      assert.deepEqual(found, ['namespace "team" (used by a) has no ResourceQuota and no LimitRange in this stack.']);
    });

    it("does not count guardrails of another namespace", async () => {
      const elsewhere = (r: { type: string; name: string; props: any }) => ({
        ...r,
        props: { ...r.props, metadata: { ...r.props.metadata, namespace: "other" } },
      });
      assert.equal(
        (await messages("namespace-quota-and-limits", [workload("Deployment"), elsewhere(quota), elsewhere(limits)]))
          .length,
        1,
      );
    });

    it("exempts configured namespaces", async () => {
      const d = workload("Deployment");
      d.props.metadata = { ...(d.props.metadata as object), namespace: "kube-system" };
      assert.deepEqual(await messages("namespace-quota-and-limits", d), []);
    });
  });
});
