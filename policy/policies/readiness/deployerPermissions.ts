import { grantedVerbs, ruleCoversResource } from "../../lib/rbac/authorizer";
import { PolicyRule, policyRuleOf } from "../../lib/rbac/policyRule";
import { resourceOfKind } from "../../lib/readiness/resourceNames";
import { KubeObject } from "../../lib/readiness/stackModel";
import { readinessPolicy } from "../../lib/readiness/readinessPolicy";

/** What a deployer does to each object of its namespace on `pulumi up` and `destroy`. */
const DEPLOY_VERBS = ["get", "create", "patch", "delete"];

interface Settings {
  deployerRoleSuffix?: string;
  platformOwnedKinds?: string[];
}

/** The namespace's deployer Role can apply every kind the stack deploys there. */
export const deployerPermissions = readinessPolicy(
  {
    name: "readiness-deployer-permissions",
    description:
      "A namespace's deployer Role (the CI identity) must be able to get, create, patch and delete every kind the stack applies in that namespace, the guard objects the platform keeps to itself aside.",
    severity: "medium",
    remediationSteps:
      "Add the kind's API group and resource to the deployer Role's rules (the platform's deployerRules), or list the kind in platformOwnedKinds when the platform team applies it with its own identity.",
    url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole",
    configSchema: {
      properties: {
        deployerRoleSuffix: { type: "string", default: "-deployer" },
        platformOwnedKinds: {
          type: "array",
          items: { type: "string" },
          default: ["Namespace", "ResourceQuota", "LimitRange", "Role", "RoleBinding"],
        },
      },
    },
  },
  {
    subjects: (model, args) => {
      const { deployerRoleSuffix = "-deployer" } = args.getConfig<Settings>();
      return model.ofKind("Role", "rbac.authorization.k8s.io").filter((r) => r.name.endsWith(deployerRoleSuffix));
    },
    judge: (role, model, report, args) => {
      const { platformOwnedKinds = ["Namespace", "ResourceQuota", "LimitRange", "Role", "RoleBinding"] } =
        args.getConfig<Settings>();
      const rules: PolicyRule[] = (Array.isArray(role.props.rules) ? role.props.rules : []).map(policyRuleOf);
      const seen = new Set<string>();
      for (const o of model.objects.filter((x: KubeObject) => x.namespace === role.namespace)) {
        if (platformOwnedKinds.includes(o.kind) || o.props.metadata?.namespace === undefined) continue;
        const request = { apiGroup: o.group === "core" ? "" : o.group, resource: resourceOfKind(o.kind) };
        const key = `${request.apiGroup}/${request.resource}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const granted = new Set(
          rules.filter((r) => ruleCoversResource(r, request)).flatMap((r) => grantedVerbs(r, DEPLOY_VERBS)),
        );
        const missing = granted.has("*") ? [] : DEPLOY_VERBS.filter((v) => !granted.has(v));
        if (missing.length)
          report(
            role,
            `Role "${role.name}" cannot ${missing.join(", ")} ${request.resource}${request.apiGroup ? `.${request.apiGroup}` : ""}, which the stack applies in namespace "${role.namespace}" (${o.kind} "${o.name}"): a deploy with this identity fails.`,
          );
      }
    },
  },
);
