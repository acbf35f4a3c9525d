import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "./fixtures/paths";
import {
  ConcurrentUpdateError,
  OperationCancelledError,
  OperationFailedError,
  PolicyViolationError,
  PulumiCliMissingError,
  StackNotFoundError,
  outputs,
  preview,
  up,
  destroy,
  refresh,
} from "../automation/ops";
import { stackConfigOf, tempProject } from "./fixtures/stackFiles";
import { defaultAnswer, FakePulumi, runEvents } from "./fixtures/fakePulumi";

const cli = (fake: FakePulumi) => fake as unknown as PulumiCommand;
/** The policy config file a recorded call passed, read while the call ran. */
const configSeen = new Map<string, unknown>();
function recordPolicyConfig(args: string[]): void {
  const at = args.indexOf("--policy-pack-config");
  if (at >= 0) configSeen.set(args[args.indexOf("--stack") + 1], JSON.parse(fs.readFileSync(args[at + 1], "utf8")));
}

function policyEvent(level: string, policy = "pss-run-as-non-root") {
  return {
    policyEvent: {
      resourceUrn: "urn:pulumi:prod::platform::kubernetes:apps/v1:Deployment::api",
      message: "<{%reset%}>may run as root<{%reset%}>\n",
      color: "raw",
      policyName: policy,
      policyPackName: "platform-guardrails",
      policyPackVersion: "0.1.0",
      policyPackVersionTag: "0.1.0",
      enforcementLevel: level,
      severity: "high",
    },
  };
}

