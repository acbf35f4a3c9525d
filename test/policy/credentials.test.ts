import { strict as assert } from "node:assert";
import * as path from "node:path";
import { UNKNOWN_VALUE } from "../../automation/core/resourceModel";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";
import { messages, runPolicy } from "./harness";
import { compliantPodSpec, workload } from "./workloads";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "credentials.json");

/** Every policy that looks for secrets, all through the one detector. */
const SECRET_POLICIES = new Set([
  "no-plaintext-secrets-in-env",
  "no-credentials-in-args",
  "no-credentials-in-configmaps",
  "aws-ecs-task-no-plaintext-secrets",
  "aws-lambda-no-plaintext-secrets",
  "aws-ssm-secure-string-for-credentials",
]);

/** What each violating resource of the fixture breaks, and how each finding reads; every `compliant-*` one breaks nothing. */
const FINDINGS: Record<string, [policy: string, message: string][]> = {
  "probe-shell-password": [
    [
      "no-credentials-in-args",
      'container "app" (spec.template.spec.containers[0]) livenessProbe.exec.command[2]: PGPASSWORD assignment in a shell command (value not shown).',
    ],
  ],
  "hook-export-token": [
    [
      "no-credentials-in-args",
      'container "app" (spec.template.spec.containers[0]) lifecycle.preStop.exec.command[2] line 1: API_TOKEN assignment in a shell command (value not shown).',
    ],
  ],
  "env-db-pass": [
    [
      "no-plaintext-secrets-in-env",
      `container "app" (spec.template.spec.containers[0]) env[0] "DB_PASS": literal value under a credential's name (value not shown).`,
    ],
  ],
  "annotation-github-token": [
    [
      "no-plaintext-secrets-in-env",
      `spec.template.metadata.annotations["ci.example.com/deploy-token"]: literal value under a credential's name (value not shown).`,
    ],
    [
      "no-plaintext-secrets-in-env",
      'spec.template.metadata.annotations["example.com/notes"]: GitHub token (value not shown).',
    ],
  ],
  "configmap-binary-env": [
    [
      "no-credentials-in-configmaps",
      'binaryData["app.env"] line 2: API_TOKEN setting with a literal value (value not shown).',
    ],
  ],
  "configmap-json-camel": [
    [
      "no-credentials-in-configmaps",
      `data["settings.json"].db.dbPassword: literal value under a credential's name (value not shown).`,
    ],
  ],
  "configmap-annotation-url": [
    [
      "no-credentials-in-configmaps",
      'metadata.annotations["example.com/source"]: URL with a password (value not shown).',
    ],
  ],
  "ecs-health-check-password": [
    [
      "aws-ecs-task-no-plaintext-secrets",
      'container "app" healthCheck.command[1]: PGPASSWORD assignment in a shell command (value not shown).',
    ],
  ],
  "ecs-environment-bearer": [
    [
      "aws-ecs-task-no-plaintext-secrets",
      `container "app" environment[0] "GITHUB_BEARER": literal value under a credential's name (value not shown).`,
    ],
  ],
  "lambda-client-secret": [
    [
      "aws-lambda-no-plaintext-secrets",
      `environment.variables.OIDC_CLIENT_SECRET: literal value under a credential's name (value not shown).`,
    ],
  ],
  "ssm-plain-password": [
    [
      "aws-ssm-secure-string-for-credentials",
      `name "/lending/prod/db_password" is a credential's and holds a literal value (value not shown): the parameter must be a SecureString, not "String".`,
    ],
  ],
  "ssm-plain-url": [
    [
      "aws-ssm-secure-string-for-credentials",
      'value: URL with a password (value not shown): the parameter must be a SecureString, not "String".',
    ],
  ],
};

const expectationOf = (name: string) =>
  name.startsWith("compliant-") ? [] : FINDINGS[name] && [...new Set(FINDINGS[name].map(([policy]) => policy))];

