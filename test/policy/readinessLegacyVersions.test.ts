import { strict as assert } from "node:assert";
import * as path from "node:path";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "readinessLegacyVersions.json");

/**
 * What each resource of the fixture breaks; the rest are compliant. Every object is at an API
 * version older than the one the other fixtures use (extensions/v1beta1 and apps/v1beta1–2
 * workloads, autoscaling/v1 and v2beta1, VPA v1beta2, HTTPRoute v1beta1 and v1alpha2, PDB v1beta1).
 */
const BREAKS: Record<string, string[]> = {
  "old-probe-missing": ["readiness-probe-ports"],
  "old-refs-missing": ["readiness-object-references"],
  "old-sts-missing-service": ["readiness-statefulset-service"],
  "old-hpa-missing-target": ["readiness-scaling-targets"],
  "old-vpa-missing-target": ["readiness-scaling-targets"],
  "old-route-missing": ["readiness-route-backends"],
};

describe("deploy readiness on older API versions of the kinds it reads", () => {
  itInEachInputForm(FIXTURE, (report) => {
    const readiness = new Set(Object.keys(report.enforcement.levels).filter((p) => p.startsWith("readiness-")));
    const names = assertBrokenPolicies(report, (name) => BREAKS[name] ?? [], readiness);
    assert.ok(names.includes("old-web") && names.includes("old-hpa"), "the compliant objects are judged too");
    assert.ok(
      report.violations.some(
        (v: any) => v.name === "old-hpa-missing-target" && /targets Deployment "gone"/.test(v.message),
      ),
    );
  });
});
