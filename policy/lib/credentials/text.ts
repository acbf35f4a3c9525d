import { parseAllDocuments } from "yaml";

/** How an assignment was written, which decides how a finding names it. */
export type AssignmentSyntax = "shell" | "flag" | "setting";

/** One `name = value` found in a text: a shell assignment, a command-line flag, a config-file setting. */
export interface TextAssignment {
  /** The name assigned to (`PGPASSWORD`, `password`, `spring.datasource.password`). */
  name: string;
  /** The value, unquoted. */
  value: string;
  /** 1-based line of the text. */
  line: number;
  /** How it was written. */
  syntax: AssignmentSyntax;
  /** Whether the value was single-quoted in a shell command (literal to the shell). */
  singleQuoted: boolean;
}

/** `NAME=value` in a shell command or env file: at the start, after `export`, or inline before a command (`PGPASSWORD='x' psql`). */
const SHELL_ASSIGNMENT =
  /(^|[\s;&|(`])((?:export|readonly|local|declare(?:\s+-\w+)?)\s+)?([A-Za-z_][A-Za-z0-9_.]*)=('[^']*'|"(?:[^"\\]|\\.)*"|\{\{[\s\S]*?\}\}\S*|<%[\s\S]*?%>|%env\([^)]*\)%|[^\s;&|)'"`]*)/g;
/** `--password=value`, `--password value`, `-Dspring.datasource.password=value`. */
const FLAG = /(?:^|[\s"'])-{1,2}([A-Za-z][\w.-]*)(?:=|\s+)('[^']*'|"(?:[^"\\]|\\.)*"|[^\s;&|'"-][^\s;&|'"]*)/g;
/** A config-file line: INI `name = value`, YAML `name: value`, properties `name=value`, a JSON line `"name": "value",`. */
const SETTING = /^\s*(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*?)\s*$/;
/** `"name": "value"` anywhere in a line: compact JSON, a JSON body inside a shell command. */
const JSON_PAIR = /"([A-Za-z_][\w.-]{0,100})"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g;
/** `<password>value</password>`. */
const XML_ELEMENT = /<([A-Za-z_][\w.-]*)>([^<]+)<\/\1>/g;
/** A whole-line comment. */
const COMMENT = /^\s*(#|\/\/|;|!|--\s)/;

function unquote(raw: string): { value: string; singleQuoted: boolean } {
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.endsWith(q) && raw.length >= 2)
    return { value: raw.slice(1, -1), singleQuoted: q === "'" };
  return { value: raw, singleQuoted: false };
}

/** A setting's value without a trailing comma or inline comment. */
function settingValue(raw: string): string {
  return raw.replace(/\s+[#;].*$/, "").replace(/,$/, "");
}

/** The assignments of one line, each `name` once. */
function lineAssignments(text: string, line: number): TextAssignment[] {
  const found = new Map<string, TextAssignment>();
  const add = (name: string, raw: string, syntax: AssignmentSyntax) => {
    const { value, singleQuoted } = unquote(raw);
    if (!found.has(name)) found.set(name, { name, value, line, syntax, singleQuoted });
  };
  for (const m of text.matchAll(SHELL_ASSIGNMENT)) {
    const inline = !!m[2] || m.index + m[1].length > text.search(/\S/) || !!text.slice(m.index + m[0].length).trim();
    add(m[3], m[4] ?? "", inline ? "shell" : "setting");
  }
  for (const m of text.matchAll(FLAG)) add(m[1].replace(/^D(?=[a-z].*\.)/, ""), m[2], "flag");
  for (const m of text.matchAll(JSON_PAIR)) add(m[1], m[2], "setting");
  for (const m of text.matchAll(XML_ELEMENT)) add(m[1], m[2], "setting");
  if (!found.size) {
    const m = SETTING.exec(text);
    if (m) add(m[1], settingValue(m[2]), "setting");
  }
  return [...found.values()];
}

/** Every assignment in a free text — a shell script, an env file, properties, INI, YAML or JSON however formatted — comment lines aside. */
export function assignmentsIn(text: string): TextAssignment[] {
  return text.split(/\r?\n/).flatMap((line, i) => (COMMENT.test(line) ? [] : lineAssignments(line, i + 1)));
}

/**
 * The text as structured data, when the whole of it is a JSON document, or a multi-line YAML
 * document (or stream) whose root is a mapping or a sequence; `undefined` for anything else
 * (a script, an INI or env file, a one-line value), which is read line by line.
 */
export function structuredValue(text: string): unknown {
  const t = text.trim();
  if (t.startsWith("{") || t.startsWith("[")) {
    try {
      return JSON.parse(t);
    } catch {
      // Not JSON: YAML flow style, or no structure at all.
    }
  }
  if (!t.includes("\n") && !t.startsWith("{") && !t.startsWith("[")) return undefined;
  const docs = parseAllDocuments(t, { uniqueKeys: false, logLevel: "error" });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) return undefined;
  const values = docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
  if (!values.every((v) => v !== null && typeof v === "object")) return undefined;
  return values.length === 1 ? values[0] : values;
}
