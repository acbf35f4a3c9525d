// The SDK floor: `node bench/sdkFloor.cjs N` registers N bare Deployments under Pulumi's own
// mock monitor in preview mode, as `check` renders a program, and waits until the engine has
// them all. Plain JavaScript, so nothing but @pulumi/pulumi and @pulumi/kubernetes is loaded,
// from Node's code cache as the checker loads them.
"use strict";
require("node:module").enableCompileCache?.();
const pulumi = require("@pulumi/pulumi");
const settings = require("@pulumi/pulumi/runtime/settings");

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) {
  console.error(`sdkFloor: expected a number of Deployments >= 1, got ${process.argv[2] ?? "nothing"}`);
  process.exit(2);
}
Error.stackTraceLimit = 1;
pulumi.runtime.setMocks(
  { newResource: (args) => ({ id: undefined, state: args.inputs }), call: (args) => args.inputs },
  "floor",
  "bench",
  true,
);
const k8s = require("@pulumi/kubernetes");
for (let i = 0; i < count; i++) {
  const labels = { "app.kubernetes.io/name": `app-${i}` };
  new k8s.apps.v1.Deployment(`app-${i}`, {
    metadata: { name: `app-${i}`, namespace: "team", labels },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "registry.example/app:1.0.0" }] } },
    },
  });
}
settings.waitForRPCs().then(() => console.log(JSON.stringify({ deployments: count })));
