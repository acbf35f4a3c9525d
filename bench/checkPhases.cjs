// `node bench/checkPhases.cjs DIR STACK POLICY_CONFIG`: one check in this process with the built
// checker, as the CLI runs it, and its phase times as JSON (ms; `start` counts from the process's
// start, `readiness` is the readiness group's share of `policies`). Plain JavaScript, so no loader
// but the checker's own is in the process.
"use strict";
const path = require("node:path");

const [projectDir, stack, policyConfig] = process.argv.slice(2);
if (!projectDir || !stack || !policyConfig) {
  console.error("checkPhases: expected DIR STACK POLICY_CONFIG");
  process.exit(2);
}
Error.stackTraceLimit = 1;
require(path.join(__dirname, "..", "dist", "automation", "core", "codeCache.js")).enableCodeCache();
const { runCheck } = require(path.join(__dirname, "..", "dist", "automation", "check", "runCheck.js"));
const phases = {};
runCheck({
  projectDir,
  stack,
  policyConfig,
  onPhase: (phase, ms) => {
    phases[phase] = Math.round(ms);
  },
}).then(
  () => {
    console.log(JSON.stringify(phases));
    process.exit(0);
  },
  (err) => {
    console.error(`checkPhases: ${err.message}`);
    process.exit(1);
  },
);
