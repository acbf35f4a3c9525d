import { parser } from "@prometheus-io/lezer-promql";

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