describe("one credential detector behind every secret policy", () => {
  describe("finds credentials in every field a red team used, and passes references, in all three --input forms", () => {
    itInEachInputForm(FIXTURE, (report, run) => {
      const names = assertBrokenPolicies(report, expectationOf, SECRET_POLICIES);
      for (const name of Object.keys(FINDINGS)) assert.ok(names.includes(name), `${name} is in the run`);
      assert.ok(names.filter((n) => n.startsWith("compliant-")).length >= 5, "the compliant twins are in the run");
      const found = report.violations
        .filter((v: any) => SECRET_POLICIES.has(v.policy))
        .map((v: any) => [v.name, v.policy, v.message]);
      const expected = Object.entries(FINDINGS).flatMap(([name, list]) => list.map(([p, m]) => [name, p, m]));
      assert.deepEqual(
        found.sort((a: string[], b: string[]) => a.join().localeCompare(b.join())),
        expected.sort((a, b) => a.join().localeCompare(b.join())),
      );
      assert.deepEqual(report.unknowns, []);
      const printed = JSON.stringify(report.violations) + run.stderr;
      for (const secret of ["hunter2", "abc123abc123abc", "ghp_abcdef", "s3cr3t-value", "abcdef123456"])
        assert.ok(!printed.includes(secret), `no finding prints ${secret}`);
    });
  });

  describe("through the analyzer, one resource at a time", () => {
    const withContainer = (change: (c: any) => void) => {
      const spec = compliantPodSpec();
      change(spec.containers[0]);
      return workload("Deployment", spec);
    };

    it("keeps Kubernetes' expansion rule: $(VAR) in a probe command is not expanded, a shell $VAR is", async () => {
      const secretEnv = [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }];
      assert.deepEqual(
        await messages(
          "no-credentials-in-args",
          withContainer((c) => {
            c.env = secretEnv;
            c.readinessProbe = { exec: { command: ["check", "--password", "$(DB_PASSWORD)"] } };
            c.startupProbe = {
              exec: { command: ["sh", "-c", 'psql "postgres://app:$DB_PASSWORD@db/app" -c "select 1"'] },
            };
          }),
        ),
        [
          'container "app" (spec.template.spec.containers[0]) startupProbe.exec.command[2]: expands DB_PASSWORD into a command line its shell runs, where any process on the node can read it.',
        ],
      );
    });

    it("reads a literal Authorization header of a probe", async () => {
      assert.deepEqual(
        await messages(
          "no-plaintext-secrets-in-env",
          withContainer((c) => {
            c.livenessProbe = {
              httpGet: { path: "/health", port: 8080, httpHeaders: [{ name: "Authorization", value: "Bearer abc" }] },
            };
          }),
        ),
        [
          `container "app" (spec.template.spec.containers[0]) livenessProbe.httpGet.httpHeaders[0] "Authorization": literal value under a credential's name (value not shown).`,
        ],
      );
    });

    it("judges a Lambda variable unknown in a preview only when its name is a credential's", async () => {
      const fn = (variables: object) => ({
        type: "aws:lambda/function:Function",
        props: { environment: { variables } },
      });
      const setting = await runPolicy("aws-lambda-no-plaintext-secrets", fn({ QUEUE_URL: UNKNOWN_VALUE }));
      assert.deepEqual([setting.violations, setting.unknowns], [[], []]);
      const secret = await runPolicy("aws-lambda-no-plaintext-secrets", fn({ API_TOKEN: UNKNOWN_VALUE }));
      assert.deepEqual(
        secret.unknowns.map((u) => u.reason),
        ["string value at .environment.variables.API_TOKEN can't be known during preview"],
      );
    });

    it("lets the policy config allow a name", async () => {
      const ssm = {
        type: "aws:ssm/parameter:Parameter",
        props: { name: "/app/signing_key", type: "String", value: "k-1" },
      };
      assert.equal((await messages("aws-ssm-secure-string-for-credentials", ssm)).length, 1);
      assert.deepEqual(
        await messages("aws-ssm-secure-string-for-credentials", ssm, {
          config: { allowedNames: ["/app/signing_key"] },
        }),
        [],
      );
    });
  });
});
