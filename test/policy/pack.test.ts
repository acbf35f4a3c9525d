import { strict as assert } from "node:assert";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../fixtures/paths";
import { PolicyAnalyzer } from "../../automation/policy/analyzer";
import { servePack } from "../../automation/policy/packLoader";
import { reconcilePolicyConfig } from "../../automation/policy/policyConfig";
import { PACK_NAME, policies } from "../../policy/policies";
import { captured } from "./harness";
import { deploymentWith } from "./workloads";

const PACK_DIR = path.join(REPO_ROOT, "policy");

describe("policy pack: structure", () => {
  it("is a pack the CLI can load: PulumiPolicy.yaml, a package.json at the SDK's version, an entry that only builds the pack", () => {
    const manifest = parse(fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8"));
    assert.equal(manifest.runtime, "nodejs");
    const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
    assert.equal(pkg.version, root.version);
    assert.equal(pkg.main, "pack.ts");
    assert.equal(
      fs.readFileSync(path.join(PACK_DIR, "pack.ts"), "utf8"),
      'import { createPolicyPack } from "./packDefinition";\n\ncreatePolicyPack();\n',
    );
    assert.equal(PACK_NAME, "platform-guardrails");
  });

  it("ships compiled in the package: dist/policy runs as the same pack, with the presets beside it", () => {
    const built = path.join(REPO_ROOT, "dist", "policy");
    const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    const pkg = JSON.parse(fs.readFileSync(path.join(built, "package.json"), "utf8"));
    assert.deepEqual([pkg.name, pkg.version, pkg.main], ["platform-guardrails", root.version, "pack.js"]);
    assert.ok(fs.existsSync(path.join(built, "pack.js")) && fs.existsSync(path.join(built, "PulumiPolicy.yaml")));
    for (const preset of fs.readdirSync(path.join(PACK_DIR, "config"))) {
      assert.equal(
        fs.readFileSync(path.join(built, "config", preset), "utf8"),
        fs.readFileSync(path.join(PACK_DIR, "config", preset), "utf8"),
        preset,
      );
    }
  });

  it("is self-contained, so `pulumi policy publish` can ship the folder alone", () => {
    for (const file of walk(PACK_DIR).filter((f) => f.endsWith(".ts"))) {
      for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)) {
        if (spec.startsWith(".")) {
          const target = path.resolve(path.dirname(file), spec);
          assert.ok(target.startsWith(PACK_DIR + path.sep), `${path.relative(PACK_DIR, file)} imports ${spec}`);
        } else {
          const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
          const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
          assert.ok(
            manifest.dependencies[pkg],
            `${path.relative(PACK_DIR, file)} uses ${pkg}, not in policy/package.json`,
          );
        }
      }
    }
    const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    const pack = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
    const rootRange = (dep: string) =>
      root.dependencies[dep] ?? root.peerDependencies[dep] ?? root.devDependencies[dep];
    for (const [dep, range] of Object.entries(pack.dependencies))
      assert.equal(range, rootRange(dep), `${dep} pinned as in the SDK`);
  });

  it("gives every policy a stable kebab-case name and full metadata", () => {
    const names = policies.map((p) => p.name);
    assert.equal(new Set(names).size, names.length, "unique names");
    for (const p of policies) {
      assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, p.name);
      assert.ok(p.description.length > 20, `${p.name} description`);
      assert.ok(p.severity, `${p.name} severity`);
      assert.ok(p.remediationSteps && p.remediationSteps.length > 20, `${p.name} remediationSteps`);
      assert.match(p.url ?? "", /^https:\/\//, `${p.name} url`);
      assert.ok(
        p.tags?.some((t) => t.startsWith("group:")),
        `${p.name} group tag`,
      );
      assert.equal(p.enforcementLevel, undefined, `${p.name} leaves its level to the stack config`);
    }
  });

  it("names a compliance framework for every Pod Security and TLS policy", () => {
    for (const p of policies.filter(
      (x) => x.tags?.includes("group:pod-security") || x.tags?.includes("group:tls") || x.name.includes("encryption"),
    )) {
      assert.ok(p.framework?.name && p.framework.reference, p.name);
    }
  });

  it("declares a config schema for every policy that reads config", () => {
    for (const file of walk(path.join(PACK_DIR, "policies"))) {
      const source = fs.readFileSync(file, "utf8");
      if (source.includes("getConfig")) assert.match(source, /configSchema:/, path.relative(PACK_DIR, file));
    }
  });

  it("keeps per-stack enforcement in the --policy-pack-config format", () => {
    const prod = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config", "prod.json"), "utf8"));
    assert.deepEqual(prod, { all: "mandatory", "aws-rds-backup-retention": { minimumDays: 30 } });
    const staging = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config", "staging.json"), "utf8"));
    assert.equal(staging.all, "mandatory");
    const advisory = Object.entries(staging)
      .filter(([, v]) => v === "advisory")
      .map(([k]) => k)
      .sort();
    const relaxed = policies
      .filter((p) => p.tags?.includes("group:hardening") || p.tags?.includes("group:readiness"))
      .map((p) => p.name)
      .sort();
    assert.deepEqual(advisory, relaxed, "staging: exactly the hardening and readiness policies are advisory");
  });

  describe("under the Pulumi CLI's own policy-pack runner", function () {
    this.timeout(90000);
    let child: ChildProcess | undefined;
    after(() => child?.kill());

    it("type-checks, starts and serves every policy over the analyzer protocol, answering as the checker does", async () => {
      child = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", "."], {
        cwd: PACK_DIR,
      });
      let stderr = "";
      child.stderr!.on("data", (d) => {
        stderr += d;
      });
      const port = await new Promise<string>((resolve, reject) => {
        child!.stdout!.once("data", (d) => resolve(String(d).trim()));
        child!.once("exit", (code) => reject(new Error(`pack exited ${code}: ${stderr}`)));
      });
      assert.match(port, /^\d+$/);
      const grpc = require("@grpc/grpc-js");
      const { AnalyzerClient } = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
      const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
      const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      const info: any = await new Promise((resolve, reject) =>
        client.getAnalyzerInfo(new Empty(), (err: unknown, r: unknown) => (err ? reject(err) : resolve(r))),
      );
      assert.equal(info.getName(), "platform-guardrails");
      assert.deepEqual(
        info.getPoliciesList().map((p: any) => p.getName()),
        policies.map((p) => p.name),
      );

      // The same resource over real gRPC and through the checker's in-process requests.
      const subject = captured([
        deploymentWith((s) => {
          s.containers[0].securityContext.privileged = true;
          s.hostPID = true;
        }),
      ])[0];
      const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");
      const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
      const req = new analyzerProto.AnalyzeRequest();
      req.setType(subject.type);
      req.setUrn(subject.urn);
      req.setName(subject.name);
      req.setProperties(Struct.fromJavaScript(subject.inputs));
      req.setOptions(new analyzerProto.AnalyzerResourceOptions());
      const overGrpc: any = await new Promise((resolve, reject) =>
        client.analyze(req, (err: unknown, r: unknown) => (err ? reject(err) : resolve(r))),
      );
      client.close();
      const remote = overGrpc
        .getDiagnosticsList()
        .map((d: any) => `${d.getPolicyname()}: ${d.getMessage()}`)
        .sort();
      const local = new PolicyAnalyzer(servePack());
      const { policies: infos } = await local.info();
      await local.configure(reconcilePolicyConfig(infos, {}, "defaults"));
      const inProcess = (await local.analyze(subject)).map((d) => `${d.policy}: ${d.message}`).sort();
      assert.ok(remote.length >= 2, remote.join("\n"));
      assert.deepEqual(inProcess, remote);
    });
  });
});

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name !== "node_modules")
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("policy pack: documentation", () => {
  it("names every policy in the guardrails concept page and in the generated policy reference", () => {
    const concept = fs.readFileSync(path.join(REPO_ROOT, "docs", "concepts", "guardrails-and-enforcement.md"), "utf8");
    const reference = fs.readFileSync(path.join(REPO_ROOT, "docs", "reference", "policies.md"), "utf8");
    for (const p of policies)
      assert.ok(concept.includes(`\`${p.name}\``) && reference.includes(`### \`${p.name}\``), p.name);
    assert.ok(concept.includes(`pack (\`platform-guardrails\`) of ${policies.length} policies`));
  });
});
