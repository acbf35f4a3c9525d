#!/usr/bin/env node
// `npm run platform` in a checkout: the CLI `npm run build` compiled into dist/. Nothing is built
// here; a warning says when a source is newer than the last build.
"use strict";
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
  process.stderr.write("error: dist/ is not built: run npm run build (npm ci runs it)\n");
  process.exit(2);
}
const built = fs.statSync(stamp).mtimeMs;
if (["components", "automation", "policy"].some((dir) => newestSource(path.join(root, dir)) > built)) {
  process.stderr.write(
    "warning: sources changed since the last build; running the built CLI (npm run build refreshes it)\n",
  );
}
require(path.join(root, "dist", "automation", "cli.js")).runAsProcess();
