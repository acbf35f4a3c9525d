import { strict as assert } from "node:assert";
import * as path from "node:path";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "readiness.json");

const SERVICE = "readiness-service-endpoints";
const PROBE = "readiness-probe-ports";
const ROUTE = "readiness-route-backends";
const REFS = "readiness-object-references";
const SCALING = "readiness-scaling-targets";
const STS = "readiness-statefulset-service";
const QUOTA = "readiness-quota-capacity";
const REACH = "readiness-ingress-reachability";
const DEPLOYER = "readiness-deployer-permissions";
const LIMITS = "readiness-limit-range-admission";
const MONITORS = "readiness-monitor-targets";
const ALARMS = "readiness-alarm-subscriptions";
const CSP = "readiness-csp-connect-src";

/** What each resource of the fixture breaks among the readiness policies; every other resource is its compliant twin. */
const BREAKS: Record<string, string[]> = {
  "svc-no-pods": [SERVICE],
  "svc-named-missing": [SERVICE],
  "svc-numeric-missing": [SERVICE],
  "svc-to-unready": [SERVICE],
  "probe-port-missing": [PROBE],
  "probe-number-missing": [PROBE],
  "ingress-missing-service": [ROUTE],
  "ingress-missing-port": [ROUTE],
  "ingress-v1beta1-missing": [ROUTE],
  "httproute-missing": [ROUTE],
  "refs-missing": [REFS],
  "hpa-missing-target": [SCALING],
  "hpa-fights": [SCALING],
  "pdb-selects-nothing": [SCALING],
  "sts-not-headless": [STS],
  "sts-missing-service": [STS],
  "quota-small": [QUOTA],
  "reach-blocked": [REACH],
  "cert-blocked": [REACH],
  "deployer-short": [DEPLOYER],
  "limits-too-big": [LIMITS],
  "servicemonitor-bad-port": [MONITORS],
  "servicemonitor-selects-nothing": [MONITORS],
  "podmonitor-bad-port": [MONITORS],
  "alarm-unsubscribed-topic": [ALARMS],
  "alarm-no-actions": [ALARMS],
  "alarm-external-unknown": [ALARMS],
  "alertmanager-unsubscribed": [ALARMS],
  "csp-site-blocked": [CSP],
};

describe("deploy readiness: what would break after `pulumi up`, across objects", () => {
  itInEachInputForm(FIXTURE, (report) => {
    const readiness = new Set(Object.keys(report.enforcement.levels).filter((p) => p.startsWith("readiness-")));
    assert.equal(readiness.size, 13);
    assertBrokenPolicies(report, (name) => BREAKS[name] ?? [], readiness);
    for (const v of report.violations)
      assert.equal(v.category, readiness.has(v.policy) ? "readiness" : "security", `${v.policy} on ${v.name}`);
    const reach = report.violations.filter((v: any) => v.policy === REACH).map((v: any) => v.message);
    assert.match(
      reach.join("\n"),
      /Ingress "site" sends traffic through Service "site" to Deployment "site" port "http", but no NetworkPolicy of namespace "n2" admits the ingress controller/,
    );
    assert.match(
      reach.join("\n"),
      /namespace "n3" admits the ingress controller to the solver pods .* the certificate never issues/,
    );
    assert.deepEqual(
      report.violations.filter((v: any) => v.policy === LIMITS).map((v: any) => v.message),
      [
        'Deployment "big" container "a" limits.cpu 2 is above the max 1 in LimitRange "limits": admission refuses its pods.',
        'Deployment "big" container "a" limits.cpu/requests.cpu (2/250m) is above the maxLimitRequestRatio 4 in LimitRange "limits": admission refuses its pods.',
      ],
    );
    assert.deepEqual(
      report.violations
        .filter((v: any) => v.policy === ALARMS)
        .map((v: any) => v.message)
        .sort(),
      [
        'AlertManagerDefinition "alertmanager-unsubscribed" notifies SNS topic "alarm-topic-silent", which has no subscription in the stack and is not listed as subscribed elsewhere: when it fires, nobody hears of it.',
        'MetricAlarm "alarm-external-unknown" notifies SNS topic arn:aws:sns:eu-west-1:123456789012:elsewhere, which has no subscription in the stack and is not listed as subscribed elsewhere: when it fires, nobody hears of it.',
        'MetricAlarm "alarm-no-actions" notifies no topic: when it fires, nobody hears of it.',
        'MetricAlarm "alarm-unsubscribed-topic" notifies SNS topic "alarm-topic-silent", which has no subscription in the stack and is not listed as subscribed elsewhere: when it fires, nobody hears of it.',
      ],
    );
    assert.deepEqual(
      report.violations.filter((v: any) => v.policy === CSP).map((v: any) => v.message),
      [
        'CloudFront distribution "csp-site-blocked" calls https://api.lending.example, which the Content-Security-Policy of its response headers policy "csp-self-only" does not admit in connect-src: the browser blocks every call to it.',
      ],
    );
    const [quota] = report.violations.filter((v: any) => v.policy === QUOTA);
    assert.match(quota.message, /holds requests\.cpu 2, but namespace "q1" needs 2\.5 at its peak \(big 5×0\.5\)/);
  });
});
