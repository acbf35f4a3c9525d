import { strict as assert } from "node:assert";
import { parseKubernetesType, validateKubernetesResource } from "../automation/check/k8sSchema";
import { CapturedResource, defaultOptions, SECRET_SIG, SECRET_SIG_KEY, UNKNOWN_VALUE } from "../automation/core/resourceModel";

function resource(type: string, inputs: Record<string, unknown>): CapturedResource {
  return {
    urn: `urn:pulumi:s::p::${type}::x`, type, name: "x", custom: true, parent: null, dependencies: [], propertyDependencies: {},
    options: defaultOptions(),
    inputs,
  };
}

const service = (spec: Record<string, unknown>) => resource("kubernetes:core/v1:Service", {
  apiVersion: "v1", kind: "Service", metadata: { name: "api" }, spec,
});

describe("Kubernetes schema validation", () => {
  it("maps type tokens to API groups, versions and kinds", () => {
    assert.deepEqual(parseKubernetesType("kubernetes:apps/v1:Deployment"), { group: "apps", version: "v1", kind: "Deployment" });
    assert.deepEqual(parseKubernetesType("kubernetes:core/v1:Service"), { group: "", version: "v1", kind: "Service" });
    assert.deepEqual(parseKubernetesType("kubernetes:networking.k8s.io/v1:Ingress"), { group: "networking.k8s.io", version: "v1", kind: "Ingress" });
    for (const notAnObject of ["kubernetes:helm.sh/v3:Release", "kubernetes:yaml/v2:ConfigGroup", "pulumi:providers:kubernetes", "kubernetes:apps/v1:DeploymentPatch", "aws:s3/bucket:Bucket"]) {
      assert.equal(parseKubernetesType(notAnObject), undefined, notAnObject);
    }
  });

  it("accepts a valid object", async () => {
    assert.equal(await validateKubernetesResource(service({ ports: [{ port: 80 }] })), undefined);
  });

  it("reports a wrong type with its JSON path", async () => {
    const err = await validateKubernetesResource(service({ ports: [{ port: "eighty" }] }));
    assert.match(err!.message, /^\/spec\/ports\/0\/port: must be integer$/);
  });

  it("reports a malformed quantity", async () => {
    const err = await validateKubernetesResource(resource("kubernetes:core/v1:LimitRange", {
      apiVersion: "v1", kind: "LimitRange", spec: { limits: [{ type: "Container", max: { memory: "2 GB" } }] },
    }));
    assert.match(err!.message, /\/spec\/limits\/0\/max\/memory: .*format "quantity"/);
  });

  it("checks the value inside a secret", async () => {
    const secretPort = { [SECRET_SIG_KEY]: SECRET_SIG, value: "eighty" };
    const err = await validateKubernetesResource(service({ ports: [{ port: secretPort }] }));
    assert.match(err!.message, /\/spec\/ports\/0\/port: must be integer/);
  });

  it("skips values not known until apply, as a preview must", async () => {
    assert.equal(await validateKubernetesResource(service({ ports: [{ port: UNKNOWN_VALUE }] })), undefined);
  });

  it("still reports known fields next to an unknown one", async () => {
    const err = await validateKubernetesResource(service({ ports: [{ port: UNKNOWN_VALUE }, { port: "eighty" }] }));
    assert.match(err!.message, /^\/spec\/ports\/1\/port: must be integer$/);
  });

  it("reports a kind it has no schema for instead of passing it", async () => {
    const err = await validateKubernetesResource(resource("kubernetes:example.com/v1:Widget", { apiVersion: "example.com/v1", kind: "Widget" }));
    assert.match(err!.message, /no schema is known for kubernetes:example\.com\/v1:Widget/);
  });
});
