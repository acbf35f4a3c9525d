import { strict as assert } from "node:assert";
import { deepMerge } from "../components/internal";

describe("deepMerge (overrides over secure defaults)", () => {
  it("merges nested objects key by key without touching the inputs", () => {
    const base = { a: { b: 1, c: 2 }, d: 3 };
    const merged = deepMerge(base, { a: { c: 20 } });
    assert.deepEqual(merged, { a: { b: 1, c: 20 }, d: 3 });
    assert.deepEqual(base, { a: { b: 1, c: 2 }, d: 3 });
  });

  it("merges lists of named items by name and appends new names", () => {
    const base = { containers: [{ name: "app", image: "a:1", securityContext: { runAsNonRoot: true } }] };
    const merged = deepMerge(base, {
      containers: [
        { name: "app", image: "a:2" },
        { name: "sidecar", image: "s:1" },
      ],
    } as never);
    assert.deepEqual(merged, {
      containers: [
        { name: "app", image: "a:2", securityContext: { runAsNonRoot: true } },
        { name: "sidecar", image: "s:1" },
      ],
    });
  });

  it("replaces unnamed lists and scalars", () => {
    assert.deepEqual(deepMerge({ args: ["a", "b"], n: 1 }, { args: ["c"], n: 2 }), { args: ["c"], n: 2 });
  });

  it("leaves a default alone for undefined and removes it for null", () => {
    assert.deepEqual(deepMerge({ a: 1, b: 2 }, { a: undefined, b: null }), { a: 1 });
  });

  it("returns the base when there is no override", () => {
    const base = { a: 1 };
    assert.equal(deepMerge(base, undefined), base);
  });
});
