import { PolicyResource } from "@pulumi/policy";

/** How a replica or cluster member names the resource it copies or belongs to. */
export interface SourceLink {
  /** The property naming the source (an identifier or an ARN). */
  readonly property: string;
  /** Source types and, for each, the property holding the identifier the link may name. */
  readonly sources: Readonly<Record<string, string>>;
  /** Whether the resource is a member sharing the source's storage (a cluster instance), not a copy. */
  readonly member: boolean;
}

/**
 * The source of a replica or member in the stack: linked through the property's dependencies,
 * else matched by identifier or by an ARN ending in it (read only then, since an identifier
 * computed in a preview is unknown); `undefined` when it is not in the stack or the link is unset.
 */
export function sourceOf(r: PolicyResource, link: SourceLink, all: PolicyResource[]): PolicyResource | undefined {
  if (!(link.property in r.props)) return undefined;
  const linked = (r.propertyDependencies[link.property] ?? []).find((d) => d.type in link.sources);
  if (linked) return linked;
  const named = String(r.props[link.property]);
  return all.find((s) => {
    const idProperty = link.sources[s.type];
    if (idProperty === undefined || !(idProperty in s.props)) return false;
    const id = String(s.props[idProperty]);
    return named === id || named.endsWith(`:${id}`);
  });
}
