import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigProblemsError } from "../automation/core/configProblems";
import { readProgramConfig, readProject, stackPart } from "../automation/core/project";
import { parseStackConfig } from "../components/config/load";
import { isStackConfigError, StackConfigError } from "../components/config/errors";
import { POSTGRES_DEFAULTS } from "../components/data/postgresDatabase";
import { runCli } from "./fixtures/cli";
import { REPO_ROOT } from "./fixtures/paths";
import { stackConfigOf, tempProject } from "./fixtures/stackFiles";

/** The staging stack's config as the Pulumi runtime hands it to the program (`namespace:key` → text). */
function rawStaging(
  mutate: (c: Record<string, any>) => void = () => undefined,
  namespace = "platform",
): Record<string, string> {
  const config = stackConfigOf("staging");
  mutate(config);
  return Object.fromEntries(
    Object.entries(config)
      .filter(([k]) => k.startsWith("platform:"))
      .map(([k, v]) => [`${namespace}:${k.slice("platform:".length)}`, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}

/** The keys the staging stack file sets with `secure:`. */
const SECRET_KEYS = Object.entries(stackConfigOf("staging"))
  .filter(([, v]) => typeof v === "object" && v !== null && "secure" in v)
  .map(([k]) => k);

/** The problems `parseStackConfig` reports, or none. */
function problemsOf(raw: Record<string, string>, namespace = "platform"): readonly string[] {
  try {
    parseStackConfig(raw, {
      stackFile: "Pulumi.bad.yaml",
      namespace,
      isSecret: (k) => SECRET_KEYS.includes(k.replace(/^[^:]+:/, "platform:")),
    });
    return [];
  } catch (err) {
    assert.ok(isStackConfigError(err), String(err));
    return err.problems;
  }
}

describe("one config pipeline", () => {
  describe("project keys", () => {
    it("reports every problem of the stack file, one line each, in one error", () => {
      const problems = problemsOf(
        rawStaging((c) => {
          delete c["platform:domain"];
          c["platform:apps"][0].replcas = 3;
          c["platform:apps"][1].replicas = 0;
        }),
      );
      assert.deepEqual(problems, [
        "Pulumi.bad.yaml: platform:domain: required key is missing (expected a string)",
        'Pulumi.bad.yaml: platform:apps[0].replcas: unknown key (did you mean "replicas"?)',
        "Pulumi.bad.yaml: platform:apps[1].replicas: expected a number >= 1, got 0",
      ]);
    });

    it("suggests the nearest key at any depth, and lists the keys when none is near", () => {
      const problems = problemsOf(
        rawStaging((c) => {
          c["platform:data"].postgres.storageGB = 50;
          c["platform:monitoring"].receivers[0].chanel = "#ops";
          c["platform:quota"].zzz = 1;
        }),
      );
      assert.ok(
        problems.includes('Pulumi.bad.yaml: platform:data.postgres.storageGB: unknown key (did you mean "storageGb"?)'),
        problems.join("\n"),
      );
      assert.ok(
        problems.includes(
          'Pulumi.bad.yaml: platform:monitoring.receivers[0].chanel: unknown key (did you mean "channel"?)',
        ),
        problems.join("\n"),
      );
      const quota = problems.find((p) => p.includes("platform:quota.zzz"));
      assert.match(
        quota!,
        /unknown key; expected only the keys documented in the config reference \(.*requestsCpu.*\)$/,
      );
    });

    it("says that keys under another project's namespace belong to that project, instead of reporting them missing", () => {
      assert.deepEqual(
        problemsOf(
          rawStaging(() => undefined, "payments"),
          "payments",
        ),
        [],
        "the same config under the project's own namespace is valid",
      );
      const raw = rawStaging();
      let caught: unknown;
      try {
        parseStackConfig(raw, { stackFile: "Pulumi.bad.yaml", namespace: "payments" });
      } catch (err) {
        caught = err;
      }
      assert.ok(isStackConfigError(caught));
      assert.equal(caught.problems.length, 1, caught.problems.join("\n"));
      assert.match(
        caught.problems[0],
        /^Pulumi\.bad\.yaml: platform:\w+: keys under platform: belong to a project named platform; this project is payments — rename them to payments:… \(platform:environment, /,
      );
    });

    it("accepts a secret key named as <key> or <project>:<key>, and refuses another project's", () => {
      const secretEnv = (ref: string) =>
        rawStaging((c) => {
          c["platform:apps"][0].secretEnv = { SECRET_KEY: ref };
        });
      assert.deepEqual(problemsOf(secretEnv("apiSecretKey")), []);
      assert.deepEqual(problemsOf(secretEnv("platform:apiSecretKey")), []);
      assert.equal(
        problemsOf(secretEnv("billing:apiSecretKey"))[0],
        'Pulumi.bad.yaml: platform:apps[0].secretEnv.SECRET_KEY: expected a secret key of this project ("<name>" or "platform:<name>"), got one of project "billing"',
      );
    });

    it("keeps every line one line, whatever a key holds", () => {
      const error = new StackConfigError(["Pulumi.bad.yaml: platform:a\nb: unknown key"]);
      assert.equal(error.message.split("\n").length, 1);
    });
  });

  describe("guardrails and provider keys", () => {
    it("are checked together: every bad key of the stack file in one error", () => {
      const p = tempProject("bad", {
        ...stackConfigOf("staging"),
        "aws:regoin": "eu-west-1",
        "guardrails:policyConfg": "prod",
        "guardrails:unknowns": "warn",
        "guardrails:accepted": [{ name: "x", reason: "short" }],
      });
      try {
        assert.throws(
          () => readProgramConfig(readProject(p.dir), "bad"),
          (err: unknown) => {
            assert.ok(err instanceof ConfigProblemsError);
            assert.deepEqual(err.problems, [
              "Pulumi.bad.yaml: aws:regoin: unknown key (the aws provider takes no such key, and would ignore it; did you mean aws:region?)",
              'Pulumi.bad.yaml: guardrails:accepted[0].reason: expected why it is accepted, at least 10 characters, got "short"',
              "Pulumi.bad.yaml: guardrails:accepted[0]: expected policies, notInspected: true or unknowns: true (what is accepted)",
              'Pulumi.bad.yaml: guardrails:unknowns: expected fail (the default: a mandatory policy that cannot judge a resource for unknown values fails the run) or report (listed only), got "warn"',
              'Pulumi.bad.yaml: guardrails:policyConfg: unknown key (did you mean "policyConfig"?)',
            ]);
            return true;
          },
        );
      } finally {
        p.cleanup();
      }
    });
  });

  describe("the CLI", () => {
    it("names all three problems of a stack file in one run, each on its own line, exit 2; --json lists them in errors", async () => {
      const p = tempProject(
        "bad",
        (() => {
          const c = stackConfigOf("staging");
          delete c["platform:domain"];
          c["platform:apps"][0].replcas = 3;
          c["platform:apps"][1].replicas = 0;
          return c;
        })(),
      );
      try {
        const run = await runCli(["check", "--stack", "bad"], { projectDir: p.dir });
        assert.equal(run.code, 2, run.stderr);
        assert.deepEqual(run.stderr.trimEnd().split("\n"), [
          "error: Pulumi.bad.yaml: platform:domain: required key is missing (expected a string)",
          'error: Pulumi.bad.yaml: platform:apps[0].replcas: unknown key (did you mean "replicas"?)',
          "error: Pulumi.bad.yaml: platform:apps[1].replicas: expected a number >= 1, got 0",
        ]);
        const json = await runCli(["check", "--stack", "bad", "--json"], { projectDir: p.dir });
        const doc = JSON.parse(json.stdout);
        assert.equal(doc.exitCode, 2);
        assert.equal(doc.errors.length, 3);
        assert.equal(doc.error, doc.errors[0]);
      } finally {
        p.cleanup();
      }
    });
  });

  describe("the whole stack file in one run", () => {
    it("names the program's key problems with the guardrails and provider keys' problems together, exit 2", async () => {
      const c = stackConfigOf("staging");
      c["platform:apps"][0].replcas = 3;
      c["aws:regoin"] = "eu-west-1";
      c["guardrails:policyConfg"] = "prod";
      const p = tempProject("bad", c);
      try {
        const run = await runCli(["check", "--stack", "bad"], { projectDir: p.dir });
        assert.equal(run.code, 2, run.stderr);
        assert.deepEqual(run.stderr.trimEnd().split("\n"), [
          'error: Pulumi.bad.yaml: platform:apps[0].replcas: unknown key (did you mean "replicas"?)',
          "error: Pulumi.bad.yaml: aws:regoin: unknown key (the aws provider takes no such key, and would ignore it; did you mean aws:region?)",
          'error: Pulumi.bad.yaml: guardrails:policyConfg: unknown key (did you mean "policyConfig"?)',
        ]);
      } finally {
        p.cleanup();
      }
    });
  });

  describe("aws.oidcProviderArn", () => {
    it("is needed only by backups: a stack without them leaves it out", () => {
      const withoutBackups = rawStaging((c) => {
        delete c["platform:data"].backups;
        delete c["platform:aws"].oidcProviderArn;
      });
      assert.deepEqual(problemsOf(withoutBackups), []);
      const withBackups = rawStaging((c) => {
        delete c["platform:aws"].oidcProviderArn;
      });
      assert.deepEqual(problemsOf(withBackups), [
        "Pulumi.bad.yaml: platform:aws.oidcProviderArn: required key is missing (expected aws.oidcProviderArn, because data.backups needs an IRSA role)",
      ]);
    });
  });

  describe("paper cuts", () => {
    it("--stack org/project/stack must name this project", () => {
      assert.equal(stackPart("acme/platform/prod", "platform"), "prod");
      assert.throws(
        () => stackPart("acme/payments/prod", "platform"),
        /--stack: "acme\/payments\/prod" names project "payments", but the project here is "platform"/,
      );
      assert.throws(() => readProgramConfig(readProject(REPO_ROOT), "acme/payments/prod"), /names project "payments"/);
    });

    it("the managed PostgreSQL default keeps backups as long as the prod preset requires", () => {
      const preset = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "config", "prod.json"), "utf8"));
      assert.ok(POSTGRES_DEFAULTS.managed.backupRetentionDays >= preset["aws-rds-backup-retention"].minimumDays);
    });
  });
});
