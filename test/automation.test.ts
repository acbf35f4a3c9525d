import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../automation/check/runCheck";
import { offlineStackReferenceOutputs, renderProgram } from "../automation/check/renderProgram";
import {
  ConcurrentUpdateError, OperationCancelledError, OperationFailedError, PolicyViolationError, PulumiCliMissingError, StackNotFoundError,
  inlineProgram, outputs, preview, up, destroy, refresh,
} from "../automation/ops";
import { installMockEngine } from "../automation/check/mockEngine";
import { readProgramConfig } from "../automation/check/stackFiles";
import { defaultAnswer, FakePulumi, runEvents } from "./fixtures/fakePulumi";

const cli = (fake: FakePulumi) => fake as unknown as PulumiCommand;

function policyEvent(level: string, policy = "pss-run-as-non-root") {
  return {
    policyEvent: {
      resourceUrn: "urn:pulumi:prod::platform::kubernetes:apps/v1:Deployment::api", message: "<{%reset%}>may run as root<{%reset%}>\n",
      color: "raw", policyName: policy, policyPackName: "platform-guardrails", policyPackVersion: "0.1.0", policyPackVersionTag: "0.1.0",
      enforcementLevel: level, severity: "high",
    },
  };
}

describe("automation library (real Automation API, fake CLI)", () => {
  it("previews a stack with its policy pack and policy config attached", async () => {
    const fake = new FakePulumi((args) => (args[0] === "preview" ? { events: runEvents() } : undefined));
    const result = await preview("staging", { pulumiCommand: cli(fake) });
    assert.deepEqual(fake.callsOf("stack")[0].args.slice(0, 4), ["stack", "select", "--stack", "staging"]);
    const args = fake.callsOf("preview")[0].args;
    assert.equal(args[args.indexOf("--policy-pack") + 1], path.join(REPO_ROOT, "policy"));
    assert.equal(args[args.indexOf("--policy-pack-config") + 1], path.join(REPO_ROOT, "policy", "config", "staging.json"));
    assert.equal(args[args.indexOf("--stack") + 1], "staging");
    assert.ok(args.includes("--exec-kind") && args[args.indexOf("--exec-kind") + 1] === "auto.inline", "the inline program");
    assert.deepEqual(result.changes, { create: 2 });
    assert.equal(result.operation, "preview");
    assert.ok(result.durationMs >= 0);
  });

  it("streams progress, diagnostics, policy violations and the summary to callbacks", async () => {
    const fake = new FakePulumi((args) => (args[0] === "preview" ? {
      events: runEvents([
        { diagnosticEvent: { message: "\u001b[33mwarning\u001b[0m: deprecated field\n", color: "raw", severity: "warning" } },
        policyEvent("warning", "image-pinned"),
      ]),
    } : undefined));
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
    assert.deepEqual(seen, ["warning: warning: deprecated field", "advisory image-pinned high: may run as root", 'summary {"create":2}']);
    assert.deepEqual(result.violations.map((v) => v.level), ["advisory"], "the CLI's 'warning' is normalised");
  });

  it("ups a stack and returns outputs with secrets masked", async () => {
    const fake = new FakePulumi((args) => {
      if (args[0] === "up") return { events: runEvents() };
      if (args[0] === "stack" && args[1] === "output") {
        return { stdout: args.includes("--show-secrets") ? '{"namespace":"lending","grafana":"s3cr3t"}' : '{"namespace":"lending","grafana":"[secret]"}' };
      }
      return undefined;
    });
    const result = await up("staging", { pulumiCommand: cli(fake) });
    assert.deepEqual(result.outputs, { namespace: "lending", grafana: "[secret]" });
    assert.deepEqual(result.changes, { create: 2 });
    assert.ok(fake.callsOf("up")[0].args.includes("--policy-pack"));
  });

  it("refreshes, destroys and reads outputs", async () => {
    const fake = new FakePulumi(() => undefined);
    assert.equal((await refresh("staging", { pulumiCommand: cli(fake) })).operation, "refresh");
    assert.equal((await destroy("staging", { pulumiCommand: cli(fake) })).operation, "destroy");
    assert.deepEqual((await outputs("staging", { pulumiCommand: cli(fake) })).outputs, {});
    assert.ok(fake.callsOf("refresh").length === 1 && fake.callsOf("destroy").length === 1);
  });

  it("never puts config, let alone secrets, on the command line: the stack file travels as a file", async () => {
    const fake = new FakePulumi(() => undefined);
    await preview("prod", { pulumiCommand: cli(fake) });
    const argv = fake.calls.map((c) => c.args.join(" ")).join("\n");
    assert.doesNotMatch(argv, /config set/);
    assert.doesNotMatch(argv, /placeholder-set-with-pulumi-config-set-secret|hooks\.slack/);
    const workDir = fake.calls[0].cwd;
    assert.notEqual(workDir, REPO_ROOT);
    assert.ok(!fs.existsSync(workDir), "the private work directory is removed afterwards");
  });

  it("gives parallel operations on different stacks their own work directories", async () => {
    const fake = new FakePulumi((args) => (args[0] === "preview" ? { events: runEvents() } : undefined));
    await Promise.all([preview("staging", { pulumiCommand: cli(fake) }), preview("prod", { pulumiCommand: cli(fake) })]);
    const dirs = new Map(fake.callsOf("preview").map((c) => [c.args[c.args.indexOf("--stack") + 1], c.cwd]));
    assert.equal(dirs.size, 2);
    assert.notEqual(dirs.get("staging"), dirs.get("prod"));
  });

  describe("errors", () => {
    it("maps a missing stack", async () => {
      const fake = new FakePulumi((args) => (args[0] === "stack" && args[1] === "select" ? { code: 255, stderr: "error: no stack named 'staging' found" } : undefined));
      await assert.rejects(preview("staging", { pulumiCommand: cli(fake) }), (e: unknown) => e instanceof StackNotFoundError && /does not exist/.test(e.message));
    });

    it("maps a concurrent update", async () => {
      const fake = new FakePulumi((args) => (args[0] === "up" ? { code: 255, stderr: "error: [409] Conflict: Another update is currently in progress." } : undefined));
      await assert.rejects(up("staging", { pulumiCommand: cli(fake) }), ConcurrentUpdateError);
    });

    it("maps mandatory policy violations that block the operation", async () => {
      const fake = new FakePulumi((args) => (args[0] === "preview" ? { events: runEvents([policyEvent("mandatory")]), code: 255, stderr: "error: preview failed" } : undefined));
      await assert.rejects(preview("prod", { pulumiCommand: cli(fake) }), (e: unknown) => e instanceof PolicyViolationError && e.violations[0].policy === "pss-run-as-non-root");
    });

    it("maps cancellation (Ctrl-C) to a clean cancelled error", async () => {
      const fake = new FakePulumi((args) => (args[0] === "up" ? { waitForCancel: true } : undefined));
      const controller = new AbortController();
      const running = up("staging", { pulumiCommand: cli(fake), signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(running, OperationCancelledError);
    });

    it("keeps the CLI's first error line for other failures", async () => {
      const fake = new FakePulumi((args) => (args[0] === "up" ? { code: 255, stderr: "Updating (staging):\nerror: failed to decrypt configuration\n" } : undefined));
      await assert.rejects(up("staging", { pulumiCommand: cli(fake) }), (e: unknown) => e instanceof OperationFailedError && e.message === 'stack "staging": error: failed to decrypt configuration');
    });

    it("says where to get the CLI when there is none", async () => {
      const saved = process.env.PATH;
      process.env.PATH = "/nonexistent";
      try {
        await assert.rejects(preview("staging"), (e: unknown) => e instanceof PulumiCliMissingError && /download-install/.test(e.message));
      } finally {
        process.env.PATH = saved;
      }
    });
  });

  it("runs the same program as index.ts: the inline program registers the same resources under mocks", async () => {
    const viaIndex = await renderProgram({ projectDir: REPO_ROOT, stack: "staging" });
    const { project, config, secretKeys } = readProgramConfig(REPO_ROOT, "staging");
    const engine = installMockEngine({ project, stack: "staging", stackReferenceOutputs: offlineStackReferenceOutputs });
    pulumi.runtime.setAllConfig(config, secretKeys);
    await pulumi.runtime.runInPulumiStack(inlineProgram);
    await engine.settle();
    const urns = (rs: { urn: string }[]) => rs.map((r) => r.urn).sort();
    assert.deepEqual(urns(engine.resources), urns(viaIndex.resources));
  });

  it("leaves defaults alone for unknown commands (sanity of the fake)", () => {
    assert.deepEqual(defaultAnswer(["whoami"]), {});
  });
});
