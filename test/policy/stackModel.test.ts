import { strict as assert } from "node:assert";
import type { PolicyResource } from "@pulumi/policy";
import { stackModel } from "../../policy/lib/readiness/stackModel";
import { selects } from "../../policy/lib/selectors";

/** A small seeded generator, so a failure names the stack it failed on. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMESPACES = ["team-a", "team-b", "ops"];
const LABELS: Record<string, string[]> = { app: ["api", "web", "worker"], tier: ["front", "back"], team: ["a", "b"] };

function stack(seed: number): PolicyResource[] {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const labels = () =>
    Object.fromEntries(Object.entries(LABELS).flatMap(([k, values]) => (next() < 0.6 ? [[k, pick(values)]] : [])));
  const selector = (): any => {
    const r = next();
    if (r < 0.1) return undefined;
    if (r < 0.2) return {};
    const expressions =
      next() < 0.3
        ? [
            {
              key: pick(Object.keys(LABELS)),
              operator: pick(["Exists", "DoesNotExist", "In", "NotIn"]),
              values: [pick(LABELS.app)],
            },
          ]
        : undefined;
    return { matchLabels: labels(), ...(expressions ? { matchExpressions: expressions } : {}) };
  };
  const resource = (type: string, name: string, props: any): PolicyResource =>
    ({ type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props }) as unknown as PolicyResource;
  const out: PolicyResource[] = [];
  for (let i = 0; i < 60; i++) {
    const metadata = { name: `x${i}`, namespace: pick(NAMESPACES), labels: labels() };
    const r = next();
    if (r < 0.35)
      out.push(
        resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", `np${i}`, {
          metadata,
          spec: { podSelector: selector(), policyTypes: ["Ingress"] },
        }),
      );
    else if (r < 0.65)
      out.push(resource("kubernetes:core/v1:Service", `svc${i}`, { metadata, spec: { ports: [{ port: 80 }] } }));
    else
      out.push(
        resource("kubernetes:apps/v1:Deployment", `d${i}`, {
          metadata,
          spec: {
            selector: { matchLabels: {} },
            template: { metadata: { labels: labels() }, spec: { containers: [{ name: "c", image: "i:1" }] } },
          },
        }),
      );
  }
  return out;
}

describe("the readiness stack model's selector lookups", () => {
  // Each lookup is an index; these compare it with the scan it replaces, result and order alike.
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`finds what a scan of every object finds, in stack order (stack ${seed})`, () => {
      const model = stackModel(stack(seed));
      const next = random(seed * 31);
      const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
      for (let n = 0; n < 40; n++) {
        const namespace = pick(NAMESPACES);
        const labels = Object.fromEntries(
          Object.entries(LABELS)
            .filter(() => next() < 0.6)
            .map(([k, v]) => [k, pick(v)]),
        );
        assert.deepEqual(
          model.selecting("NetworkPolicy", namespace, labels, "networking.k8s.io").map((o) => o.name),
          model
            .inNamespace("NetworkPolicy", namespace, "networking.k8s.io")
            .filter((np) => selects(np.props.spec?.podSelector ?? {}, labels))
            .map((o) => o.name),
          `NetworkPolicies selecting ${JSON.stringify(labels)} in ${namespace}`,
        );
        const selector = next() < 0.2 ? {} : { matchLabels: labels };
        const scope = next() < 0.3 ? () => true : (ns: string) => ns === namespace;
        assert.deepEqual(
          model.labelledObjects("Service", "core", selector, scope).map((o) => o.name),
          model
            .ofKind("Service", "core")
            .filter((s) => scope(s.namespace) && selects(selector, s.props.metadata?.labels ?? {}))
            .map((o) => o.name),
          `Services ${JSON.stringify(selector)} selects`,
        );
        assert.deepEqual(
          model.selectedIn(selector, scope).map((w) => w.name),
          model.workloads.filter((w) => scope(w.namespace) && selects(selector, w.labels)).map((w) => w.name),
          `workloads ${JSON.stringify(selector)} selects`,
        );
      }
    });
  }
});
