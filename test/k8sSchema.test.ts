import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import { BUNDLED_CRD_DIR, bundledCrdSchemas, CrdSchemas } from "../automation/check/crdSchemas";
import { parseKubernetesType, SchemaError, validateKubernetesResources } from "../automation/check/k8sSchema";
import {
  CapturedResource,
  defaultOptions,
  SECRET_SIG,
  SECRET_SIG_KEY,
  UNKNOWN_VALUE,
} from "../automation/core/resourceModel";
import { UsageError } from "../automation/core/errors";

/** The schema error of one resource, or undefined when it is valid. */
async function validateKubernetesResource(
  r: CapturedResource,
  crds: CrdSchemas = bundledCrdSchemas(),
): Promise<SchemaError | undefined> {
  return (await validateKubernetesResources([r], crds)).schemaErrors[0];
}

function resource(type: string, inputs: Record<string, unknown>): CapturedResource {
  return {
    urn: `urn:pulumi:s::p::${type}::x`,
    type,
    name: "x",
    custom: true,
    parent: null,
    dependencies: [],
    propertyDependencies: {},
    options: defaultOptions(),
    inputs,
  };
}

const service = (spec: Record<string, unknown>) =>
  resource("kubernetes:core/v1:Service", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "api" },
    spec,
  });

