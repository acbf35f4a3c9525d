import { PolicyResource } from "@pulumi/policy";
import { knownOrUndefined } from "../unknowns";
import { namespaceOf } from "../selectors";
import { effectiveRules, SourcedRule } from "./effectiveRules";
import { isBindingKind, rbacTypeOf } from "./rbacKinds";
import { RoleDefinition, RoleIndex } from "./roleIndex";

/**
 * Who holds permissions in a stack, as the RBAC policies judge it: every binding (its subjects
 * get its role's rules), and every Role or ClusterRole no binding of the stack names (whoever is
 * bound to it later gets its rules).
 */
export interface RbacHolder {
  /** The binding or role resource, which findings are reported on. */
  readonly resource: PolicyResource;
  /** How a finding names it: `RoleBinding "ci"`, `ClusterRole "reader"`. */
  readonly title: string;
  /** The binding's subjects as `Kind:name`; undefined for a role judged on its own. */
  readonly subjects?: string[];
  /** Namespace the grant is limited to; undefined when it is cluster-wide. */
  readonly namespace?: string;
  /** Names `allowedRoles` exempts it by: the bound role's name, or the role's own and logical names. */
  readonly roleNames: string[];
  /** The rules it grants, or why they cannot be known (fail closed). */
  resolve(): { rules: SourcedRule[] } | { unresolvable: string };
}

const objectName = (r: PolicyResource) => String(knownOrUndefined(() => r.props.metadata?.name) ?? r.name);

function subjectsOf(r: PolicyResource): string[] | undefined {
  const subjects = r.props.subjects;
  return Array.isArray(subjects) ? subjects.map((s: any) => `${s?.kind}:${s?.name}`) : undefined;
}

function bindingHolder(r: PolicyResource, kind: string, patch: boolean, index: RoleIndex): RbacHolder | undefined {
  const subjects = subjectsOf(r);
  if (patch && !subjects?.length) return undefined;
  const namespace = kind === "RoleBinding" ? namespaceOf(r.props) : undefined;
  const ref = r.props.roleRef;
  const title = `${kind}${patch ? "Patch" : ""} "${objectName(r)}"`;
  return {
    resource: r,
    title,
    subjects: subjects ?? [],
    namespace,
    roleNames: ref?.name === undefined ? [] : [String(ref.name)],
    resolve: () => {
      if (!ref?.name)
        return { unresolvable: `${title} sets no roleRef, so the role it adds subjects to is not in the stack` };
      const roles = index.lookup(String(ref.kind), String(ref.name), namespace);
      if (!roles.length)
        return {
          unresolvable: `${title} binds ${ref.kind} "${ref.name}", which neither the stack nor the built-in ClusterRoles define`,
        };
      return { rules: roles.flatMap((role) => effectiveRules(role, index)) };
    },
  };
}

function roleHolder(role: RoleDefinition, index: RoleIndex): RbacHolder {
  return {
    resource: role.resource!,
    title: `${role.kind} "${role.name}"`,
    namespace: role.namespace,
    roleNames: [role.name, role.resource!.name],
    resolve: () => ({ rules: effectiveRules(role, index) }),
  };
}

/** A resource that holds permissions, and how to read it as a holder (reading may meet a value unknown in a preview). */
export interface HeldBy {
  /** The binding or role. */
  readonly resource: PolicyResource;
  /** The holder; undefined for a binding patch that adds no subject. */
  holder(): RbacHolder | undefined;
}

/** Every binding of the stack, then every role of the stack no binding of the stack names. */
export function rbacHolders(resources: PolicyResource[]): HeldBy[] {
  const index = new RoleIndex(resources);
  const bound = new Set<string>();
  const bindings: HeldBy[] = [];
  for (const r of resources) {
    const type = rbacTypeOf(r.type);
    if (!type || !isBindingKind(type.kind)) continue;
    const ref = knownOrUndefined(() => r.props.roleRef);
    const namespace = type.kind === "RoleBinding" ? (knownOrUndefined(() => namespaceOf(r.props)) ?? "") : "";
    if (ref?.name) bound.add(ref.kind === "Role" ? `Role/${namespace}/${ref.name}` : `ClusterRole//${ref.name}`);
    bindings.push({ resource: r, holder: () => bindingHolder(r, type.kind, type.patch, index) });
  }
  const unbound = index.stackRoles
    .filter((role) => !bound.has(`${role.kind}/${role.namespace ?? ""}/${role.name}`))
    .map((role) => ({ resource: role.resource!, holder: () => roleHolder(role, index) }));
  return [...bindings, ...unbound];
}
