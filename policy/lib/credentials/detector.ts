import { knownOrUndefined } from "../unknowns";
import { isCredentialName } from "./names";
import { shapesIn } from "./shapes";
import { isReference } from "./templates";
import { assignmentsIn, AssignmentSyntax, structuredValue, TextAssignment } from "./text";

/** One credential found in a value: where, and what matched — never the value itself. */
export interface CredentialFinding {
  /** Property path inside the scanned value (`env[0] "DB_PASSWORD"`, `data["app.ini"] line 3`, `command[2]`). */
  path: string;
  /** Which rule matched: `credential-name`, `shell-assignment`, `flag`, `setting`, a shape's id, or an expansion. */
  rule: string;
  /** What matched, for a message: `URL with a password`, `PGPASSWORD assignment in a shell command`. */
  what: string;
  /** Whether a literal credential was found (so the message says it is not shown), rather than a reference that leaks one. */
  literal: boolean;
}

/** What {@link findCredentials} leaves alone. */
export interface DetectorOptions {
  /** Keys and variable names the stack's policy config allows, skipped entirely. @default [] */
  allowedNames?: readonly string[];
}

/** How deep a value is walked; deeper values are configuration nobody writes by hand. */
const MAX_DEPTH = 32;
/** How many texts deep a text is read as structure (a JSON file inside a YAML value inside a ConfigMap). */
const MAX_TEXT_NESTING = 2;

const SYNTAX_RULES: Record<AssignmentSyntax, { rule: string; what: (name: string) => string }> = {
  shell: { rule: "shell-assignment", what: (name) => `${name} assignment in a shell command` },
  flag: { rule: "flag", what: (name) => `${name} flag with a literal value` },
  setting: { rule: "setting", what: (name) => `${name} setting with a literal value` },
};

interface Walk {
  allowed: ReadonlySet<string>;
  out: CredentialFinding[];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function childPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** A value a verdict depends on is read as is (unknown in a preview: not judged); any other only when known. */
function readChild(node: any, key: string | number, name: string | undefined): unknown {
  return name !== undefined && isCredentialName(name) ? node[key] : knownOrUndefined(() => node[key]);
}

const literalFinding = (path: string, rule: string, what: string): CredentialFinding => ({
  path,
  rule,
  what,
  literal: true,
});

const isLiteralAssignment = (a: TextAssignment) => !isReference(a.value, a.singleQuoted && a.syntax === "shell");

/** Findings of a text read line by line: credential shapes, else credential-named assignments, at most one per line. */
function scanLines(text: string, path: string, walk: Walk): void {
  const lines = text.split(/\r?\n/);
  const at = (line: number) => (lines.length > 1 ? `${path} line ${line}` : path);
  const reported = new Set<number>();
  lines.forEach((line, i) => {
    const [shape] = shapesIn(line);
    if (!shape) return;
    walk.out.push(literalFinding(at(i + 1), shape.id, shape.description));
    reported.add(i + 1);
  });
  for (const a of assignmentsIn(text)) {
    if (reported.has(a.line) || walk.allowed.has(a.name) || !isCredentialName(a.name) || !isLiteralAssignment(a))
      continue;
    const { rule, what } = SYNTAX_RULES[a.syntax];
    walk.out.push(literalFinding(at(a.line), rule, what(a.name)));
    reported.add(a.line);
  }
}

function scanString(text: string, path: string, name: string | undefined, nesting: number, walk: Walk): void {
  if (name !== undefined && isCredentialName(name)) {
    if (!isReference(text))
      walk.out.push(literalFinding(path, "credential-name", "literal value under a credential's name"));
    return;
  }
  const structured = nesting < MAX_TEXT_NESTING ? structuredValue(text) : undefined;
  if (structured !== undefined) walkValue(structured, path, undefined, 0, nesting + 1, walk);
  else scanLines(text, path, walk);
}

/** An env-style entry: `{ name, value }` (Kubernetes env, ECS environment, HTTP headers). */
function pairName(node: any): string | undefined {
  const name = knownOrUndefined(() => node.name);
  return typeof name === "string" && "value" in node ? name : undefined;
}

function walkValue(node: unknown, path: string, name: string | undefined, depth: number, nesting: number, walk: Walk) {
  if (depth > MAX_DEPTH || node === undefined || node === null) return;
  if (typeof node === "string") return scanString(node, path, name, nesting, walk);
  if (typeof node === "number" || typeof node === "bigint") {
    if (name !== undefined && isCredentialName(name))
      walk.out.push(literalFinding(path, "credential-name", "literal value under a credential's name"));
    return;
  }
  if (typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++)
      walkValue(readChild(node, i, name), `${path}[${i}]`, name, depth + 1, nesting, walk);
    return;
  }
  const pair = pairName(node);
  if (pair !== undefined) {
    if (!walk.allowed.has(pair))
      walkValue(readChild(node, "value", pair), `${path} ${JSON.stringify(pair)}`, pair, depth + 1, nesting, walk);
    return;
  }
  for (const key of Object.keys(node)) {
    if (walk.allowed.has(key)) continue;
    walkValue(readChild(node, key, key), childPath(path, key), key, depth + 1, nesting, walk);
  }
}

/**
 * Every credential in a value, found by walking every string in it (objects and arrays
 * recursively, `{ name, value }` entries by their name): a literal value under a credential's
 * name, a credential-shaped value (a PEM key, a token with a known prefix, a URL with a password),
 * and credential assignments inside texts — shell scripts, env files, properties, INI, YAML and
 * JSON, the last two read as structure when the whole text parses. Template references
 * (`$VAR`, `$(VAR)`, `{{ .Data.password }}`, `$__file{…}`) are not credentials. Paths start at `where`.
 * A value unknown in a preview is skipped unless its name is a credential's, which throws the
 * analyzer's unknown error (the resource is then reported as not judged).
 */
export function findCredentials(value: unknown, where: string, options: DetectorOptions = {}): CredentialFinding[] {
  const walk: Walk = { allowed: new Set(options.allowedNames ?? []), out: [] };
  walkValue(value, where, undefined, 0, 0, walk);
  return walk.out;
}

/** Whether a value holds a credential whatever its name: a credential shape or assignment anywhere in it. */
export function looksSecret(value: string): boolean {
  return findCredentials(value, "").length > 0;
}

/** A finding as a message reads it: `livenessProbe.exec.command[2]: PGPASSWORD assignment in a shell command (value not shown)`. */
export function describeFinding(finding: CredentialFinding): string {
  return `${finding.path}: ${finding.what}${finding.literal ? " (value not shown)" : ""}`;
}