describe("Kubernetes schema validation", () => {
  it("maps type tokens to API groups, versions and kinds", () => {
    assert.deepEqual(parseKubernetesType("kubernetes:apps/v1:Deployment"), {
      group: "apps",
      version: "v1",
      kind: "Deployment",
    });
    assert.deepEqual(parseKubernetesType("kubernetes:core/v1:Service"), { group: "", version: "v1", kind: "Service" });
    assert.deepEqual(parseKubernetesType("kubernetes:networking.k8s.io/v1:Ingress"), {
      group: "networking.k8s.io",
      version: "v1",
      kind: "Ingress",
    });
    for (const notAnObject of [
      "kubernetes:helm.sh/v3:Release",
      "kubernetes:yaml/v2:ConfigGroup",
      "pulumi:providers:kubernetes",
      "kubernetes:apps/v1:DeploymentPatch",
      "aws:s3/bucket:Bucket",
    ]) {
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
    const err = await validateKubernetesResource(
      resource("kubernetes:core/v1:LimitRange", {
        apiVersion: "v1",
        kind: "LimitRange",
        spec: { limits: [{ type: "Container", max: { memory: "2 GB" } }] },
      }),
    );
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

  it("lists a kind it has no schema for as not validated, not as an error", async () => {
    const found = await validateKubernetesResources(
      [resource("kubernetes:example.com/v1:Widget", { apiVersion: "example.com/v1", kind: "Widget" })],
      bundledCrdSchemas(),
    );
    assert.deepEqual(found.schemaErrors, []);
    assert.equal(found.notValidated.length, 1);
    assert.match(
      found.notValidated[0].reason,
      /^no schema is known for example\.com\/v1 Widget; list its CustomResourceDefinition file in the stack's guardrails:crds/,
    );
  });

  it("refuses a kind the core, apps or batch group-version does not serve, where a newer group's unknown kind is only not validated", async () => {
    const found = await validateKubernetesResources(
      [
        resource("kubernetes:core/v1:Deployment", { apiVersion: "v1", kind: "Deployment" }),
        resource("kubernetes:apps/v1:CronJob", { apiVersion: "apps/v1", kind: "CronJob" }),
        resource("kubernetes:resource.k8s.io/v1:DeviceTaintRule", {
          apiVersion: "resource.k8s.io/v1",
          kind: "DeviceTaintRule",
        }),
      ],
      bundledCrdSchemas(),
    );
    assert.deepEqual(
      found.schemaErrors.map((e) => e.message),
      [
        "core/v1 serves no kind Deployment: the API server refuses it (a kind of another group, or a custom kind, needs its own API group)",
        "apps/v1 serves no kind CronJob: the API server refuses it (a kind of another group, or a custom kind, needs its own API group)",
      ],
    );
    assert.deepEqual(
      found.notValidated.map((n) => n.type),
      ["kubernetes:resource.k8s.io/v1:DeviceTaintRule"],
    );
  });

  describe("custom resources", () => {
    const vpa = (spec: Record<string, unknown>) =>
      resource("kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler", {
        apiVersion: "autoscaling.k8s.io/v1",
        kind: "VerticalPodAutoscaler",
        metadata: { name: "api" },
        spec,
      });
    const targetRef = { apiVersion: "apps/v1", kind: "Deployment", name: "api" };

    it("validates a VerticalPodAutoscaler against the schema the checker bundles", async () => {
      const ok = {
        targetRef,
        updatePolicy: { updateMode: "Off" },
        resourcePolicy: {
          containerPolicies: [
            { containerName: "api", minAllowed: { cpu: "100m", memory: "128Mi" }, maxAllowed: { cpu: 2 } },
          ],
        },
      };
      assert.equal(await validateKubernetesResource(vpa(ok)), undefined);
      const bad = await validateKubernetesResource(
        vpa({
          targetRef,
          updatePolicy: { updateMode: "Sometimes" },
          resourcePolicy: { containerPolicies: [{ controlledResources: ["gpu"] }] },
        }),
      );
      assert.match(bad!.message, /\/spec\/updatePolicy\/updateMode: must be equal to one of the allowed values/);
      assert.match(
        bad!.message,
        /\/spec\/resourcePolicy\/containerPolicies\/0\/controlledResources\/0: must be equal to one of the allowed values/,
      );
      const unknownField = await validateKubernetesResource(vpa({ targetRef, updatePolcy: {} }));
      assert.match(
        unknownField!.message,
        /^\/spec: must NOT have additional properties \(updatePolcy\)$/,
        "a typo is not pruned silently",
      );
      const missing = await validateKubernetesResource(vpa({ updatePolicy: { updateMode: "Off" } }));
      assert.match(missing!.message, /must have required property 'targetRef'/);
    });

    it("compiles a bundled CRD's schema when a resource of its kind is first validated, once per process", async () => {
      const compile = Ajv.prototype.compile;
      let compiled = 0;
      Ajv.prototype.compile = function (this: Ajv, ...args: Parameters<Ajv["compile"]>) {
        compiled++;
        return compile.apply(this, args);
      } as Ajv["compile"];
      try {
        const deployment = resource("kubernetes:apps/v1:Deployment", {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "api" },
          spec: { selector: {}, template: {} },
        });
        await validateKubernetesResources([deployment], bundledCrdSchemas());
        const before = compiled;
        await validateKubernetesResources([vpa({ targetRef })], bundledCrdSchemas());
        await validateKubernetesResources([vpa({ targetRef })], bundledCrdSchemas());
        assert.ok(compiled - before <= 1, `the VPA schema compiled ${compiled - before} times`);
      } finally {
        Ajv.prototype.compile = compile;
      }
      // And every bundled CRD compiles: a broken one fails here rather than on a team's VPA.
      for (const file of fs.readdirSync(BUNDLED_CRD_DIR))
        assert.doesNotThrow(() => new CrdSchemas().addFile(path.join(BUNDLED_CRD_DIR, file)), file);
    });

    it("refuses a supplied CRD whose schema does not compile when it is added, naming the file", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crds-"));
      const file = path.join(dir, "broken.yaml");
      fs.writeFileSync(
        file,
        JSON.stringify({
          apiVersion: "apiextensions.k8s.io/v1",
          kind: "CustomResourceDefinition",
          spec: {
            group: "example.com",
            names: { kind: "Broken" },
            versions: [{ name: "v1", schema: { openAPIV3Schema: { type: "object", minProperties: "two" } } }],
          },
        }),
      );
      try {
        assert.throws(
          () => bundledCrdSchemas().addFile(file, "crds/broken.yaml"),
          (e: unknown) =>
            e instanceof UsageError &&
            /^crds\/broken\.yaml \(document 1\): the schema of example\.com\/v1 Broken does not compile/.test(
              e.message,
            ),
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("validates cert-manager and External Secrets objects with their kubernetes-models packages", async () => {
      const cert = resource("kubernetes:cert-manager.io/v1:Certificate", {
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        metadata: { name: "db" },
        spec: { issuerRef: { name: "ca" } },
      });
      assert.match(
        (await validateKubernetesResource(cert))!.message,
        /\/spec: must have required property '?secretName'?/,
      );
      const external = resource("kubernetes:external-secrets.io/v1:ExternalSecret", {
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        metadata: { name: "api" },
        spec: {
          secretStoreRef: { kind: "ClusterSecretStore", name: "aws" },
          target: { name: "api", creationPolicy: "Sometimes" },
          data: [{ secretKey: "K", remoteRef: { key: "k" } }],
        },
      });
      assert.match(
        (await validateKubernetesResource(external))!.message,
        /\/spec\/target\/creationPolicy: must be equal to one of the allowed values/,
      );
    });

    it("validates against a CustomResourceDefinition file a project supplies, and one the stack itself creates", async () => {
      const crd = (plural: string, kind: string) => ({
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: `${plural}.example.com` },
        spec: {
          group: "example.com",
          names: { kind, plural },
          scope: "Namespaced",
          versions: [
            {
              name: "v1",
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: "object",
                  properties: {
                    apiVersion: { type: "string" },
                    kind: { type: "string" },
                    metadata: { type: "object" },
                    spec: {
                      type: "object",
                      required: ["size"],
                      properties: {
                        size: { type: "integer", minimum: 1 },
                        label: { type: "string", nullable: true },
                        quota: { "x-kubernetes-int-or-string": true },
                      },
                    },
                  },
                },
              },
            },
          ],
        },
      });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crds-"));
      const file = path.join(dir, "widgets.yaml");
      fs.writeFileSync(
        file,
        `${JSON.stringify({ apiVersion: "v1", kind: "ConfigMap" })}\n---\n${JSON.stringify(crd("widgets", "Widget"))}\n`,
      );
      try {
        const crds = bundledCrdSchemas();
        crds.addFile(file);
        const widget = (spec: Record<string, unknown>) =>
          resource("kubernetes:example.com/v1:Widget", {
            apiVersion: "example.com/v1",
            kind: "Widget",
            metadata: { name: "w" },
            spec,
          });
        assert.equal(await validateKubernetesResource(widget({ size: 2, label: null, quota: "5Gi" }), crds), undefined);
        assert.match(
          (await validateKubernetesResource(widget({ size: 0 }), crds))!.message,
          /\/spec\/size: must be >= 1/,
        );
        const inStack = resource(
          "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition",
          crd("gadgets", "Gadget"),
        );
        const gadget = resource("kubernetes:example.com/v1:Gadget", {
          apiVersion: "example.com/v1",
          kind: "Gadget",
          metadata: { name: "g" },
          spec: {},
        });
        const found = await validateKubernetesResources([inStack, gadget], bundledCrdSchemas());
        assert.deepEqual(found.notValidated, []);
        assert.match(
          found.schemaErrors.find((e) => e.type.endsWith("Gadget"))!.message,
          /must have required property 'size'/,
        );
        fs.writeFileSync(file, "kind: ConfigMap\n");
        assert.throws(
          () => bundledCrdSchemas().addFile(file, "crds/widgets.yaml"),
          (e: unknown) =>
            e instanceof UsageError &&
            e.message === "crds/widgets.yaml: expected at least one CustomResourceDefinition",
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
