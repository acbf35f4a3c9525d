import { parser } from "@prometheus-io/lezer-promql";

type SyntaxNode = ReturnType<typeof parser.parse>["topNode"];

/** One label matcher of a vector selector. */
export interface LabelMatcher {
  /** Label name. */
  readonly name: string;
  /** `=`, `!=`, `=~` or `!~`. */
  readonly op: "=" | "!=" | "=~" | "!~";
  /** The value or regular expression, unquoted. */
  readonly value: string;
}

/** A vector selector of an expression (`metric{matchers}`), the metric name taken from `__name__` when it is given so. */
export interface VectorSelector {
  /** The selector as written. */
  readonly text: string;
  /** The metric name, when one is selected by equality. */
  readonly metric?: string;
  /** The other matchers. */
  readonly matchers: readonly LabelMatcher[];
}

/**
 * Why an expression is not valid PromQL (the position and the text from there), or undefined
 * when Prometheus' own grammar parses it.
 */
export function promqlProblem(expr: string): string | undefined {
  if (!expr.trim()) return "empty expression";
  let at: number | undefined;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (at === undefined && node.type.isError) at = node.from;
      return at === undefined;
    },
  });
  if (at === undefined) return undefined;
  const rest = expr.slice(at, at + 24);
  return `not valid PromQL at character ${at + 1}${rest ? ` ("${rest}")` : " (the expression ends too early)"}`;
}

/** A PromQL string literal's value (`"…"` and `'…'` with escapes, `` `…` `` raw). */
function unquote(literal: string): string {
  const q = literal[0];
  const body = literal.slice(1, -1);
  if (q === "`") return body;
  try {
    return JSON.parse(`"${(q === "'" ? body.replace(/\\'/g, "'") : body).replace(/(^|[^\\])"/g, '$1\\"')}"`);
  } catch {
    return body;
  }
}

function matcherOf(node: SyntaxNode, expr: string): LabelMatcher | undefined {
  const text = (n: SyntaxNode | null) => (n ? expr.slice(n.from, n.to) : "");
  const op = text(node.getChild("MatchOp")) as LabelMatcher["op"];
  const literals = node.getChildren("StringLiteral");
  const quotedName = node.getChild("QuotedLabelName")?.getChild("StringLiteral");
  const name = node.getChild("LabelName")
    ? text(node.getChild("LabelName"))
    : quotedName
      ? unquote(text(quotedName))
      : "";
  const value = literals.length ? unquote(text(literals[literals.length - 1])) : "";
  return name && op ? { name, op, value } : undefined;
}

/**
 * The vector selectors of an expression with their metric names and matchers, or the reason it
 * is not valid PromQL.
 */
export function vectorSelectors(expr: string): { selectors: VectorSelector[] } | { problem: string } {
  const problem = promqlProblem(expr);
  if (problem) return { problem };
  const selectors: VectorSelector[] = [];
  parser.parse(expr).iterate({
    enter: (ref) => {
      if (ref.name !== "VectorSelector") return true;
      const node = ref.node;
      const identifier = node.getChild("Identifier");
      let metric = identifier ? expr.slice(identifier.from, identifier.to) : undefined;
      const matchers: LabelMatcher[] = [];
      for (const child of node.getChild("LabelMatchers")?.getChildren("UnquotedLabelMatcher") ?? []) pushMatcher(child);
      for (const child of node.getChild("LabelMatchers")?.getChildren("QuotedLabelMatcher") ?? []) pushMatcher(child);
      for (const child of node.getChild("LabelMatchers")?.getChildren("QuotedLabelName") ?? []) {
        const lit = child.getChild("StringLiteral");
        if (lit) metric = unquote(expr.slice(lit.from, lit.to));
      }
      function pushMatcher(child: SyntaxNode) {
        const m = matcherOf(child, expr);
        if (!m) return;
        if (m.name === "__name__" && m.op === "=") metric = m.value;
        else matchers.push(m);
      }
      selectors.push({ text: expr.slice(node.from, node.to), metric, matchers });
      return false;
    },
  });
  return { selectors };
}

/** Whether a matcher selects only series that carry the label with a non-empty value. */
export function needsLabel(m: LabelMatcher): boolean {
  let matchesEmpty: boolean;
  try {
    matchesEmpty = m.op === "=" || m.op === "!=" ? m.value === "" : new RegExp(`^(?:${m.value})$`).test("");
  } catch {
    return false;
  }
  return m.op === "=" || m.op === "=~" ? !matchesEmpty : matchesEmpty;
}
