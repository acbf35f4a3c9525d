import { strict as assert } from "node:assert";
import * as path from "node:path";
import { UNKNOWN_VALUE } from "../../automation/core/resourceModel";
import { podsOf } from "../../policy/lib/workloads";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";
import { runPolicy } from "./harness";
import { compliantPodSpec } from "./workloads";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "podFinder.json");

/** Stack policies about coverage in a namespace: the fixture has no namespace of its own, so they are left out. */
const COVERAGE = new Set(["network-policy-coverage", "namespace-quota-and-limits", "pdb-coverage"]);

/** What each resource of the fixture breaks among the pack's policies, coverage aside. */
const VIOLATES: Record<string, string[]> = {
  "rollout-privileged": ["pss-privileged"],
  "rollout-compliant": [],
  "knative-host-path": ["pss-host-path-volumes", "pss-restricted-volumes"],
  "scaledjob-privileged": ["pss-privileged"],
  "lookalike-job-privileged": ["pss-privileged"],
  "operator-server-privileged": ["pss-privileged"],
  "operator-server-host-path": ["pss-host-path-volumes", "pss-restricted-volumes"],
  "operator-server-compliant": [],
  "deep-workers-privileged": ["pss-privileged"],
  "prometheus-defaults": [],
  "prometheus-host-path": ["pss-host-path-volumes", "pss-restricted-volumes"],
  "service-monitor": [],
  certificate: [],
  "job-pod-failure-policy": [],
  "flux-helmrelease": [],
  "flux-kustomization": [],
  "argocd-application": [],
  "mutating-webhook": [],
  "kyverno-mutate": [],
  "kyverno-validate": [],
};

/** What deploys or rewrites content the checker cannot see. */
const NOT_INSPECTED = [
  "flux-helmrelease",
  "flux-kustomization",
  "argocd-application",
  "mutating-webhook",
  "kyverno-mutate",
];

describe("the pod finder: pods inside any kind", () => {
  describe("custom kinds are judged by the pods they carry, and GitOps and mutators fail closed", () => {
    itInEachInputForm(FIXTURE, (report) => {
      // Deploy readiness needs whole namespaces; the fixture holds single objects.
      const judged = new Set(
        Object.keys(report.enforcement.levels).filter((p) => !COVERAGE.has(p) && !p.startsWith("readiness-")),
      );
      assertBrokenPolicies(report, (name) => VIOLATES[name], judged);
      assert.deepEqual(report.notInspected.map((n: any) => n.name).sort(), [...NOT_INSPECTED].sort());
      assert.deepEqual(report.unknowns, []);
    });
  });

  it("reads a kind named like a built-in one at its own path, and a built-in kind only at the built-in path", () => {
    const spec = compliantPodSpec();
    const lookalike = podsOf("kubernetes:batch.example.com/v1:Job", { spec: { runner: { podSpec: spec } } });
    assert.deepEqual(
      lookalike.map((p) => p.specPath),
      ["spec.runner.podSpec"],
    );
    assert.deepEqual(podsOf("kubernetes:batch/v1:Job", { spec: { runner: { podSpec: spec } } }), []);
    assert.deepEqual(
      podsOf("kubernetes:batch/v1:Job", { spec: { template: { spec } } }).map((p) => [p.specPath, p.longRunning]),
      [["spec.template.spec", false]],
    );
    assert.deepEqual(
      podsOf("kubernetes:argoproj.io/v1alpha1:Rollout", { spec: { template: { spec } } }).map((p) => p.longRunning),
      [true],
    );
  });

  it("reports a hostPath PersistentVolume, which a pod reaches through a claim past Pod Security admission", async () => {
    const pv = (spec: object) => ({
      type: "kubernetes:core/v1:PersistentVolume",
      props: { metadata: { name: "pv" }, spec },
    });
    assert.deepEqual(
      (
        await runPolicy("pss-host-path-volumes", pv({ capacity: { storage: "1Gi" }, hostPath: { path: "/" } }))
      ).violations.map((v) => v.message),
      [
        'spec.hostPath ("/") makes this PersistentVolume a node directory any PersistentVolumeClaim can mount past Pod Security admission.',
      ],
    );
    const csi = pv({ capacity: { storage: "1Gi" }, csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-1" } });
    assert.deepEqual((await runPolicy("pss-host-path-volumes", csi)).violations, []);
  });

  it("judges a custom kind whose value unknown in a preview sits outside its pods, and reports none as not judged", async () => {
    const result = await runPolicy("pss-privileged", {
      type: "kubernetes:ci.example.com/v1:RunnerPool",
      props: {
        metadata: { name: "ci", namespace: UNKNOWN_VALUE },
        spec: {
          owner: UNKNOWN_VALUE,
          template: { spec: { containers: [{ name: "a", image: "r/a:1", securityContext: { privileged: true } }] } },
        },
      },
    });
    assert.deepEqual(
      [result.violations.map((v) => v.message), result.unknowns],
      [['container "a" (spec.template.spec.containers[0]) sets securityContext.privileged: true.'], []],
    );
  });
});
