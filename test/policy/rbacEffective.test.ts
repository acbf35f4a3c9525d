import { strict as assert } from "node:assert";
import * as path from "node:path";
import { auditorRules, deployerRules } from "../../components/security/rbac";
import { RBAC_POLICY } from "../../policy/lib/rbac/rbacPolicyNames";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";
import { messages, TestResource } from "./harness";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "rbac.json");
const GROUP = "rbac.authorization.k8s.io";
const ALL = Object.values(RBAC_POLICY);

/** What each resource of the fixture breaks among the RBAC policies. */
const VIOLATES: Record<string, string[]> = {
  "bind-edit": [RBAC_POLICY.execAttach, RBAC_POLICY.privilegeEscalation, RBAC_POLICY.tokenCreation],
  "bind-impersonator": [RBAC_POLICY.privilegeEscalation],
  impersonator: [],
  "secret-reader": [RBAC_POLICY.secretsRead],
  ops: [],
  "bind-ops": [RBAC_POLICY.secretsRead],
  "node-proxy": [RBAC_POLICY.nodeProxy],
  "token-minter": [RBAC_POLICY.tokenCreation],
  "patch-unknown-role": [RBAC_POLICY.unresolvable],
  "compliant-bind-view": [],
  "compliant-configmap-reader": [],
  "compliant-secret-writer": [],
};

const labelled = (labels?: object) => (labels ? { labels } : {});
const type = (kind: string, version = "v1") => `kubernetes:${GROUP}/${version}:${kind}`;
const role = (name: string, rules: object[], extra: { namespace?: string; labels?: object } = {}): TestResource => ({
  type: type("Role"),
  name,
  props: { metadata: { name, namespace: extra.namespace ?? "team", ...labelled(extra.labels) }, rules },
});
const clusterRole = (name: string, rules: object[], extra: { labels?: object; selectors?: object[] } = {}) => ({
  type: type("ClusterRole"),
  name,
  props: {
    metadata: { name, ...labelled(extra.labels) },
    rules,
    ...(extra.selectors ? { aggregationRule: { clusterRoleSelectors: extra.selectors } } : {}),
  },
});
const subjects = [{ kind: "ServiceAccount", name: "ci", namespace: "team" }];
const roleBinding = (
  name: string,
  kind: string,
  ref: string,
  extra: { patch?: boolean; subjects?: object[] } = {},
) => ({
  type: type(`RoleBinding${extra.patch ? "Patch" : ""}`),
  name,
  props: {
    metadata: { name, namespace: "team" },
    roleRef: { apiGroup: GROUP, kind, name: ref },
    subjects: extra.subjects ?? subjects,
  },
});
const clusterRoleBinding = (name: string, ref: string, extra: { version?: string } = {}) => ({
  type: type("ClusterRoleBinding", extra.version),
  name,
  props: { metadata: { name }, roleRef: { apiGroup: GROUP, kind: "ClusterRole", name: ref }, subjects },
});

/** Every RBAC policy's findings, by policy, leaving out the policies with none. */
async function findings(
  resources: TestResource[],
  config?: Record<string, unknown>,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const policy of ALL) {
    const found = await messages(policy, resources, { config });
    if (found.length) out[policy] = found;
  }
  return out;
}

