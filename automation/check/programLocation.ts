import * as path from "node:path";
import { originalPosition } from "./typescriptLoader";

const FRAME = /\(?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/;

/**
 * The first place in the project's own files (outside `node_modules`) a stack trace passes
 * through, as `file:line` relative to `projectDir`, mapped back to the TypeScript source when
 * the checker compiled it.
 */
export function programLocation(stack: string | undefined, projectDir: string): string | undefined {
  const root = path.resolve(projectDir) + path.sep;
  for (const text of (stack ?? "").split("\n")) {
    const m = FRAME.exec(text.trim());
    if (!m) continue;
    const file = m[1].replace(/^file:\/\//, "");
    if (!file.startsWith(root) || file.split(path.sep).includes("node_modules")) continue;
    const line = Number(m[2]);
    const mapped = originalPosition(file, line, Number(m[3]));
    return `${path.relative(projectDir, file)}:${mapped?.line ?? line}`;
  }
  return undefined;
}
