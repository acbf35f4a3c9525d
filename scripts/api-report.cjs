#!/usr/bin/env node
// The API reports of the package's public entry points ("." "./policy" "./automation"), read from
// the built declarations in dist/ (run `npm run build` first) by API Extractor, one config per entry
// in etc/api/extractor/. `--local` (npm run api:update) rebuilds dist/ from scratch first — an
// incremental build keeps the declarations of unchanged files as an earlier build emitted them, union
// members in another order than a clean clone's build — and rewrites etc/api/*.api.md; without it
// (npm run api:check, in CI, after `npm ci` built dist/ from scratch) a report that differs from the
// checked-in one, or any warning, fails and the difference is printed.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { Extractor, ExtractorConfig } = require("@microsoft/api-extractor");

const root = path.resolve(__dirname, "..");
const configDir = path.join(root, "etc", "api", "extractor");
const local = process.argv.includes("--local");
const ENTRIES = ["platform.json", "policy.json", "automation.json"];

if (local) {
  fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

for (const entry of ["components", "policy", "automation"]) {
  if (!fs.existsSync(path.join(root, "dist", entry, "index.d.ts"))) {
    console.error(`dist/${entry}/index.d.ts is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
}

const failed = [];
for (const file of ENTRIES) {
  const config = ExtractorConfig.loadFileAndPrepare(path.join(configDir, file));
  const result = Extractor.invoke(config, { localBuild: local, showVerboseMessages: false });
  const { fileName } = config.reportConfigs[0];
  const report = path.relative(root, path.join(config.reportFolder, fileName));
  if (!local && result.apiReportChanged) {
    const built = path.relative(root, path.join(config.reportTempFolder, fileName));
    const diff = spawnSync("diff", ["-u", report, built], { cwd: root, encoding: "utf8" });
    if (diff.stdout) console.error(diff.stdout);
  }
  if (!result.succeeded) {
    const why = result.apiReportChanged
      ? "differs from the built API"
      : `${result.errorCount} error(s), ${result.warningCount} warning(s)`;
    failed.push(`${report}: ${why}`);
  } else if (local && result.apiReportChanged) {
    console.log(`${report}: updated`);
  }
}

if (failed.length) {
  for (const line of failed) console.error(line);
  if (!local)
    console.error(
      "The public API changed: run `npm run api:update` (a clean build, then the reports) and commit etc/api/*.api.md.",
    );
  process.exit(1);
}
