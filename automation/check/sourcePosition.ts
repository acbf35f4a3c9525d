import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { SourcePosition } from "../core/resourceModel";
import { originalPosition } from "./typescriptLoader";

/** One frame of the stack trace the SDK sends with a registration (`pulumirpc.StackFrame`). */
interface StackFrameLike {
  getPc(): { getUri(): string; getLine(): number; getColumn(): number } | undefined;
}

/** The checker's own files (it runs the program from them): never the program's frames. */
const CHECKER_DIR = path.resolve(__dirname, "..") + path.sep;

function filePath(uri: string): string | undefined {
  if (uri.startsWith("file:")) {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  return path.isAbsolute(uri) ? uri : undefined;
}

/**
 * Where the project's own code created a resource: the first frame of its registration's stack
 * trace in a file under `projectDir` outside `node_modules` (a component the project installed
 * counts as the library it is; the program line that called it is the place), mapped back to
 * the TypeScript source when the checker compiled it, with the path relative to `projectDir`.
 * `undefined` when no frame is the project's (a resource registered inside an `apply` callback,
 * the stack resource the checker itself registers).
 */
export function programSourcePosition(
  frames: readonly StackFrameLike[],
  projectDir: string,
): SourcePosition | undefined {
  const root = path.resolve(projectDir) + path.sep;
  for (const frame of frames) {
    const pc = frame.getPc();
    const file = pc && filePath(pc.getUri());
    if (!pc || !file || !file.startsWith(root) || file.startsWith(CHECKER_DIR)) continue;
    if (file.split(path.sep).includes("node_modules")) continue;
    const mapped = originalPosition(file, pc.getLine(), pc.getColumn());
    return {
      uri: path.relative(root, file).split(path.sep).join("/"),
      line: mapped?.line ?? pc.getLine(),
      column: mapped?.column ?? pc.getColumn(),
    };
  }
  return undefined;
}
