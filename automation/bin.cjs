#!/usr/bin/env node
// The package's `platform` command: TypeScript sources run through tsx, as `npm run platform` does.
Error.stackTraceLimit = 8;
require("tsx/cjs");
require("./cli.ts").runAsProcess();
