#!/usr/bin/env node
// `npm run platform` in a checkout: the CLI `npm run build` compiled into dist/. A checkout never
// built (installed with --ignore-scripts) is built first, saying so; a warning says when a source
// is newer than the last build.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const stamp = path.join(root, "dist", ".build-stamp");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (!fs.existsSync(stamp)) {
  process.stderr.write("building the platform CLI (first run: npm run build) …\n");
  const npm = process.env.npm_execpath
    ? [process.execPath, [process.env.npm_execpath, "run", "-s", "build"]]
    : ["npm", ["run", "-s", "build"]];
  const built = spawnSync(npm[0], npm[1], { cwd: root, stdio: ["ignore", 2, 2] });
  if (built.status !== 0 || !fs.existsSync(stamp)) {
    process.stderr.write("error: dist/ is not built and npm run build failed (see above)\n");
    process.exit(2);
  }
}
const built = fs.statSync(stamp).mtimeMs;
if (["components", "automation", "policy"].some((dir) => newestSource(path.join(root, dir)) > built)) {
  process.stderr.write(
    "warning: sources changed since the last build; running the built CLI (npm run build refreshes it)\n",
  );
}
require(path.join(root, "dist", "automation", "cli.js")).runAsProcess();
