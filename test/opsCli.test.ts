import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "./fixtures/paths";
import { runCli } from "./fixtures/cli";
import { FakePulumi, runEvents } from "./fixtures/fakePulumi";

const exec = promisify(execFile);

function fakeWith(events = runEvents(), failing?: { verb: string; stderr: string }) {
  return new FakePulumi((args) => {
    if (failing && args[0] === failing.verb) return { events, code: 255, stderr: failing.stderr };
    if (["preview", "up", "destroy", "refresh"].includes(args[0])) return { events };
    if (args[0] === "stack" && args[1] === "output")
      return {
        stdout: args.includes("--show-secrets")
          ? '{"namespace":"lending","pw":"x"}'
          : '{"namespace":"lending","pw":"[secret]"}',
      };
    return undefined;
  });
}

const mandatory = {
  policyEvent: {
    resourceUrn: "urn:pulumi:prod::platform::kubernetes:apps/v1:Deployment::api",
    message: "may run as root",
    color: "never",
    policyName: "pss-run-as-non-root",
    policyPackName: "platform-guardrails",
    policyPackVersion: "0.1.0",
    policyPackVersionTag: "0.1.0",
    enforcementLevel: "mandatory",
  },
};

describe("platform preview|up|destroy|refresh|outputs (CLI)", () => {
  it("previews with plain progress lines off a terminal and a one-line summary", async () => {
    const progress: string[] = [];
    const run = await runCli(["preview", "--stack", "staging"], {
      pulumiCommand: fakeWith() as unknown as PulumiCommand,
      isTTY: false,
      progress: (t) => progress.push(t),
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout.trimEnd(), /^preview staging: create 2 \(\d+\.\d s\)$/);
    assert.deepEqual(progress, ["0/1 done, api\n", "1/1 done, api\n", "1/2 done, api\n", "2/2 done, api\n"]);
  });

  it("draws a progress bar on a terminal", async () => {
    const progress: string[] = [];
    await runCli(["preview", "--stack", "staging"], {
      pulumiCommand: fakeWith() as unknown as PulumiCommand,
      isTTY: true,
      progress: (t) => progress.push(t),
    });
    assert.ok(
      progress.some((t) => t.startsWith("\r[") && t.includes("] 2/2 api")),
      progress.join("|"),
    );
  });

  it("prints one JSON result document with --json", async () => {
    const run = await runCli(["up", "--stack", "staging", "--json", "--yes"], {
      pulumiCommand: fakeWith() as unknown as PulumiCommand,
      isTTY: false,
    });
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(result), ["operation", "stack", "changes", "outputs", "violations", "durationMs"]);
    assert.deepEqual(result.outputs, { namespace: "lending", pw: "[secret]" });
  });

  it("prints outputs with secrets masked", async () => {
    const run = await runCli(["outputs", "--stack", "staging"], {
      pulumiCommand: fakeWith() as unknown as PulumiCommand,
      isTTY: false,
    });
    assert.match(run.stdout, /^namespace: lending\npw: \[secret\]\n/);
  });

  it("exits 1 with one line when mandatory policies block the operation", async () => {
    const run = await runCli(["preview", "--stack", "prod"], {
      pulumiCommand: fakeWith(runEvents([mandatory]), {
        verb: "preview",
        stderr: "error: preview failed",
      }) as unknown as PulumiCommand,
      isTTY: false,
      progress: () => {},
    });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'error: stack "prod": 1 mandatory policy violation(s): pss-run-as-non-root\n');
  });

  describe("up shows the preview and asks first, on every stack", () => {
    it("previews, asks, and applies only after a yes", async () => {
      const asked: string[] = [];
      const fake = fakeWith();
      const run = await runCli(["up", "--stack", "staging"], {
        pulumiCommand: fake as unknown as PulumiCommand,
        isTTY: true,
        progress: () => {},
        confirm: async (q) => {
          asked.push(q);
          return "y";
        },
      });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(asked, ['Apply these changes to "staging"? [y/N] ']);
      assert.deepEqual(
        fake.calls.filter((c) => ["preview", "up"].includes(c.args[0])).map((c) => c.args[0]),
        ["preview", "up"],
      );
      const previewLine = run.stdout.search(/^preview staging: create 2 \(\d+\.\d s\)$/m);
      assert.ok(
        previewLine >= 0 && previewLine < run.stdout.search(/^up staging: create 2/m),
        "the preview's changes are shown before the question",
      );
    });

    it("applies nothing when the answer is no", async () => {
      const fake = fakeWith();
      const run = await runCli(["up", "--stack", "staging"], {
        pulumiCommand: fake as unknown as PulumiCommand,
        isTTY: true,
        progress: () => {},
        confirm: async () => "n",
      });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, 'error: up on "staging" not confirmed\n');
      assert.equal(fake.callsOf("up").length, 0);
    });

    it("refuses up and destroy without --yes off a terminal (exit 2), for any stack", async () => {
      for (const [verb, stack] of [
        ["up", "staging"],
        ["destroy", "prod"],
      ]) {
        const fake = fakeWith();
        const run = await runCli([verb, "--stack", stack], {
          pulumiCommand: fake as unknown as PulumiCommand,
          isTTY: false,
          progress: () => {},
        });
        assert.equal(run.code, 2);
        assert.equal(
          run.stderr,
          `error: --yes: ${verb} on stack "${stack}" changes real resources; give --yes when there is no terminal to confirm on\n`,
        );
        assert.equal(fake.callsOf(verb).length, 0, "nothing was changed");
      }
    });
  });

  describe("protected stacks (prod)", () => {
    it("go ahead with --yes, or when the user types the stack name", async () => {
      const withYes = await runCli(["up", "--stack", "prod", "--yes"], {
        pulumiCommand: fakeWith() as unknown as PulumiCommand,
        isTTY: false,
      });
      assert.equal(withYes.code, 0, withYes.stderr);
      const asked: string[] = [];
      const typed = await runCli(["destroy", "--stack", "prod"], {
        pulumiCommand: fakeWith() as unknown as PulumiCommand,
        isTTY: true,
        progress: () => {},
        confirm: async (q) => {
          asked.push(q);
          return "prod";
        },
      });
      assert.equal(typed.code, 0, typed.stderr);
      assert.deepEqual(asked, ['"prod" is protected. Type its name to destroy it: ']);
    });

    it("stop when the typed name does not match", async () => {
      const fake = fakeWith();
      const run = await runCli(["up", "--stack", "prod"], {
        pulumiCommand: fake as unknown as PulumiCommand,
        isTTY: true,
        progress: () => {},
        confirm: async () => "staging",
      });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, 'error: up on "prod" not confirmed\n');
      assert.equal(fake.callsOf("up").length, 0);
    });

    it("do not ask before a preview", async () => {
      const run = await runCli(["preview", "--stack", "prod"], {
        pulumiCommand: fakeWith() as unknown as PulumiCommand,
        isTTY: false,
        progress: () => {},
      });
      assert.equal(run.code, 0, run.stderr);
    });
  });

  it("exits 2 with where to get the CLI when it is missing, in its own process", async function () {
    this.timeout(60000);
    const err = await exec(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "automation", "cli.js"), "preview", "--stack", "staging"],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, PATH: path.dirname(process.execPath) },
      },
    ).then(
      () => assert.fail("expected exit 2"),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(err.code, 2);
    assert.equal(
      err.stderr,
      "error: the Pulumi CLI was not found: install it from https://www.pulumi.com/docs/iac/download-install/ (or put `pulumi` on PATH)\n",
    );
  });

  it("exits 2 on a missing --stack", async () => {
    const run = await runCli(["refresh"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /required option '--stack <name>' not specified/);
  });
});
