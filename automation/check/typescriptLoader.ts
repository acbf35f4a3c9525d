/**
 * Lets `require` load a team's TypeScript program, as Pulumi's Node.js runtime does with ts-node:
 * transpiled in memory by tsx (esbuild), not type-checked — run `tsc --noEmit` for that. tsx's
 * on-disk cache is turned off, so parallel checks never read each other's half-written files and
 * nothing is written anywhere.
 */
export function registerTypeScript(): void {
  if (require.extensions[".ts"]) return;
  process.env.TSX_DISABLE_CACHE = "1";
  (require("tsx/cjs/api") as { register(): void }).register();
}
