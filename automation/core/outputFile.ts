import * as fs from "node:fs";
import { UsageError } from "./errors";

/**
 * Writes what `--output FILE` asked for.
 * @throws UsageError naming the flag and the file when it cannot be written.
 */
export function writeOutputFile(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
  } catch (err) {
    throw new UsageError(`--output ${file}: cannot write it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
