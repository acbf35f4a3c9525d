import * as nodeModule from "node:module";
import { CACHE_DIR_ENV } from "../check/compileCache";

/**
 * Turns on Node's own on-disk code cache for every module the process loads after it (the CLI,
 * the Pulumi SDKs, the pack, the program's compiled JavaScript): V8 keeps the compiled code of
 * each file keyed by its content, so a second run skips compiling what has not changed (about a
 * fifth of loading the checker). It lives where Node puts it (`node-compile-cache` in the temporary
 * folder, `NODE_COMPILE_CACHE` moves it) and never in a checkout; `NODE_DISABLE_COMPILE_CACHE=1`
 * or `PLATFORM_CHECK_CACHE=off` turns it off. It never throws: a folder Node cannot write
 * leaves it off.
 */
export function enableCodeCache(): void {
  if (process.env[CACHE_DIR_ENV] === "off") return;
  nodeModule.enableCompileCache?.();
}
