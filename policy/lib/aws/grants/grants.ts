import { allows, asList, readDocument, Statement, statementLabel } from "./document";
import { narrowsToKnownCallers } from "./conditions";
import { reachesEveryone } from "./principals";

/** What a document grants that it should not, one line each, or why it could not be read. */
export interface GrantFindings {
  /** One message per offending statement. */
  findings: string[];
  /** Why the document could not be read. @default none */
  error?: string;
}

function actionsText(s: Statement): string {
  return "NotAction" in s ? `every action but ${asList(s.NotAction).join(", ")}` : asList(s.Action).join(", ");
}

/**
 * Allow statements reaching everyone (Principal `*`, `{"AWS": "*"}`, or NotPrincipal) with no
 * condition narrowing them to known callers. Deny statements never count.
 */
export function publicGrants(doc: unknown): GrantFindings {
  const read = readDocument(doc);
  if (read.error !== undefined) return { findings: [], error: read.error };
  const findings: string[] = [];
  read.statements.forEach((s, i) => {
    if (!allows(s) || !reachesEveryone(s) || narrowsToKnownCallers(s.Condition)) return;
    const who = "NotPrincipal" in s ? "everyone but its NotPrincipal" : "everyone";
    findings.push(
      `${statementLabel(s, i)} allows ${who} ${actionsText(s)} with no condition narrowing it to known callers`,
    );
  });
  return { findings };
}

/** Whether an action pattern covers every action (`*`) or every action of a service (`s3:*`). */
function isWildcardAction(action: string): boolean {
  return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/**
 * Allow statements granting `*` or `service:*` (or everything but some actions, via NotAction)
 * on every resource (`Resource: "*"` or a NotResource). Deny statements never count. The
 * resource is read only once the actions are wildcards, so an unknown ARN elsewhere does not
 * stop the verdict.
 */
export function wildcardGrants(doc: unknown): GrantFindings {
  const read = readDocument(doc);
  if (read.error !== undefined) return { findings: [], error: read.error };
  const findings: string[] = [];
  read.statements.forEach((s, i) => {
    if (!allows(s)) return;
    const wild = "NotAction" in s ? ["NotAction"] : asList(s.Action).filter(isWildcardAction);
    if (!wild.length) return;
    if (!("NotResource" in s) && !asList(s.Resource).includes("*")) return;
    const what = "NotAction" in s ? actionsText(s) : wild.join(", ");
    findings.push(`${statementLabel(s, i)} allows ${what} on every resource`);
  });
  return { findings };
}