describe("RBAC by effect: bindings resolved to the rules they grant", () => {
  describe("every class is caught, and the compliant resources pass, in all three --input forms", () => {
    itInEachInputForm(FIXTURE, (report) => {
      const names = assertBrokenPolicies(report, (name) => VIOLATES[name], new Set(ALL));
      assert.deepEqual(names.sort(), Object.keys(VIOLATES).sort());
    });
  });

  describe("built-in ClusterRoles", () => {
    it("reports a binding to edit or admin with its shell, impersonation and token grants, named to the subject", async () => {
      for (const builtin of ["edit", "admin"]) {
        const found = await findings([roleBinding("ci", "ClusterRole", builtin)]);
        assert.deepEqual(Object.keys(found).sort(), [
          RBAC_POLICY.execAttach,
          RBAC_POLICY.privilegeEscalation,
          RBAC_POLICY.tokenCreation,
        ]);
        assert.equal(
          found[RBAC_POLICY.execAttach][0],
          `RoleBinding "ci" grants pods/exec (create, get) to ServiceAccount:ci in namespace team through ClusterRole "${builtin}" (built-in): a shell in any pod, with its Secrets and service-account token.`,
        );
        assert.equal(found[RBAC_POLICY.execAttach].length, 3, "exec, attach, portforward");
      }
    });

    it("reports edit bound cluster-wide for its Secrets read too (no namespace its workloads are limited to)", async () => {
      const found = await findings([clusterRoleBinding("ci", "edit")]);
      assert.match(
        found[RBAC_POLICY.secretsRead][0],
        /grants secrets read \(get, list, watch\) to ServiceAccount:ci cluster-wide/,
      );
    });

    it("passes a binding to view, and reports cluster-admin as one finding", async () => {
      assert.deepEqual(await findings([roleBinding("dash", "ClusterRole", "view")]), {});
      assert.deepEqual(Object.keys(await findings([clusterRoleBinding("root", "cluster-admin")])), [
        RBAC_POLICY.clusterAdmin,
      ]);
    });

    it("counts a stack ClusterRole labelled aggregate-to-view into view (and so into edit and admin)", async () => {
      const leak = clusterRole("leak", [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }], {
        labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" },
      });
      const found = await findings([leak, clusterRoleBinding("viewers", "view")]);
      assert.deepEqual(found[RBAC_POLICY.secretsRead], [
        'ClusterRoleBinding "viewers" grants secrets read (list) to ServiceAccount:ci cluster-wide through rules[0] of ClusterRole "leak", aggregated into ClusterRole "view": reads every Secret\'s value: credentials, keys and service-account tokens.',
        'ClusterRole "leak" grants secrets read (list) cluster-wide once a ClusterRoleBinding binds it, to whoever is bound to it (no binding in the stack names it) through rules[0] of ClusterRole "leak": reads every Secret\'s value: credentials, keys and service-account tokens.',
      ]);
    });
  });

  describe("the stack's own roles", () => {
    it("reports cluster-admin by effect: a binding to a stack ClusterRole granting everything", async () => {
      const found = await findings([
        clusterRole("everything", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]),
        clusterRoleBinding("all", "everything"),
      ]);
      assert.deepEqual(found, {
        [RBAC_POLICY.clusterAdmin]: [
          'ClusterRoleBinding "all" grants every verb on every resource (cluster-admin) to ServiceAccount:ci cluster-wide through rules[0] of ClusterRole "everything": full control of every object the binding reaches, RBAC included.',
        ],
      });
    });

    it("reports impersonate, escalate and bind", async () => {
      const found = await findings([
        role("imp", [{ apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] }]),
        clusterRole("esc", [{ apiGroups: [GROUP], resources: ["clusterroles"], verbs: ["escalate", "bind"] }]),
      ]);
      assert.deepEqual(
        found[RBAC_POLICY.privilegeEscalation].map((m) => m.slice(0, m.indexOf(" through rules"))),
        [
          'Role "imp" grants impersonation (impersonate) in namespace team to whoever is bound to it (no binding in the stack names it)',
          'ClusterRole "esc" grants escalation past its own rights on roles (escalate) cluster-wide once a ClusterRoleBinding binds it, to whoever is bound to it (no binding in the stack names it)',
          'ClusterRole "esc" grants binding of any role (bind) cluster-wide once a ClusterRoleBinding binds it, to whoever is bound to it (no binding in the stack names it)',
        ],
      );
    });

    it("reports nodes/proxy and serviceaccounts/token create", async () => {
      const found = await findings([
        clusterRole("kubelet", [{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }]),
        role("minter", [{ apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] }]),
      ]);
      assert.deepEqual(Object.keys(found).sort(), [RBAC_POLICY.nodeProxy, RBAC_POLICY.tokenCreation]);
    });

    it("matches as the authorizer does: * and */exec match, pods/* grants no subresource", async () => {
      const starExec = await findings([role("r", [{ apiGroups: [""], resources: ["*/exec"], verbs: ["create"] }])]);
      assert.equal(starExec[RBAC_POLICY.execAttach].length, 1);
      const allVerbs = await findings([role("r", [{ apiGroups: [""], resources: ["pods/attach"], verbs: ["*"] }])]);
      assert.match(allVerbs[RBAC_POLICY.execAttach][0], /grants pods\/attach \(\*\)/);
      const podsStar = await findings([role("r", [{ apiGroups: [""], resources: ["pods/*"], verbs: ["create"] }])]);
      assert.deepEqual(podsStar, {});
    });

    it("reports a grant narrowed by resourceNames, saying so", async () => {
      const found = await findings([
        clusterRole("one", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["db"] }]),
      ]);
      assert.match(
        found[RBAC_POLICY.secretsRead][0],
        /secrets read \(get\) on "db" only \(resourceNames narrows the rule; the authorizer still grants those objects\)/,
      );
    });

    it("passes get on configmaps (narrowed or not) and Secrets write without read", async () => {
      assert.deepEqual(
        await findings([
          role("cm", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"], resourceNames: ["settings"] }]),
          role("cm-all", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }]),
          role("writer", [{ apiGroups: [""], resources: ["secrets"], verbs: ["create", "update", "patch", "delete"] }]),
        ]),
        {},
      );
    });

    it("reports a namespace-wide Secrets read unless the holder can create workloads there", async () => {
      const reader = { apiGroups: [""], resources: ["secrets"], verbs: ["get"] };
      const deploys = { apiGroups: ["apps"], resources: ["deployments"], verbs: ["create"] };
      const found = await findings([role("reader", [reader]), roleBinding("b", "Role", "reader")]);
      assert.match(
        found[RBAC_POLICY.secretsRead][0],
        /^RoleBinding "b" grants secrets read \(get\) to ServiceAccount:ci in namespace team through rules\[0\] of Role "reader"/,
      );
      assert.deepEqual(await findings([role("reader", [reader, deploys]), roleBinding("b", "Role", "reader")]), {});
    });
  });

  describe("aggregated ClusterRoles", () => {
    const picked = clusterRole("picked", [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }], {
      labels: { "acme.example/team": "ops", tier: "debug" },
    });
    it("unions the rules of the ClusterRoles its selectors pick (matchLabels and matchExpressions)", async () => {
      for (const selector of [
        { matchLabels: { "acme.example/team": "ops" } },
        { matchExpressions: [{ key: "tier", operator: "In", values: ["debug", "trace"] }] },
      ]) {
        const found = await findings([
          picked,
          clusterRole("ops", [], { selectors: [selector] }),
          roleBinding("b", "ClusterRole", "ops"),
        ]);
        assert.deepEqual(
          found[RBAC_POLICY.execAttach].filter((m) => m.startsWith("RoleBinding")),
          [
            'RoleBinding "b" grants pods/exec (create) to ServiceAccount:ci in namespace team through rules[0] of ClusterRole "picked", aggregated into ClusterRole "ops": a shell in any pod, with its Secrets and service-account token.',
          ],
          JSON.stringify(selector),
        );
      }
    });

    it("does not count a ClusterRole its selectors do not pick", async () => {
      const found = await findings([
        picked,
        clusterRole("ops", [], { selectors: [{ matchLabels: { "acme.example/team": "dev" } }] }),
        roleBinding("b", "ClusterRole", "ops"),
      ]);
      assert.ok(!found[RBAC_POLICY.execAttach].some((m) => m.startsWith("RoleBinding")));
    });

    it("counts the built-in ClusterRoles a selector picks: NotIn picks cluster-admin itself", async () => {
      const found = await findings([
        picked,
        clusterRole("ops", [], {
          selectors: [{ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["debug"] }] }],
        }),
        roleBinding("b", "ClusterRole", "ops"),
      ]);
      assert.ok(
        found[RBAC_POLICY.clusterAdmin].includes(
          'RoleBinding "b" grants every verb on every resource (cluster-admin) to ServiceAccount:ci in namespace team through ClusterRole "cluster-admin" (built-in), aggregated into ClusterRole "ops": full control of every object the binding reaches, RBAC included.',
        ),
      );
    });
  });

  describe("Patch types and API versions", () => {
    it("judges a RoleBindingPatch, a ClusterRolePatch and a v1beta1 binding", async () => {
      const patchRole = {
        type: type("ClusterRolePatch"),
        name: "patched",
        props: { metadata: { name: "patched" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }] },
      };
      const found = await findings([
        patchRole,
        clusterRoleBinding("old", "patched", { version: "v1beta1" }),
        roleBinding("p", "ClusterRole", "edit", { patch: true }),
      ]);
      assert.match(found[RBAC_POLICY.secretsRead][0], /^ClusterRoleBinding "old" grants secrets read \(list\)/);
      assert.match(found[RBAC_POLICY.execAttach][0], /^RoleBindingPatch "p" grants pods\/exec/);
    });

    it("passes a binding patch that adds no subject, fails closed on one that adds subjects without a roleRef", async () => {
      const labelsOnly = {
        type: type("RoleBindingPatch"),
        name: "l",
        props: { metadata: { name: "l", labels: { a: "b" } } },
      };
      assert.deepEqual(await findings([labelsOnly]), {});
      const noRef = { type: type("RoleBindingPatch"), name: "s", props: { metadata: { name: "s" }, subjects } };
      assert.deepEqual(await findings([noRef]), {
        [RBAC_POLICY.unresolvable]: [
          'RoleBindingPatch "s" sets no roleRef, so the role it adds subjects to is not in the stack: cannot judge what it grants to ServiceAccount:ci in namespace default.',
        ],
      });
    });
  });

  describe("unresolvable bindings fail closed", () => {
    it("reports a binding to a role neither the stack nor the built-ins define, unless allowedRoles names it", async () => {
      const found = await findings([
        roleBinding("b", "Role", "missing"),
        clusterRoleBinding("c", "system:controller:foo"),
      ]);
      assert.deepEqual(found, {
        [RBAC_POLICY.unresolvable]: [
          'RoleBinding "b" binds Role "missing", which neither the stack nor the built-in ClusterRoles define: cannot judge what it grants to ServiceAccount:ci in namespace team.',
          'ClusterRoleBinding "c" binds ClusterRole "system:controller:foo", which neither the stack nor the built-in ClusterRoles define: cannot judge what it grants to ServiceAccount:ci cluster-wide.',
        ],
      });
      assert.deepEqual(await findings([roleBinding("b", "Role", "missing")], { allowedRoles: ["missing"] }), {});
    });

    it("resolves a Role by its namespace: a Role of another namespace does not count", async () => {
      const elsewhere = role("reader", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }], {
        namespace: "other",
      });
      const found = await findings([elsewhere, roleBinding("b", "Role", "reader")]);
      assert.deepEqual(Object.keys(found), [RBAC_POLICY.unresolvable]);
    });
  });

  describe("config and the platform's own roles", () => {
    it("names only the subjects allowedSubjects does not exempt, and exempts allowedRoles", async () => {
      const two = [...subjects, { kind: "Group", name: "platform-break-glass", apiGroup: GROUP }];
      const found = await findings([roleBinding("b", "ClusterRole", "edit", { subjects: two })], {
        allowedSubjects: ["Group:platform-break-glass"],
      });
      assert.ok(found[RBAC_POLICY.execAttach].every((m) => m.includes("to ServiceAccount:ci in namespace")));
      assert.deepEqual(
        await findings([roleBinding("b", "ClusterRole", "edit")], { allowedSubjects: ["ServiceAccount:ci"] }),
        {},
      );
      assert.deepEqual(await findings([roleBinding("b", "ClusterRole", "edit")], { allowedRoles: ["edit"] }), {});
    });

    it("keeps the platform's deployer and auditor Roles clean, bound or not", async () => {
      const deployer = role("deployer", deployerRules() as object[]);
      const auditor = role("auditor", auditorRules() as object[]);
      assert.deepEqual(await findings([deployer, auditor]), {});
      const groups = [{ kind: "Group", name: "ci-deployers", apiGroup: GROUP }];
      assert.deepEqual(
        await findings([
          deployer,
          auditor,
          roleBinding("deployer-binding", "Role", "deployer", { subjects: groups }),
          roleBinding("auditor-binding", "Role", "auditor", { subjects: groups }),
        ]),
        {},
      );
    });
  });
});
