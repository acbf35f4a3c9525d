/** The four RBAC kinds a stack can declare. */
export type RbacKind = "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding";

/** What an RBAC type token declares: its kind, and whether it patches an object that already exists. */
export interface RbacType {
  /** The kind, without `Patch`. */
  readonly kind: RbacKind;
  /** Whether the token is a `*Patch` type (server-side apply onto an existing object). */
  readonly patch: boolean;
}

const RBAC_TOKEN =
  /^kubernetes:rbac\.authorization\.k8s\.io\/[^:]+:(ClusterRoleBinding|RoleBinding|ClusterRole|Role)(Patch)?$/;

/** The RBAC kind of a type token, any API version of `rbac.authorization.k8s.io`, Patch types included; undefined for any other type. */
export function rbacTypeOf(type: string): RbacType | undefined {
  const m = RBAC_TOKEN.exec(type);
  return m ? { kind: m[1] as RbacKind, patch: m[2] === "Patch" } : undefined;
}

/** Whether the kind binds a role to subjects. */
export function isBindingKind(kind: RbacKind): boolean {
  return kind === "RoleBinding" || kind === "ClusterRoleBinding";
}
