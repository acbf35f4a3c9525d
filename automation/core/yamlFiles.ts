import { LineCounter, parseAllDocuments } from "yaml";
import { MAX_NESTING, readUserFile, tooDeep, UsageError } from "./errors";

/** Most aliases a YAML document may expand (an alias bomb stops here). */
export const MAX_YAML_ALIASES = 100;

/**
 * The documents of YAML text, each as plain data, with what hostile YAML needs bounded: at most
 * {@link MAX_YAML_ALIASES} alias expansions and {@link MAX_NESTING} levels.
 * @throws UsageError naming `label`, the document and the line.
 */
export function parseYamlDocuments(text: string, label: string): unknown[] {
  const lineCounter = new LineCounter();
  const out: unknown[] = [];
  try {
    const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
    for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
      const which = Array.isArray(docs) && docs.length > 1 ? ` document ${i + 1}` : "";
      if (doc.errors.length) {
        const e = doc.errors[0];
        const pos = lineCounter.linePos(e.pos[0]);
        throw new UsageError(
          `${label}:${which} not valid YAML at line ${pos.line}, column ${pos.col}: ${e.message.split("\n")[0]}`,
        );
      }
      const value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
      if (tooDeep(value)) throw new UsageError(`${label}:${which} nested deeper than ${MAX_NESTING} levels`);
      out.push(value);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // The yaml package's own refusals (alias expansion) and a stack overflow on hostile nesting.
    throw new UsageError(
      `${label}: not accepted: ${err instanceof RangeError ? "nested too deeply" : (err as Error).message.split("\n")[0]} (expected at most ${MAX_YAML_ALIASES} alias expansions and ${MAX_NESTING} levels)`,
    );
  }
  return out;
}

/** The documents of a YAML file the user named (see {@link readUserFile} for what a file may be). */
export function readYamlDocuments(file: string, label: string, what: string): unknown[] {
  return parseYamlDocuments(
    readUserFile(file, (reason) => `${label}: cannot read ${what} at ${file} (${reason})`),
    label,
  );
}
