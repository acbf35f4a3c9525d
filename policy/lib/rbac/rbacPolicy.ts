import { StackValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../metadata";
import { judgeEach } from "../unknowns";
import { rbacFindings } from "./rbacFindings";
import { rbacHolders } from "./rbacHolders";

/** What makes one RBAC policy: its metadata; its findings come from the shared catalogue. */
export interface RbacPolicyArgs {
  /** Policy name, one of `RBAC_POLICY`. */
  readonly name: string;
  /** What the policy requires. */
  readonly description: string;
  /** Severity of its findings. */
  readonly severity: StackValidationPolicy["severity"];
  /** How to fix a finding. */
  readonly remediationSteps: string;
  /** Documentation. @default the Kubernetes "RBAC good practices" page */
  readonly url?: string;
}

/** The config every RBAC policy takes: names it exempts. */
const EXEMPTIONS_SCHEMA = {
  properties: {
    allowedRoles: {
      type: "array",
      items: { type: "string" },
      default: [],
      description:
        "Roles whose grants are not judged (break-glass or controller roles reviewed elsewhere), by object or logical name.",
    },
    allowedSubjects: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Subjects that may hold the permission, as Kind:name (Group:platform-break-glass).",
    },
  },
} as const;

/**
 * A stack policy reporting its share of the RBAC findings: every binding of the stack resolved to
 * the rules it grants (the stack's Roles and ClusterRoles, aggregation included, and the built-in
 * ClusterRoles), and every role no binding names judged on its own. Findings land on the binding
 * or role.
 */
export function rbacPolicy(args: RbacPolicyArgs): StackValidationPolicy {
  return {
    name: args.name,
    description: args.description,
    severity: args.severity,
    tags: [groupTag("rbac")],
    remediationSteps: args.remediationSteps,
    url: args.url ?? "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    configSchema: EXEMPTIONS_SCHEMA,
    validateStack: (stack, report) => {
      const { allowedRoles = [], allowedSubjects = [] } = stack.getConfig<{
        allowedRoles?: string[];
        allowedSubjects?: string[];
      }>();
      const held = rbacHolders(stack.resources);
      const holderOf = new Map(held.map((h) => [h.resource, h]));
      judgeEach(
        held.map((h) => h.resource),
        (r) => {
          const holder = holderOf.get(r)!.holder();
          if (!holder) return;
          for (const finding of rbacFindings(holder, { allowedRoles, allowedSubjects }))
            if (finding.policy === args.name) report(finding.message, r.urn);
        },
      );
    },
  };
}
