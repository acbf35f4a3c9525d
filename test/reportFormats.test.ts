import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { chromium, Browser } from "playwright-core";
import { parse } from "yaml";
import { policies } from "../policy/policies";
import { CHECKER_RULES } from "../automation/check/formats/sarif";
import type { CheckReport } from "../automation/check/report";
import { runCli } from "./fixtures/cli";
import { REPO_ROOT } from "./fixtures/paths";
import { HOSTILE, reportProject } from "./fixtures/reportProject";
import type { TempProject } from "./fixtures/stackFiles";

const SARIF_SCHEMA = JSON.parse(
  fs.readFileSync(path.join(__dirname, "fixtures", "schemas", "sarif-2.1.0.json"), "utf8"),
);
const OUTPUT_DIR = path.join(REPO_ROOT, "test-output");
const VERSION = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version;

describe("check --format sarif of every example stack", function () {
  this.timeout(300_000);
  const examples = fs
    .readdirSync(path.join(REPO_ROOT, "examples"))
    .filter((e) => fs.existsSync(path.join(REPO_ROOT, "examples", e, "Pulumi.prod.yaml")));
  for (const example of examples)
    it(`${example}: valid SARIF 2.1.0, every result on a program-created resource placed on a file and line`, async () => {
      const run = await runCli(["check", "--stack", "prod", "--format", "sarif"], {
        projectDir: path.join(REPO_ROOT, "examples", example),
      });
      assert.equal(run.code, 0, run.stderr);
      const doc: any = JSON.parse(run.stdout);
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(SARIF_SCHEMA);
      assert.ok(validate(JSON.parse(run.stdout)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      for (const r of doc.runs[0].results)
        if (r.locations?.[0]?.logicalLocations === undefined)
          assert.ok(r.locations[0].physicalLocation.region.startLine > 0, r.ruleId);
    });
});

describe("check --format and --output: SARIF, JUnit and HTML reports of a stack with findings", function () {
  this.timeout(300_000);
  let project: TempProject;
  let report: CheckReport;
  let sarif: any;
  let sarifRun: { code: number; stdout: string; stderr: string };
  let junit: string;
  let htmlFile: string;

  before(async () => {
    project = reportProject();
    const out = (name: string) => path.join(project.dir, name);
    const args = ["check", "--stack", "prod"];
    sarifRun = await runCli([...args, "--format", "sarif", "--output", out("results.sarif")], {
      projectDir: project.dir,
    });
    sarif = JSON.parse(fs.readFileSync(out("results.sarif"), "utf8"));
    const junitRun = await runCli([...args, "--format", "junit"], { projectDir: project.dir });
    assert.equal(junitRun.code, 1, junitRun.stderr);
    junit = junitRun.stdout;
    htmlFile = out("report.html");
    const htmlRun = await runCli([...args, "--format", "html", "--output", htmlFile, "--json"], {
      projectDir: project.dir,
    }).catch((err) => ({ code: -1, stdout: "", stderr: String(err) }));
    // --json with --output: the JSON document goes to the file and the text report to stdout; so the JSON report comes from a plain run.
    assert.equal(htmlRun.code, 2, "--json and --format html conflict");
    const html = await runCli([...args, "--format", "html", "--output", htmlFile], { projectDir: project.dir });
    assert.equal(html.code, 1, html.stderr);
    report = JSON.parse((await runCli([...args, "--json"], { projectDir: project.dir })).stdout);
  });

  after(() => project?.cleanup());

  it("--output writes the format to the file and still prints the text report, with the check's exit code", () => {
    assert.equal(sarifRun.code, 1, sarifRun.stderr);
    assert.match(sarifRun.stdout, /^Stack prod: \d+ resources/);
    assert.match(sarifRun.stdout.trimEnd(), /FAIL: .*\d+ mandatory.*$/);
  });

  describe("SARIF", () => {
    it("is valid against the official SARIF 2.1.0 schema", () => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(SARIF_SCHEMA);
      assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    });

    it("is one run of the tool platform at the package's version, with a rule per policy and the checker's own", () => {
      assert.equal(sarif.version, "2.1.0");
      assert.equal(sarif.runs.length, 1);
      const driver = sarif.runs[0].tool.driver;
      assert.equal(driver.name, "platform");
      assert.equal(driver.version, VERSION);
      const ids = driver.rules.map((r: any) => r.id);
      for (const p of policies) assert.ok(ids.includes(p.name), p.name);
      for (const id of Object.values(CHECKER_RULES)) assert.ok(ids.includes(id), id);
      const privileged = driver.rules.find((r: any) => r.id === "pss-privileged");
      const meta = policies.find((p) => p.name === "pss-privileged")!;
      assert.equal(privileged.shortDescription.text, meta.description);
      assert.equal(privileged.helpUri, meta.url);
      assert.ok(privileged.help.text.includes(meta.remediationSteps!));
      assert.equal(privileged.properties["security-severity"], "9.5");
      assert.ok(privileged.properties.tags.includes("critical") && privileged.properties.tags.includes("security"));
      assert.ok(privileged.properties.tags.some((t: string) => t.startsWith("Kubernetes Pod Security Standards")));
    });

    it("has one result per finding, each with its rule, and results for not inspected resources and duplicates", () => {
      const results: any[] = sarif.runs[0].results;
      const rules = sarif.runs[0].tool.driver.rules;
      for (const r of results) assert.equal(rules[r.ruleIndex].id, r.ruleId);
      const policyResults = results.filter((r) => !r.ruleId.startsWith("platform/"));
      assert.equal(policyResults.length, report.violations.length + report.accepted.length);
      for (const v of report.violations) {
        const match = policyResults.find(
          (r) => r.ruleId === v.policy && r.locations[0].logicalLocations?.[0]?.fullyQualifiedName === v.urn,
        );
        assert.ok(match, `${v.policy} ${v.name}`);
        assert.equal(match.level, v.level === "mandatory" ? "error" : "warning");
        assert.ok(match.message.text.includes(v.message));
      }
      const ruleIds = results.map((r) => r.ruleId);
      assert.equal(ruleIds.filter((id) => id === CHECKER_RULES.notInspected).length, report.notInspected.length);
      assert.equal(ruleIds.filter((id) => id === CHECKER_RULES.duplicate).length, report.duplicates.length);
      assert.ok(report.notInspected.length && report.duplicates.length, "the project has both");
      const backups = results.find((r) => r.ruleId === "aws-rds-backup-retention");
      assert.match(backups.message.text, /set nexus:data\.postgres\.backupRetentionDays/);
    });

    it("places every finding on a program-created resource at the program file and line that created it", () => {
      const program = fs.readFileSync(path.join(project.dir, "index.ts"), "utf8").split("\n");
      const created = new Map(report.resources.filter((r) => r.sourcePosition).map((r) => [r.urn, r.sourcePosition!]));
      assert.ok(created.size > report.resources.length / 2, "most resources have a source position");
      for (const r of sarif.runs[0].results) {
        const urn = r.locations[0].logicalLocations?.[0]?.fullyQualifiedName;
        if (!urn || !report.resources.some((x) => x.urn === urn)) continue;
        const physical = r.locations[0].physicalLocation;
        assert.ok(physical, `${r.ruleId} ${urn} has a physical location`);
        assert.equal(physical.artifactLocation.uri, "index.ts");
        assert.ok(physical.region.startLine >= 1 && physical.region.startLine <= program.length);
      }
      const pod = sarif.runs[0].results.find((r: any) => r.ruleId === "pss-privileged");
      const line = program[pod.locations[0].physicalLocation.region.startLine - 1];
      assert.match(line, /new k8s\.core\.v1\.Pod\("hostile"/);
      const chart = sarif.runs[0].results.find((r: any) => r.ruleId === CHECKER_RULES.notInspected);
      assert.match(
        program[chart.locations[0].physicalLocation.region.startLine - 1],
        /new k8s\.helm\.v4\.Chart\("vendor-chart"/,
      );
    });
  });

  describe("JUnit XML", () => {
    const parse = () =>
      new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: "",
        isArray: (name) => ["testsuite", "testcase", "failure"].includes(name),
      }).parse(junit);

    it("is well-formed XML with a test suite per category", () => {
      assert.equal(XMLValidator.validate(junit), true);
      const names = parse().testsuites.testsuite.map((s: any) => s.name);
      assert.deepEqual(names, ["security", "readiness", "schemas", "duplicates", "not inspected"]);
    });

    it("fails a test case per mandatory finding, duplicate and resource not inspected, message escaped and intact", () => {
      const doc = parse().testsuites;
      const cases = doc.testsuite.flatMap((s: any) => s.testcase ?? []);
      const failing = cases.filter((c: any) => c.failure);
      const s = report.summary;
      assert.equal(failing.length, s.mandatory + s.schemaErrors + s.duplicates + s.notInspected);
      assert.equal(Number(doc.failures), failing.length);
      assert.equal(Number(doc.tests), cases.length);
      const privileged = failing.find((c: any) => c.classname === "security.pss-privileged");
      assert.equal(privileged.name, "kubernetes:core/v1:Pod hostile");
      assert.ok(privileged.failure[0].message.includes(HOSTILE), "the attribute round-trips the hostile name");
      assert.ok(!junit.includes(HOSTILE), "never raw in the XML");
    });

    it("passes one test case per policy with no findings", () => {
      const cases = parse().testsuites.testsuite.flatMap((s: any) => s.testcase ?? []);
      const withFindings = new Set(report.violations.map((v) => v.policy));
      for (const p of policies.filter((p) => !withFindings.has(p.name))) {
        const own = cases.filter((c: any) => c.classname.endsWith(`.${p.name}`));
        assert.equal(own.length, 1, p.name);
        assert.equal(own[0].name, "no findings");
        assert.ok(!own[0].failure, p.name);
      }
    });
  });

  describe("HTML, opened in headless Chromium", () => {
    let browser: Browser;
    const requests: string[] = [];
    let page: Awaited<ReturnType<Browser["newPage"]>>;

    before(async () => {
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        args: ["--no-sandbox"],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(`file://${htmlFile}`);
    });

    after(async () => {
      if (page) {
        fs.mkdirSync(OUTPUT_DIR, { recursive: true });
        await page.screenshot({ path: path.join(OUTPUT_DIR, "check-report.png"), fullPage: true });
      }
      await browser?.close();
    });

    const visibleRows = () => page.locator(".grouping:not(.hidden) tr.finding:not(.hidden)").count();

    it("loads nothing but itself and runs no script from a finding", async () => {
      assert.deepEqual(requests, [`file://${htmlFile}`]);
      assert.equal(await page.evaluate(() => (globalThis as any).__pwned), undefined);
      assert.equal(await page.locator("img").count(), 0);
      assert.ok((await page.locator("tr.finding").first().textContent())!.length > 0);
      assert.ok((await page.content()).includes("window.__pwned=1"), "the text is shown, escaped");
    });

    it("shows the summary and a row per finding, grouped by namespace and app", async () => {
      assert.equal(
        await page.locator("#summary .card").first().locator("b").textContent(),
        String(report.summary.resources),
      );
      assert.equal(await visibleRows(), report.violations.length + report.accepted.length);
      const groups = await page.locator(".grouping:not(.hidden) .findings-group h3").allTextContents();
      assert.ok(
        groups.some((g) => g.startsWith("namespace nexus-production")),
        groups.join(" | "),
      );
      assert.ok(await page.getByText("nexus:data.postgres.backupRetentionDays").first().isVisible());
    });

    it("filters: level, policy, category and text hide and show rows", async () => {
      const all = report.violations.length + report.accepted.length;
      await page.selectOption("#f-level", "advisory");
      assert.equal(await visibleRows(), report.violations.filter((v) => v.level === "advisory").length);
      await page.selectOption("#f-level", "");
      await page.selectOption("#f-policy", "aws-rds-backup-retention");
      assert.equal(await visibleRows(), 1);
      await page.selectOption("#f-policy", "");
      await page.selectOption("#f-category", "readiness");
      assert.equal(await visibleRows(), report.violations.filter((v) => v.category === "readiness").length);
      assert.ok(await page.locator("#security .none-shown").isVisible());
      await page.selectOption("#f-category", "");
      await page.fill("#f-text", "seccomp");
      assert.equal(await visibleRows(), report.violations.filter((v) => /seccomp/i.test(v.message + v.policy)).length);
      await page.fill("#f-text", "");
      await page.selectOption("#f-group", "policy");
      assert.equal(await visibleRows(), all);
      assert.ok(
        await page.locator(".grouping:not(.hidden) .findings-group h3", { hasText: "pss-privileged" }).isVisible(),
      );
      await page.selectOption("#f-group", "app");
      assert.equal(await visibleRows(), all);
    });

    it("lists resources not inspected with the reason", async () => {
      const section = page.locator("#not-inspected");
      assert.match((await section.textContent())!, /vendor-chart.*a Helm chart/s);
    });

    it("draws the deploy plan as a timeline: bars, the critical path highlighted, each app's ready milestone", async () => {
      assert.ok((await page.locator("#plan svg rect.bar").count()) > 3);
      assert.ok((await page.locator("#plan svg rect.bar.critical").count()) > 0);
      const apps = parse(fs.readFileSync(path.join(project.dir, "Pulumi.prod.yaml"), "utf8")).config["nexus:apps"];
      assert.equal(await page.locator("#plan svg .milestone").count(), apps.length);
      const fill = await page
        .locator("#plan svg rect.bar.critical")
        .first()
        .evaluate((el) => (globalThis as any).getComputedStyle(el).fill);
      assert.notEqual(
        fill,
        await page
          .locator("#plan svg rect.bar:not(.critical)")
          .first()
          .evaluate((el) => (globalThis as any).getComputedStyle(el).fill),
      );
    });
  });
});
