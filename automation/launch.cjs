#!/usr/bin/env node
// Starts the platform CLI from JavaScript: the TypeScript sources are transpiled once with esbuild
// (about 0.3 s) into bin/ and reused until a source changes. Loading through a TypeScript hook on
// every run cost about a second per command (see the README's performance section).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "bin");
const stampFile = path.join(out, ".build-stamp");
const SOURCE_DIRS = ["components", "automation", "policy"];

function sources() {
  const files = [path.join(root, "index.ts")];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(full);
    }
  };
  SOURCE_DIRS.forEach((d) => walk(path.join(root, d)));
  return files;
}

function fingerprint(files) {
  return files.map((f) => `${path.relative(root, f)}:${fs.statSync(f).mtimeMs}`).join("\n");
}

function build(files, stamp) {
  const esbuild = require("esbuild");
  const staging = `${out}.tmp-${process.pid}`;
  esbuild.buildSync({ entryPoints: files, outdir: staging, outbase: root, format: "cjs", platform: "node", target: "node20", logLevel: "error" });
  fs.copyFileSync(path.join(root, "policy", "package.json"), path.join(staging, "policy", "package.json"));
  fs.writeFileSync(path.join(staging, ".build-stamp"), stamp);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(staging, out);
}

const files = sources();
const stamp = fingerprint(files);
if (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, "utf8") !== stamp) build(files, stamp);
require(path.join(out, "automation", "cli.js")).runAsProcess();
