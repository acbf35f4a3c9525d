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
const ALERT_LABELS = "readiness-alert-labels";
const ALERT_ROUTES = "readiness-alert-routes";
const PATHS = "readiness-declared-paths";
const BUDGET = "readiness-connection-budget";
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
  "alerts-bad-label": [ALERT_LABELS],
  "alerts-undeclared": [ALERT_LABELS],
  "alerts-unparsable": [ALERT_LABELS],
  "routes-black-hole": [ALERT_ROUTES],
  "paths-blocked": [PATHS],
  "paths-egress-blocked": [PATHS],
  "budget-over-db": [BUDGET],
  "budget-proxy-full-db": [BUDGET],
  "alarm-unsubscribed-topic": [ALARMS],
  "alarm-no-actions": [ALARMS],
  "alarm-external-unknown": [ALARMS],
  "alertmanager-unsubscribed": [ALARMS],
  "csp-site-blocked": [CSP],
};

describe("deploy readiness: what would break after `pulumi up`, across objects", () => {
  itInEachInputForm(FIXTURE, (report) => {
    const readiness = new Set(Object.keys(report.enforcement.levels).filter((p) => p.startsWith("readiness-")));
    assert.equal(readiness.size, 17);
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
    const alerts = report.violations.filter((v: any) => v.policy === ALERT_LABELS).map((v: any) => v.message);
    assert.match(
      alerts.join("\n"),
      /PrometheusRule "a1\/alerts-bad-label" group "g" alert "ApiErrorsByTeam": selector http_requests_total\{namespace="a1", team="lending"\} needs label "team", which no scrape of http_requests_total produces \(considered: ServiceMonitor a1\/api; labels: app, container, endpoint, instance, job, method, namespace, pod, service, status, tier\)/,
    );
    assert.match(
      alerts.join("\n"),
      /"ExamSubmissionErrors": selector nexus_exam_submission_errors_total: no monitored app/,
    );
    assert.match(alerts.join("\n"), /"Broken": its expression cannot be judged: not valid PromQL at character \d+/);
    assert.deepEqual(
      report.violations
        .filter((v: any) => v.policy === ALERT_ROUTES)
        .map((v: any) => v.message)
        .sort(),
      [
        'AlertmanagerConfig "a1/black-hole" spec.route ends at receiver "null", which has no notifier (no *Configs entry): the alerts it takes reach no one.',
        'AlertmanagerConfig "a1/black-hole" spec.route.routes[0] ends at receiver "missing", which the AlertmanagerConfig does not define: the operator rejects it.',
      ],
    );
    const paths = report.violations.filter((v: any) => v.policy === PATHS).map((v: any) => v.message);
    assert.deepEqual(
      paths.sort(),
      [
        'Deployment "caller" declares a path to db (Deployment "db" port 5432, through Service "db"), but none of NetworkPolicies "default-deny", "db" of namespace "p2" admits it (ingress): every connection times out.',
        'Deployment "caller" declares a path to db (Deployment "db" port 5432, through Service "db"), but none of NetworkPolicies "default-deny", "caller" of namespace "p3" admits it (egress): every connection times out.',
        'Deployment "caller" declares a path to rds (10.40.0.0/16 port 5432), but none of NetworkPolicies "default-deny", "caller" of namespace "p3" admits it (egress): every connection times out.',
      ].sort(),
    );
    const budget = report.violations.filter((v: any) => v.policy === BUDGET).map((v: any) => v.message);
    assert.deepEqual(
      budget.sort(),
      [
        'PostgreSQL server "budget-over-db" allows the apps 99 connections (max_connections 112 from the db.t3.micro default LEAST(DBInstanceClassMemory/9531392, 5000), minus 3 superuser-reserved and 10 for the platform), but 150 may be opened at the scaling maxima (Deployment "loans" 5×30): connections past the limit are refused.',
        'PostgreSQL server "budget-proxy-full-db" allows the apps 99 connections (max_connections 112 from the db.t3.micro default LEAST(DBInstanceClassMemory/9531392, 5000), minus 3 superuser-reserved and 10 for the platform), but 112 may be opened at the scaling maxima (the RDS Proxy\'s 100% = 112): connections past the limit are refused.',
      ].sort(),
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
