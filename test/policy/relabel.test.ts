import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { relabel } from "../../policy/lib/readiness/relabel";

describe("relabelling as Prometheus does it", () => {
  it("hashmod: the MD5 of the joined values, its last 8 bytes big-endian, modulo the modulus", () => {
    for (const address of ["10.1.0.10:8080", "10.1.0.11:9187", "", "ünïcode:1"]) {
      const expected = createHash("md5").update(address).digest().readBigUInt64BE(8) % 7n;
      const out = relabel({ __address__: address }, [
        { action: "hashmod", sourceLabels: ["__address__"], targetLabel: "__tmp_hash", modulus: 7 },
      ]);
      assert.equal(out?.__tmp_hash, expected.toString(), address);
    }
  });

  it("keepequal and dropequal compare the joined values with the target label", () => {
    const labels = { a: "x", b: "x", c: "y" };
    assert.ok(relabel(labels, [{ action: "keepequal", sourceLabels: ["a"], targetLabel: "b" }]));
    assert.equal(relabel(labels, [{ action: "keepequal", sourceLabels: ["a"], targetLabel: "c" }]), null);
    assert.equal(relabel(labels, [{ action: "dropequal", sourceLabels: ["a"], targetLabel: "b" }]), null);
  });

  it("a replace whose result is empty removes the label; a (.+) regex keeps it when the source is empty", () => {
    assert.deepEqual(relabel({ job: "svc", x: "" }, [{ sourceLabels: ["x"], targetLabel: "job" }]), { x: "" });
    assert.deepEqual(relabel({ job: "svc", x: "" }, [{ sourceLabels: ["x"], targetLabel: "job", regex: "(.+)" }]), {
      job: "svc",
      x: "",
    });
  });
});
