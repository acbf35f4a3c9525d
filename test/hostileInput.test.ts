import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { runCli } from "./fixtures/cli";
import { REPO_ROOT } from "./fixtures/paths";
import { stackConfigOf, tempProject } from "./fixtures/stackFiles";

/** Runs check and returns its exit code and its one line of error. */
async function refusal(argv: string[]): Promise<{ code: number; line: string }> {
  const run = await runCli(argv);
  const lines = run.stderr.trim().split("\n");
  assert.equal(lines.length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
  return { code: run.code, line: lines[0] };
}

function scratch(): { dir: string; file(name: string, content: string | Buffer): string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"));
  return {
    dir,
    file: (name, content) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, content);
      return f;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

describe("hostile input: every refusal one exit-2 line naming the file, never a hang or a stack trace", function () {
  this.timeout(60_000);

  it("a stack file that expands YAML aliases without bound (an alias bomb)", async () => {
    const lines = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ];
    const p = tempProject("staging", `config:\n  platform:bomb:\n${lines.map((l) => `    ${l}`).join("\n")}\n`);
    try {
      const { code, line } = await refusal(["check", "--project-dir", p.dir, "--stack", "staging"]);
      assert.equal(code, 2);
      assert.match(line, /^error: Pulumi\.staging\.yaml: not accepted: .*(alias|resource exhaustion)/i);
    } finally {
      p.cleanup();
    }
  });

  it("a stack file that is a link to a device (/dev/zero), which would never end", async () => {
    const p = tempProject("staging", "config: {}\n");
    try {
      fs.rmSync(path.join(p.dir, "Pulumi.staging.yaml"));
      fs.symlinkSync("/dev/zero", path.join(p.dir, "Pulumi.staging.yaml"));
      const { code, line } = await refusal(["check", "--project-dir", p.dir, "--stack", "staging"]);
      assert.equal(code, 2);
      assert.match(line, /Pulumi\.staging\.yaml: cannot read the stack file at \S+ \(not a regular file\)$/);
    } finally {
      p.cleanup();
    }
  });

  it("a stack file that is not UTF-8", async () => {
    const p = tempProject("staging", "config: {}\n");
    try {
      fs.writeFileSync(
        path.join(p.dir, "Pulumi.staging.yaml"),
        Buffer.from([0x63, 0x6f, 0x6e, 0x66, 0x69, 0x67, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
      );
      const { code, line } = await refusal(["check", "--project-dir", p.dir, "--stack", "staging"]);
      assert.equal(code, 2);
      assert.match(line, /Pulumi\.staging\.yaml: cannot read the stack file at \S+ \(not UTF-8 text\)$/);
    } finally {
      p.cleanup();
    }
  });

  it("an --input file nested 10,000 levels deep, and one larger than the limit", async () => {
    const s = scratch();
    try {
      const deep = s.file(
        "deep.json",
        `[{"type":"kubernetes:core/v1:ConfigMap","name":"x","props":{"data":${"[".repeat(10000)}${"]".repeat(10000)}}}]`,
      );
      const nested = await refusal(["check", "--input", deep]);
      assert.equal(nested.code, 2);
      assert.match(nested.line, /--input \S+deep\.json: nested deeper than 64 levels$/);
      const huge = path.join(s.dir, "huge.json");
      fs.writeFileSync(huge, "");
      fs.truncateSync(huge, 65 * 1024 * 1024);
      const big = await refusal(["check", "--input", huge]);
      assert.equal(big.code, 2);
      assert.match(
        big.line,
        /--input: cannot read \S+huge\.json \(65\.0 MiB, more than the 64\.0 MiB a file may have\)$/,
      );
    } finally {
      s.cleanup();
    }
  });

  it("a stack name that walks out of the project", async () => {
    const { code, line } = await refusal(["check", "--stack", "foo/../../x/Pulumi.staging"]);
    assert.equal(code, 2);
    assert.match(line, /--stack: "foo\/\.\.\/\.\.\/x\/Pulumi\.staging" is not a stack name/);
  });

  it("--project-dir with --input alone, which one of them would silently lose", async () => {
    const { code, line } = await refusal([
      "check",
      "--input",
      path.join(REPO_ROOT, "test", "fixtures", "input", "resources.json"),
      "--project-dir",
      REPO_ROOT,
    ]);
    assert.equal(code, 2);
    assert.match(line, /^error: --project-dir: not used with --input alone/);
  });

  it("a typo in a provider's or the engine's config namespace, with the key it meant", async () => {
    for (const [key, expected] of [
      [
        "aws:regoin",
        /Pulumi\.staging\.yaml: aws:regoin: unknown key \(the aws provider takes no such key, and would ignore it; did you mean aws:region\?\)$/,
      ],
      [
        "kubernetes:enableServerSideAply",
        /kubernetes:enableServerSideAply: unknown key \(the kubernetes provider takes no such key, and would ignore it; did you mean kubernetes:enableServerSideApply\?\)$/,
      ],
      [
        "pulumi:disable-default-provider",
        /pulumi:disable-default-provider: unknown key \(the Pulumi engine takes no such key, and would ignore it; did you mean pulumi:disable-default-providers\?\)$/,
      ],
    ] as const) {
      const p = tempProject("staging", { ...stackConfigOf("staging"), [key]: "x" });
      try {
        const { code, line } = await refusal(["check", "--project-dir", p.dir, "--stack", "staging"]);
        assert.equal(code, 2, key);
        assert.match(line, expected);
      } finally {
        p.cleanup();
      }
    }
  });

  it("a --policy-config that is a directory", async () => {
    const { code, line } = await refusal(["check", "--stack", "staging", "--policy-config", os.tmpdir()]);
    assert.equal(code, 2);
    assert.match(line, /--policy-config: cannot read \S+ \(EISDIR|not a regular file\)/);
  });
});

describe("redaction by type, not only by flag", () => {
  const input = (resources: object[]) => {
    const s = scratch();
    return { file: s.file("input.json", JSON.stringify(resources)), cleanup: s.cleanup };
  };

  it("never prints a Kubernetes Secret's data or stringData, marked secret or not", async () => {
    const i = input([
      {
        type: "kubernetes:core/v1:Secret",
        name: "db",
        props: {
          metadata: { name: "db", namespace: "team" },
          data: { password: "aHVudGVyMg==" },
          stringData: { token: "plain-token-value" },
        },
      },
    ]);
    try {
      const run = await runCli(["check", "--input", i.file, "--json"]);
      assert.doesNotMatch(run.stdout, /aHVudGVyMg==|plain-token-value/);
      const secret = JSON.parse(run.stdout).resources[0];
      assert.deepEqual([secret.props.data, secret.props.stringData], ["[secret]", "[secret]"]);
    } finally {
      i.cleanup();
    }
  });

  it("never echoes a secret number or boolean in a policy message, and keeps the rest of the message readable", async () => {
    const secret = (value: unknown) => ({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value,
    });
    const i = input([
      {
        type: "kubernetes:core/v1:Pod",
        name: "leaky",
        props: {
          metadata: { name: "leaky", namespace: "team" },
          spec: {
            containers: [
              {
                name: "c",
                image: "r/c:1.0.0",
                ports: [{ containerPort: 80, hostPort: secret(31337) }],
                securityContext: { runAsUser: secret(0) },
              },
            ],
          },
        },
      },
    ]);
    try {
      const run = await runCli(["check", "--input", i.file, "--json"]);
      const messages = JSON.parse(run.stdout)
        .violations.map((v: any) => v.message)
        .join("\n");
      assert.doesNotMatch(messages, /31337/);
      assert.match(messages, /hostPort/);
      const runAsUser = JSON.parse(run.stdout).violations.find((v: any) => v.policy === "pss-run-as-user").message;
      assert.match(runAsUser, /\[secret\]/);
      assert.match(runAsUser, /containers\[0\]/, "indices stay readable");
    } finally {
      i.cleanup();
    }
  });
});

describe("the prod gate: what a mandatory policy could not judge fails the run", () => {
  const unknownPrivileged = [
    {
      type: "kubernetes:apps/v1:Deployment",
      name: "api",
      props: {
        metadata: { name: "api", namespace: "team" },
        spec: {
          selector: { matchLabels: { app: "api" } },
          template: {
            metadata: { labels: { app: "api" } },
            spec: {
              containers: [
                {
                  name: "api",
                  image: "r/api:1.0.0",
                  securityContext: { privileged: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
                },
              ],
            },
          },
        },
      },
    },
  ];

  it("lists the unknown value and exits 1 under mandatory enforcement; a stack may report only, or accept one resource", async () => {
    const s = scratch();
    try {
      const file = s.file("input.json", JSON.stringify(unknownPrivileged));
      const strict = await runCli(["check", "--input", file, "--json"]);
      assert.equal(strict.code, 1);
      const report = JSON.parse(strict.stdout);
      const u = report.unknowns.find((x: any) => x.policy === "pss-privileged");
      assert.deepEqual([u.level, u.name, u.accepted], ["mandatory", "api", false]);
      assert.match(u.reason, /privileged can't be known during preview/);

      const project = (extra: Record<string, unknown>) => {
        fs.writeFileSync(path.join(s.dir, "Pulumi.yaml"), stringify({ name: "gate", runtime: "nodejs" }));
        fs.writeFileSync(
          path.join(s.dir, "Pulumi.ci.yaml"),
          stringify({
            config: { "guardrails:policies": { all: "disabled", "pss-privileged": "mandatory" }, ...extra },
          }),
        );
      };
      project({ "guardrails:unknowns": "report" });
      const reported = await runCli(["check", "--input", file, "--stack", "ci", "--project-dir", s.dir, "--json"]);
      assert.equal(reported.code, 0, reported.stderr);
      assert.equal(JSON.parse(reported.stdout).unknowns.length, 1, "still listed");
      project({
        "guardrails:accepted": [{ name: "api", unknowns: true, reason: "the image digest comes from the build stage" }],
      });
      const accepted = await runCli(["check", "--input", file, "--stack", "ci", "--project-dir", s.dir, "--json"]);
      assert.equal(accepted.code, 0, accepted.stderr);
      assert.equal(JSON.parse(accepted.stdout).unknowns[0].accepted, true);
      project({ "guardrails:unknowns": "warn" });
      assert.match(
        (await runCli(["check", "--input", file, "--stack", "ci", "--project-dir", s.dir])).stderr,
        /guardrails:unknowns: expected fail .* or report/,
      );
    } finally {
      s.cleanup();
    }
  });
});
