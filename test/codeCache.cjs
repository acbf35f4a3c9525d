// Loaded first in every mocha process: the suite's modules (tsx, the SDKs, the sources tsx
// compiles) come from Node's code cache, as the CLI's do (automation/core/codeCache.ts).
"use strict";
require("node:module").enableCompileCache?.();
