#!/usr/bin/env node
// Second half of `npm run build`: puts what tsc does not emit next to the compiled code — the
// checker's bundled CustomResourceDefinitions, and next to the compiled policy pack
// its PulumiPolicy.yaml, a package.json whose main is the compiled entry, and the per-stack
// enforcement presets — so `pulumi preview --policy-pack <package>/dist/policy` runs it as shipped.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const src = path.join(root, "policy");
const out = path.join(root, "dist", "policy");
const { version } = require(path.join(root, "package.json"));
const pack = require(path.join(src, "package.json"));

fs.mkdirSync(path.join(out, "config"), { recursive: true });
fs.copyFileSync(path.join(src, "PulumiPolicy.yaml"), path.join(out, "PulumiPolicy.yaml"));
const manifest = { name: pack.name, version, private: true, description: pack.description, main: "pack.js" };
fs.writeFileSync(path.join(out, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
for (const file of fs.readdirSync(path.join(src, "config")).filter((f) => f.endsWith(".json"))) {
  fs.copyFileSync(path.join(src, "config", file), path.join(out, "config", file));
}
fs.chmodSync(path.join(root, "dist", "automation", "cli.js"), 0o755);
const crds = path.join(root, "automation", "check", "crds");
fs.mkdirSync(path.join(root, "dist", "automation", "check", "crds"), { recursive: true });
for (const file of fs.readdirSync(crds))
  fs.copyFileSync(path.join(crds, file), path.join(root, "dist", "automation", "check", "crds", file));
fs.writeFileSync(path.join(root, "dist", ".build-stamp"), `${new Date().toISOString()}\n`);
