import type { CheckReport } from "../report";
import type { PolicyInfo } from "./policyCatalog";
import { element, xmlEscape } from "./xml";

interface TestCase {
  classname: string;
  name: string;
  failure?: { message: string; type: string; text: string };
  skipped?: string;
  out?: string;
}

const testcase = (t: TestCase): string =>
  element("testcase", { classname: t.classname, name: t.name }, [
    ...(t.failure
      ? [element("failure", { message: t.failure.message, type: t.failure.type }, [xmlEscape(t.failure.text)])]
      : []),
    ...(t.skipped !== undefined ? [element("skipped", { message: t.skipped })] : []),
    ...(t.out ? [`<system-out>${xmlEscape(t.out)}</system-out>`] : []),
  ]);

const counts = (cases: TestCase[]) => ({
  tests: cases.length,
  failures: cases.filter((c) => c.failure).length,
  errors: 0,
  skipped: cases.filter((c) => c.skipped !== undefined).length,
});

const suite = (name: string, cases: TestCase[]): string =>
  element("testsuite", { name, ...counts(cases) }, cases.map(testcase));

const firstLine = (text: string) => text.split("\n")[0];

/** Options of {@link formatJunit}. */
export interface JunitOptions {
  /** Metadata of the pack's policies, by name. */
  policies: ReadonlyMap<string, PolicyInfo>;
}

/**
 * The report as JUnit XML for CI test reports: a test suite per category — security, readiness,
 * schemas, duplicates, not inspected, not judged — and a failing test case for everything that
 * fails the run (mandatory findings, schema errors, duplicates, unaccepted resources not inspected
 * or not judged). Advisory and accepted findings pass with their message as output; a policy with
 * no finding is one passing test case (skipped when disabled); every Kubernetes object schema-checked is one.
 */
export function formatJunit(report: CheckReport, opts: JunitOptions): string {
  const subject = (f: { urn: string; type: string; name: string }) =>
    f.urn ? `${f.type} ${f.name}` : `stack ${report.stack}`;
  const policyCases = (category: "security" | "readiness"): TestCase[] => {
    const cases: TestCase[] = [];
    const names = new Set([
      ...[...opts.policies.values()].filter((p) => p.category === category).map((p) => p.name),
      ...report.violations.filter((v) => v.category === category).map((v) => v.policy),
      ...report.accepted.filter((v) => v.category === category).map((v) => v.policy),
    ]);
    for (const policy of [...names].sort()) {
      const classname = `${category}.${policy}`;
      const found = report.violations.filter((v) => v.policy === policy);
      const accepted = report.accepted.filter((v) => v.policy === policy);
      for (const v of found) {
        const fix = v.configKey ? `\nFix in Pulumi.${report.stack}.yaml: set ${v.configKey}.` : "";
        cases.push(
          v.level === "mandatory"
            ? {
                classname,
                name: subject(v),
                failure: { message: firstLine(v.message), type: `${v.severity} mandatory`, text: `${v.message}${fix}` },
              }
            : { classname, name: subject(v), out: `advisory (${v.severity}): ${v.message}${fix}` },
        );
      }
      for (const a of accepted) cases.push({ classname, name: subject(a), out: `accepted: ${a.reason}\n${a.message}` });
      if (!found.length && !accepted.length) {
        const disabled = report.enforcement.levels[policy] === "disabled";
        cases.push({ classname, name: "no findings", ...(disabled ? { skipped: "disabled in this stack" } : {}) });
      }
    }
    return cases;
  };

  const invalid = new Map(report.schemaErrors.map((e) => [e.urn, e]));
  const unvalidated = new Set(report.notValidated.map((n) => n.urn));
  const schemaCases: TestCase[] = report.resources
    .filter(
      (r) =>
        r.type.startsWith("kubernetes:") &&
        !r.type.startsWith("kubernetes:helm.sh") &&
        !r.type.startsWith("kubernetes:yaml") &&
        !r.type.startsWith("kubernetes:kustomize") &&
        !r.type.startsWith("pulumi:"),
    )
    .map((r) => {
      const error = invalid.get(r.urn);
      const classname = "schemas";
      if (error)
        return {
          classname,
          name: subject(r),
          failure: { message: firstLine(error.message), type: "schema", text: error.message },
        };
      if (unvalidated.has(r.urn)) return { classname, name: subject(r), skipped: "no schema known for this kind" };
      return { classname, name: subject(r) };
    });
  for (const e of report.schemaErrors)
    if (!report.resources.some((r) => r.urn === e.urn))
      schemaCases.push({
        classname: "schemas",
        name: subject(e),
        failure: { message: firstLine(e.message), type: "schema", text: e.message },
      });

  const duplicateCases: TestCase[] = report.duplicates.length
    ? report.duplicates.map((d) => ({
        classname: "duplicates",
        name: d.identity,
        failure: { message: firstLine(d.message), type: "duplicate", text: `${d.message}\n${d.urns.join("\n")}` },
      }))
    : [{ classname: "duplicates", name: "no duplicate identities" }];

  const notInspectedCases: TestCase[] = report.notInspected.length
    ? report.notInspected.map((n) =>
        n.accepted
          ? { classname: "not-inspected", name: subject(n), out: `accepted: ${n.acceptedBecause ?? ""}\n${n.reason}` }
          : {
              classname: "not-inspected",
              name: subject(n),
              failure: { message: n.reason, type: "not inspected", text: n.reason },
            },
      )
    : [{ classname: "not-inspected", name: "every resource inspected" }];

  const unknownCases: TestCase[] = report.unknowns.map((u) => {
    const name = `${u.policy}: ${subject(u)}`;
    const fails = report.summary.unknowns > 0 && u.level === "mandatory" && !u.accepted;
    return fails
      ? { classname: "not-judged", name, failure: { message: u.reason, type: "unknown value", text: u.reason } }
      : { classname: "not-judged", name, out: `${u.accepted ? "accepted" : u.level}: ${u.reason}` };
  });

  const suites: [string, TestCase[]][] = [
    ["security", policyCases("security")],
    ["readiness", policyCases("readiness")],
    ["schemas", schemaCases],
    ["duplicates", duplicateCases],
    ["not inspected", notInspectedCases],
    ...(unknownCases.length ? [["not judged", unknownCases] as [string, TestCase[]]] : []),
  ];
  const all = counts(suites.flatMap(([, cases]) => cases));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(
    "testsuites",
    { name: `platform check ${report.stack}`, ...all },
    suites.map(([name, cases]) => suite(name, cases)),
  )}\n`;
}