describe("automation library (real Automation API, fake CLI)", () => {
  it("previews a stack with its policy pack and its declared policy config attached", async () => {
    const fake = new FakePulumi((args) =>
      args[0] === "preview" ? (recordPolicyConfig(args), { events: runEvents() }) : undefined,
    );
    const result = await preview("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT });
    assert.deepEqual(fake.callsOf("stack")[0].args.slice(0, 4), ["stack", "select", "--stack", "staging"]);
    const args = fake.callsOf("preview")[0].args;
    assert.equal(args[args.indexOf("--policy-pack") + 1], path.join(REPO_ROOT, "policy"));
    const preset = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "config", "staging.json"), "utf8"));
    assert.deepEqual(configSeen.get("staging"), preset, "the staging preset the stack file names, in the CLI's format");
    assert.ok(
      !fs.existsSync(args[args.indexOf("--policy-pack-config") + 1]),
      "the written config is removed afterwards",
    );
    assert.equal(args[args.indexOf("--stack") + 1], "staging");
    assert.equal(args[args.indexOf("--exec-kind") + 1], "auto.local", "the project's own program");
    assert.equal(fake.callsOf("preview")[0].cwd, REPO_ROOT, "run in the project directory");
    assert.deepEqual(result.changes, { create: 2 });
    assert.equal(result.operation, "preview");
    assert.ok(result.durationMs >= 0);
  });

  it("streams progress, diagnostics, policy violations and the summary to callbacks", async () => {
    const fake = new FakePulumi((args) =>
      args[0] === "preview"
        ? {
            events: runEvents([
              {
                diagnosticEvent: {
                  message: "\u001b[33mwarning\u001b[0m: deprecated field\n",
                  color: "raw",
                  severity: "warning",
                },
              },
              policyEvent("warning", "image-pinned"),
            ]),
          }
        : undefined,
    );
    const progress: unknown[] = [];
    const seen: string[] = [];
    const result = await preview("staging", {
      pulumiCommand: cli(fake),
      onProgress: (p) => progress.push(p),
      onDiagnostic: (d) => seen.push(`${d.severity}: ${d.message}`),
      onPolicyViolation: (v) => seen.push(`${v.level} ${v.policy} ${v.severity}: ${v.message}`),
      onSummary: (c) => seen.push(`summary ${JSON.stringify(c)}`),
    });
    assert.deepEqual(progress.at(-1), { planned: 2, done: 2, failed: 0, current: "api" });
    assert.deepEqual(seen, [
      "warning: warning: deprecated field",
      "advisory image-pinned high: may run as root",
      'summary {"create":2}',
    ]);
    assert.deepEqual(
      result.violations.map((v) => v.level),
      ["advisory"],
      "the CLI's 'warning' is normalised",
    );
  });

  it("reports each policy event as a finding of the shared model, the resource named from its URN", async () => {
    const stackWide = { policyEvent: { ...policyEvent("advisory").policyEvent, resourceUrn: "", severity: undefined } };
    const fake = new FakePulumi((args) =>
      args[0] === "preview" ? { events: runEvents([policyEvent("advisory"), stackWide]) } : undefined,
    );
    const result = await preview("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT });
    const finding = {
      policy: "pss-run-as-non-root",
      category: "security",
      level: "advisory",
      severity: "high",
      urn: "urn:pulumi:prod::platform::kubernetes:apps/v1:Deployment::api",
      type: "kubernetes:apps/v1:Deployment",
      name: "api",
      message: "may run as root",
      pack: "platform-guardrails",
    };
    assert.deepEqual(result.violations, [finding, { ...finding, urn: "", type: "", name: "", severity: "medium" }]);
    const remediated = new FakePulumi((args) =>
      args[0] === "preview"
        ? { events: runEvents([policyEvent("remediate")]), code: 255, stderr: "error: preview failed" }
        : undefined,
    );
    await assert.rejects(
      preview("staging", { pulumiCommand: cli(remediated), projectDir: REPO_ROOT }),
      (e: unknown) =>
        e instanceof PolicyViolationError &&
        (assert.deepEqual(e.violations, [{ ...finding, level: "mandatory" }]), true),
    );
  });

  it("ups a stack and returns outputs with secrets masked", async () => {
    const fake = new FakePulumi((args) => {
      if (args[0] === "up") return { events: runEvents() };
      if (args[0] === "stack" && args[1] === "output") {
        return {
          stdout: args.includes("--show-secrets")
            ? '{"namespace":"lending","grafana":"s3cr3t"}'
            : '{"namespace":"lending","grafana":"[secret]"}',
        };
      }
      return undefined;
    });
    const result = await up("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT });
    assert.deepEqual(result.outputs, { namespace: "lending", grafana: "[secret]" });
    assert.deepEqual(result.changes, { create: 2 });
    assert.ok(fake.callsOf("up")[0].args.includes("--policy-pack"));
  });

  it("refreshes, destroys and reads outputs", async () => {
    const fake = new FakePulumi(() => undefined);
    assert.equal((await refresh("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT })).operation, "refresh");
    assert.equal((await destroy("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT })).operation, "destroy");
    assert.deepEqual((await outputs("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT })).outputs, {});
    assert.ok(fake.callsOf("refresh").length === 1 && fake.callsOf("destroy").length === 1);
  });

  it("never puts config, let alone secrets, on the command line: the CLI reads the stack file itself", async () => {
    const fake = new FakePulumi(() => undefined);
    await preview("prod", { pulumiCommand: cli(fake), projectDir: REPO_ROOT });
    const argv = fake.calls.map((c) => c.args.join(" ")).join("\n");
    assert.doesNotMatch(argv, /config set/);
    assert.doesNotMatch(argv, /placeholder-set-with-pulumi-config-set-secret|hooks\.slack/);
  });

  it("gives parallel operations on different stacks their own stack and policy config", async () => {
    const fake = new FakePulumi((args) =>
      args[0] === "preview" ? (recordPolicyConfig(args), { events: runEvents() }) : undefined,
    );
    await Promise.all([
      preview("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT }),
      preview("prod", { pulumiCommand: cli(fake), projectDir: REPO_ROOT }),
    ]);
    const files = new Map(
      fake
        .callsOf("preview")
        .map((c) => [c.args[c.args.indexOf("--stack") + 1], c.args[c.args.indexOf("--policy-pack-config") + 1]]),
    );
    assert.equal(files.size, 2);
    assert.notEqual(files.get("staging"), files.get("prod"));
    assert.deepEqual(configSeen.get("prod"), { all: "mandatory", "aws-rds-backup-retention": { minimumDays: 30 } });
  });

  it("runs another project's own program from its directory, with that stack's declared levels", async () => {
    const exams = path.join(REPO_ROOT, "examples", "exams");
    const fake = new FakePulumi((args) =>
      args[0] === "preview" ? (recordPolicyConfig(args), { events: runEvents() }) : undefined,
    );
    await preview("acme-bank/nexus/prod", { pulumiCommand: cli(fake), projectDir: exams });
    const call = fake.callsOf("preview")[0];
    assert.equal(call.cwd, exams);
    assert.equal(call.args[call.args.indexOf("--exec-kind") + 1], "auto.local");
    assert.equal(call.args[call.args.indexOf("--stack") + 1], "acme-bank/nexus/prod");
    assert.deepEqual(configSeen.get("acme-bank/nexus/prod"), {
      all: "mandatory",
      "aws-rds-backup-retention": { minimumDays: 30 },
    });
  });

  it("runs every policy mandatory for a stack that declares no policy config", async () => {
    const config = stackConfigOf("staging");
    delete config["guardrails:policyConfig"];
    const project = tempProject("qa", config);
    const fake = new FakePulumi((args) =>
      args[0] === "preview" ? (recordPolicyConfig(args), { events: runEvents() }) : undefined,
    );
    try {
      await preview("acme-bank/platform/qa", { pulumiCommand: cli(fake), projectDir: project.dir });
    } finally {
      project.cleanup();
    }
    assert.deepEqual(configSeen.get("acme-bank/platform/qa"), { all: "mandatory" });
  });

  describe("errors", () => {
    it("maps a missing stack", async () => {
      const fake = new FakePulumi((args) =>
        args[0] === "stack" && args[1] === "select"
          ? { code: 255, stderr: "error: no stack named 'staging' found" }
          : undefined,
      );
      await assert.rejects(
        preview("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT }),
        (e: unknown) => e instanceof StackNotFoundError && /does not exist/.test(e.message),
      );
    });

    it("maps a concurrent update", async () => {
      const fake = new FakePulumi((args) =>
        args[0] === "up"
          ? { code: 255, stderr: "error: [409] Conflict: Another update is currently in progress." }
          : undefined,
      );
      await assert.rejects(up("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT }), ConcurrentUpdateError);
    });

    it("maps mandatory policy violations that block the operation", async () => {
      const fake = new FakePulumi((args) =>
        args[0] === "preview"
          ? { events: runEvents([policyEvent("mandatory")]), code: 255, stderr: "error: preview failed" }
          : undefined,
      );
      await assert.rejects(
        preview("prod", { pulumiCommand: cli(fake), projectDir: REPO_ROOT }),
        (e: unknown) => e instanceof PolicyViolationError && e.violations[0].policy === "pss-run-as-non-root",
      );
    });

    it("maps cancellation (Ctrl-C) to a clean cancelled error", async () => {
      const fake = new FakePulumi((args) => (args[0] === "up" ? { waitForCancel: true } : undefined));
      const controller = new AbortController();
      const running = up("staging", { pulumiCommand: cli(fake), signal: controller.signal, projectDir: REPO_ROOT });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(running, OperationCancelledError);
    });

    it("keeps the CLI's own error lines when it prints them on stdout, as it does for program errors", async () => {
      const stdout =
        "Previewing update (staging):\n\nerror: Running program '/repo/index.ts' failed with an unhandled exception:\nerror: an unhandled error occurred\n";
      const fake = new FakePulumi((args) => (args[0] === "preview" ? { code: 255, stdout, stderr: "" } : undefined));
      await assert.rejects(
        preview("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT }),
        (e: unknown) =>
          e instanceof OperationFailedError &&
          e.message ===
            "stack \"staging\": error: Running program '/repo/index.ts' failed with an unhandled exception:; error: an unhandled error occurred",
      );
    });

    it("falls back to the engine's error diagnostics when the CLI prints no error line", async () => {
      const events = runEvents([
        {
          diagnosticEvent: {
            message: "pulumi:pulumi:Stack platform-staging: failed to register\n",
            color: "raw",
            severity: "error",
          },
        },
      ]);
      const fake = new FakePulumi((args) =>
        args[0] === "preview" ? { code: 255, events, stdout: "", stderr: "" } : undefined,
      );
      await assert.rejects(
        preview("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT }),
        (e: unknown) =>
          e instanceof OperationFailedError &&
          e.message === 'stack "staging": pulumi:pulumi:Stack platform-staging: failed to register',
      );
    });

    it("keeps the CLI's first error line for other failures", async () => {
      const fake = new FakePulumi((args) =>
        args[0] === "up"
          ? { code: 255, stderr: "Updating (staging):\nerror: failed to decrypt configuration\n" }
          : undefined,
      );
      await assert.rejects(
        up("staging", { pulumiCommand: cli(fake), projectDir: REPO_ROOT }),
        (e: unknown) =>
          e instanceof OperationFailedError && e.message === 'stack "staging": error: failed to decrypt configuration',
      );
    });

    it("says where to get the CLI when there is none", async () => {
      const saved = process.env.PATH;
      process.env.PATH = "/nonexistent";
      try {
        await assert.rejects(
          preview("staging", { projectDir: REPO_ROOT }),
          (e: unknown) => e instanceof PulumiCliMissingError && /download-install/.test(e.message),
        );
      } finally {
        process.env.PATH = saved;
      }
    });
  });

  it("leaves defaults alone for unknown commands (sanity of the fake)", () => {
    assert.deepEqual(defaultAnswer(["whoami"]), {});
  });
});
