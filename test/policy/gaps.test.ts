import { strict as assert } from "node:assert";
import * as path from "node:path";
import { UNKNOWN_VALUE } from "../../automation/core/resourceModel";
import { auditorRules, deployerRules } from "../../components/security/rbac";
import { runCli } from "../fixtures/cli";
import { assertBrokenPolicies, itInEachInputForm } from "../fixtures/inputForms";
import { messages, runPolicy, TestResource } from "./harness";
import { compliantPodSpec, workload } from "./workloads";

const FIXTURE = path.join(__dirname, "..", "fixtures", "input", "gaps.json");

/**
 * What each resource of the fixture breaks among the policies this file is about (the
 * coverage policies — PDBs, NetworkPolicies, quotas — are left to their own tests). Every
 * resource of the run, children of expanded manifests included, must be listed.
 */
const VIOLATES: Record<string, string[]> = {
  "cg-objs": [],
  "cg-objs:team/privileged": ["pss-privileged"],
  "cg-objs:team/hardened": [],
  "cg-yaml": [],
  "cg-yaml:team/host-network": ["pss-host-namespaces", "no-naked-pods"],
  "cf-file": [],
  "cf-file:kube-system/node-agent": ["pss-privileged"],
  "cg-url": [],
  "chart-v4": [],
  "release-v3": [],
  "kustomize-v2": [],
  "patch-privileged": ["pss-privileged"],
  "rc-privileged": ["pss-privileged"],
  "podtemplate-privileged": ["pss-privileged"],
  "removed-deployment": ["kubernetes-removed-api"],
  "removed-ingress-no-tls": ["kubernetes-removed-api", "ingress-tls"],
  "classic-elb-http": ["aws-elb-classic-tls"],
  "rds-from-snapshot": ["aws-rds-force-ssl"],
  "serverless-cache-defaults": ["aws-elasticache-encryption-at-rest", "aws-elasticache-transit-encryption"],
  "bucket-other-arns": ["aws-s3-secure-transport"],
  "policy-other-arns": [],
  "bucket-narrowed-deny": ["aws-s3-secure-transport"],
  "policy-narrowed-deny": [],
  "privileged-unknown": [],
  "rds-engine-unknown": [],
  "token-automount": ["no-service-account-token-automount"],
  "configmap-credentials": ["no-credentials-in-configmaps"],
  "binding-cluster-admin": ["rbac-no-cluster-admin-binding"],
  "role-pod-exec": ["rbac-no-pod-exec-attach"],
  "role-wildcards": ["rbac-no-wildcards"],
  "naked-pod": ["no-naked-pods"],
  "pdb-zero-unavailable": ["pdb-allows-disruption"],
  "pdb-min-available-at-floor": ["pdb-allows-disruption"],
  "single-replica": ["replicas-and-spread"],
  "hpa-min-one": ["replicas-and-spread"],
  "replicas-without-spread": ["replicas-and-spread"],
  "args-expand-secret": ["no-credentials-in-args"],
  "args-literal-password": ["no-credentials-in-args"],
  "command-shell-secret": ["no-credentials-in-args"],
  "ecs-command-secret": ["aws-ecs-task-no-plaintext-secrets"],
};
const UNDER_TEST = new Set(Object.values(VIOLATES).flat());
const expectationOf = (name: string) => (name.startsWith("compliant-") ? [] : VIOLATES[name]);

describe("guardrails without gaps (each case of the red-team pass)", () => {
  describe("every case is caught, and its compliant twin passes, in all three --input forms", () => {
    itInEachInputForm(FIXTURE, (report, run) => {
      const names = assertBrokenPolicies(report, expectationOf, UNDER_TEST);
      for (const name of Object.keys(VIOLATES)) assert.ok(names.includes(name), `${name} is in the run`);

      assert.deepEqual(
        report.notInspected.map((n: any) => [n.name, n.accepted]),
        [
          ["cg-url", false],
          ["chart-v4", false],
          ["release-v3", false],
          ["kustomize-v2", false],
        ],
      );
      assert.match(
        report.notInspected[0].reason,
        /https:\/\/raw\.example\.com\/manifests\/agent\.yaml is a URL, which check does not fetch/,
      );
      assert.match(report.notInspected[2].reason, /no policy sees them offline or in a real preview/);

      assert.deepEqual(
        report.unknowns.map((u: any) => [u.name, u.policy, u.level, u.accepted]),
        [
          ["privileged-unknown", "pss-privileged", "mandatory", false],
          ["rds-engine-unknown", "aws-rds-force-ssl", "mandatory", false],
        ],
      );
      assert.deepEqual(Object.keys(report.notInspected[0]), ["urn", "type", "name", "reason", "accepted"]);
      assert.deepEqual(Object.keys(report.unknowns[0]), [
        "policy",
        "level",
        "urn",
        "type",
        "name",
        "reason",
        "accepted",
      ]);
      assert.deepEqual([report.summary.notInspected, report.summary.unknowns], [4, 2]);
      assert.equal(report.unknowns[1].reason, "string value at .engine can't be known during preview");
      const findings = JSON.stringify([report.violations, report.unknowns, report.notInspected]) + run.stderr;
      assert.ok(
        findings.includes("value not shown") && !findings.includes("hunter2"),
        "no finding prints the fixture's credentials",
      );
    });
  });

  describe("the pack judges a *Patch on what it sets", () => {
    const patch = (spec: any): TestResource => ({
      type: "kubernetes:apps/v1:DeploymentPatch",
      name: "patch",
      props: { metadata: { name: "api", namespace: "team" }, spec },
    });

    it("passes a patch that only changes an image or the replica count, under every policy", async () => {
      const result = await runPolicy("pss-privileged", [
        patch({ replicas: 4 }),
        patch({ template: { spec: { containers: [{ name: "api", image: "r/api:1.2.4" }] } } }),
      ]);
      assert.deepEqual(result.violations, []);
      const all = await runCli([
        "check",
        "--input",
        path.join(__dirname, "..", "fixtures", "input", "gaps.json"),
        "--json",
      ]);
      const compliantPatch = JSON.parse(all.stdout).violations.filter((v: any) => v.name === "compliant-patch-image");
      assert.deepEqual(compliantPatch, [], "no policy of the pack reports a patch for what it leaves alone");
    });

    it("reports what the patch sets, where it sets it", async () => {
      assert.deepEqual(await messages("pss-host-namespaces", patch({ template: { spec: { hostPID: true } } })), [
        "spec.template.spec.hostPID is true; it must be unset or false.",
      ]);
      assert.deepEqual(
        await messages(
          "pss-capabilities-baseline",
          patch({
            template: {
              spec: { containers: [{ name: "api", securityContext: { capabilities: { add: ["SYS_ADMIN"] } } }] },
            },
          }),
        ),
        ['container "api" (spec.template.spec.containers[0]) adds capabilities outside the baseline set: SYS_ADMIN.'],
      );
    });

    it("never remediates a patch: the fields it leaves are the live object's", async () => {
      const result = await runPolicy(
        "pss-seccomp",
        patch({ template: { spec: { containers: [{ name: "api", image: "r/api:1" }] } } }),
        { level: "remediate" },
      );
      assert.deepEqual(result.remediations, []);
    });
  });

  describe("kubernetes-removed-api", () => {
    it("names the release that removed the version and the one to use", async () => {
      const old = workload("Deployment");
      assert.deepEqual(
        await messages("kubernetes-removed-api", { ...old, type: "kubernetes:apps/v1beta1:Deployment" }),
        ["apps/v1beta1 Deployment was removed in Kubernetes 1.16: the cluster refuses it at apply; use apps/v1."],
      );
      assert.deepEqual(
        await messages("kubernetes-removed-api", {
          type: "kubernetes:policy/v1beta1:PodDisruptionBudget",
          props: { spec: {} },
        }),
        [
          "policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25: the cluster refuses it at apply; use policy/v1.",
        ],
      );
    });

    it("passes served versions, and still judges the pod of a removed one", async () => {
      assert.deepEqual(
        await messages("kubernetes-removed-api", [
          workload("Deployment"),
          { type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", props: { spec: {} } },
          // Kinds a group-version still serves after others of it were removed.
          { type: "kubernetes:networking.k8s.io/v1beta1:ServiceCIDR", name: "cidr", props: { spec: {} } },
          {
            type: "kubernetes:admissionregistration.k8s.io/v1beta1:ValidatingAdmissionPolicy",
            name: "vap",
            props: { spec: {} },
          },
          { type: "kubernetes:storage.k8s.io/v1beta1:VolumeAttributesClass", name: "vac", props: { driverName: "x" } },
        ]),
        [],
      );
      const spec = compliantPodSpec();
      spec.containers[0].securityContext.privileged = true;
      assert.equal(
        (
          await messages("pss-privileged", {
            ...workload("Deployment", spec),
            type: "kubernetes:extensions/v1beta1:Deployment",
          })
        ).length,
        1,
      );
    });
  });

  describe("stack policies judge each resource on its own", () => {
    it("report the resources they could judge, and name each one an unknown value stopped", async () => {
      const group = {
        type: "aws:rds/parameterGroup:ParameterGroup",
        name: "pg",
        props: { name: "pg", family: "postgres16", parameters: [] },
      };
      const db = (name: string, engine: unknown) => ({
        type: "aws:rds/instance:Instance",
        name,
        props: { engine, parameterGroupName: "pg" },
      });
      const result = await runPolicy("aws-rds-force-ssl", [
        group,
        db("unknown-engine", UNKNOWN_VALUE),
        db("known", "postgres"),
        db("also-unknown", UNKNOWN_VALUE),
      ]);
      assert.deepEqual(
        result.violations.map((v) => [v.name, v.message]),
        [["known", "known: parameter group pg does not set rds.force_ssl = 1."]],
      );
      assert.deepEqual(
        result.unknowns.map((u) => [u.name, u.type, u.reason]),
        [
          ["unknown-engine", "aws:rds/instance:Instance", "string value at .engine can't be known during preview"],
          ["also-unknown", "aws:rds/instance:Instance", "string value at .engine can't be known during preview"],
        ],
      );
    });
  });
});

describe("Polaris-class policies", () => {
  describe("no-service-account-token-automount", () => {
    const account = (automount: boolean | undefined) => ({
      type: "kubernetes:core/v1:ServiceAccount",
      name: "sa",
      props: {
        metadata: { name: "app", namespace: "team" },
        ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
      },
    });
    const onAccount = () => {
      const spec = compliantPodSpec();
      delete spec.automountServiceAccountToken;
      spec.serviceAccountName = "app";
      return workload("Deployment", spec);
    };

    it("passes a pod or ServiceAccount that turns automounting off", async () => {
      assert.deepEqual(await messages("no-service-account-token-automount", workload("Deployment")), []);
      assert.deepEqual(await messages("no-service-account-token-automount", [account(false), onAccount()]), []);
    });

    it("reports a pod that mounts one, and an account that does not turn it off", async () => {
      const spec = compliantPodSpec();
      spec.automountServiceAccountToken = true;
      assert.deepEqual(await messages("no-service-account-token-automount", workload("Deployment", spec)), [
        "subject mounts a service account token (automountServiceAccountToken: true).",
      ]);
      assert.deepEqual(await messages("no-service-account-token-automount", [account(undefined), onAccount()]), [
        'subject mounts the token of ServiceAccount "app", which does not turn automounting off.',
      ]);
      assert.deepEqual(await messages("no-service-account-token-automount", onAccount()), [
        'subject mounts the token of ServiceAccount "app", which does not turn automounting off.',
      ]);
    });
  });

  describe("no-credentials-in-configmaps", () => {
    const configMap = (data: Record<string, unknown>) => ({
      type: "kubernetes:core/v1:ConfigMap",
      props: { metadata: { name: "c", namespace: "team" }, data },
    });

    it("reports credentials as keys, inside config files, and by shape, never printing them", async () => {
      assert.deepEqual(
        await messages(
          "no-credentials-in-configmaps",
          configMap({
            API_TOKEN: "abc123abc123",
            "app.ini": "[db]\nuser = app\npassword = hunter2hunter2\n",
            "notify.txt": "https://hooks.slack.com/services/T000/B000/XXXX",
          }),
        ),
        [
          "data.API_TOKEN: literal value under a credential's name (value not shown).",
          'data["app.ini"] line 3: password setting with a literal value (value not shown).',
          'data["notify.txt"]: Slack webhook URL (value not shown).',
        ],
      );
    });

    it("passes settings that describe or refer to a credential, and the keys the config allows", async () => {
      assert.deepEqual(
        await messages(
          "no-credentials-in-configmaps",
          configMap({
            TOKEN_TTL_SECONDS: "3600",
            PASSWORD_MIN_LENGTH: "12",
            DB_PASSWORD: "$(DB_PASSWORD)",
            "app.yaml": "password: ${DB_PASSWORD}\npasswordFile: /run/secrets/db\n",
          }),
        ),
        [],
      );
      assert.deepEqual(
        await messages("no-credentials-in-configmaps", configMap({ PUBLIC_TOKEN: "pk_live_public" }), {
          config: { allowedKeys: ["PUBLIC_TOKEN"] },
        }),
        [],
      );
    });

    it("does without a value unknown in a preview only when its key names no credential", async () => {
      const known = await runPolicy("no-credentials-in-configmaps", configMap({ KMS_KEY_ARN: UNKNOWN_VALUE }));
      assert.deepEqual([known.violations, known.unknowns], [[], []]);
      const secretNamed = await runPolicy("no-credentials-in-configmaps", configMap({ DB_PASSWORD: UNKNOWN_VALUE }));
      assert.deepEqual(
        secretNamed.unknowns.map((u) => u.reason),
        ["string value at .data.DB_PASSWORD can't be known during preview"],
      );
    });
  });

  describe("RBAC", () => {
    const binding = (subjects: object[]) => ({
      type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
      props: {
        metadata: { name: "b" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
        subjects,
      },
    });
    const role = (rules: object[], name = "r") => ({
      type: "kubernetes:rbac.authorization.k8s.io/v1:Role",
      props: { metadata: { name, namespace: "team" }, rules },
    });

    it("rbac-no-cluster-admin-binding: reports cluster-admin bindings except to the subjects the config allows", async () => {
      const subjects = [
        { kind: "Group", name: "platform-break-glass" },
        { kind: "User", name: "alice" },
      ];
      assert.deepEqual(await messages("rbac-no-cluster-admin-binding", binding(subjects)), [
        'ClusterRoleBinding "b" grants every verb on every resource (cluster-admin) to Group:platform-break-glass, User:alice cluster-wide through ClusterRole "cluster-admin" (built-in): full control of every object the binding reaches, RBAC included.',
      ]);
      assert.deepEqual(
        await messages("rbac-no-cluster-admin-binding", binding(subjects), {
          config: { allowedSubjects: ["Group:platform-break-glass"] },
        }),
        [
          'ClusterRoleBinding "b" grants every verb on every resource (cluster-admin) to User:alice cluster-wide through ClusterRole "cluster-admin" (built-in): full control of every object the binding reaches, RBAC included.',
        ],
      );
      assert.deepEqual(
        await messages("rbac-no-cluster-admin-binding", binding(subjects.slice(0, 1)), {
          config: { allowedSubjects: ["Group:platform-break-glass"] },
        }),
        [],
      );
    });

    it("rbac-no-pod-exec-attach and rbac-no-wildcards: report the rule, pass named roles the config allows", async () => {
      assert.deepEqual(
        await messages(
          "rbac-no-pod-exec-attach",
          role([
            { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
            { apiGroups: [""], resources: ["pods/attach"], verbs: ["create"] },
          ]),
        ),
        [
          'Role "r" grants pods/attach (create) in namespace team to whoever is bound to it (no binding in the stack names it) through rules[1] of Role "r": a shell in any pod, with its Secrets and service-account token.',
        ],
      );
      assert.deepEqual(
        await messages("rbac-no-wildcards", role([{ apiGroups: ["apps"], resources: ["*"], verbs: ["get"] }])),
        [
          'Role "r" grants "*" in resources in namespace team to whoever is bound to it (no binding in the stack names it) through rules[0] of Role "r": a wildcard grants whatever the API adds later too.',
        ],
      );
      assert.deepEqual(
        await messages(
          "rbac-no-wildcards",
          role([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }], "break-glass"),
          { config: { allowedRoles: ["break-glass"] } },
        ),
        [],
      );
    });

    it("keeps the platform's own deployer and auditor Roles compliant", async () => {
      const deployer = role(deployerRules() as object[], "deployer");
      const auditor = role(auditorRules() as object[], "auditor");
      for (const policy of ["rbac-no-pod-exec-attach", "rbac-no-wildcards"])
        assert.deepEqual(await messages(policy, [deployer, auditor]), [], policy);
    });
  });

  describe("pdb-allows-disruption and replicas-and-spread", () => {
    const pdb = (spec: object) => ({
      type: "kubernetes:policy/v1:PodDisruptionBudget",
      name: "pdb",
      props: {
        metadata: { name: "pdb", namespace: "team" },
        spec: { selector: { matchLabels: { app: "app" } }, ...spec },
      },
    });
    const deployment = (replicas?: number, spec = compliantPodSpec()) => {
      const w = workload("Deployment", spec);
      if (replicas !== undefined) (w.props as any).spec.replicas = replicas;
      return w;
    };
    const spread = () => ({
      ...compliantPodSpec(),
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" },
      ],
    });
    const hpa = (minReplicas?: number) => ({
      type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
      name: "hpa",
      props: {
        metadata: { name: "hpa", namespace: "team" },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "subject" },
          ...(minReplicas === undefined ? {} : { minReplicas }),
          maxReplicas: 5,
        },
      },
    });

    it("pdb-allows-disruption: a minAvailable at the HPA's floor, or 100%, or maxUnavailable 0 blocks every drain", async () => {
      assert.deepEqual(await messages("pdb-allows-disruption", [pdb({ minAvailable: 3 }), deployment(5), hpa(3)]), [
        "pdb: minAvailable 3 is not below subject's 3 replica(s) at its fewest, so no pod may be evicted.",
      ]);
      assert.deepEqual(await messages("pdb-allows-disruption", [pdb({ minAvailable: "100%" })]), [
        "pdb: minAvailable 100% never allows an eviction.",
      ]);
      assert.deepEqual(await messages("pdb-allows-disruption", [pdb({ maxUnavailable: "0%" })]), [
        "pdb: maxUnavailable 0% never allows an eviction.",
      ]);
      assert.deepEqual(await messages("pdb-allows-disruption", [pdb({ minAvailable: 2 }), deployment(5), hpa(3)]), []);
      assert.deepEqual(await messages("pdb-allows-disruption", [pdb({ maxUnavailable: 1 }), deployment(1)]), []);
    });

    it("pdb-allows-disruption: a percentage is scaled to the workload's fewest replicas and rounded up, as Kubernetes does", async () => {
      // 90% of 3 rounds up to 3: every pod must stay.
      assert.deepEqual(await messages("pdb-allows-disruption", [pdb({ minAvailable: "90%" }), deployment(5), hpa(3)]), [
        "pdb: minAvailable 90% (3 pod(s), rounded up as Kubernetes does) is not below subject's 3 replica(s) at its fewest, so no pod may be evicted.",
      ]);
      // 50% of 3 rounds up to 2: one may go.
      assert.deepEqual(
        await messages("pdb-allows-disruption", [pdb({ minAvailable: "50%" }), deployment(5), hpa(3)]),
        [],
      );
      assert.deepEqual(await messages("pdb-allows-disruption", [pdb({ maxUnavailable: "10%" }), deployment(3)]), []);
    });

    it("replicas-and-spread: fewer than minReplicas (2 by default, from the config) and replicas sharing a node are reported", async () => {
      assert.deepEqual(await messages("replicas-and-spread", deployment(undefined, spread())), [
        "subject runs 1 replica(s), fewer than 2.",
      ]);
      assert.deepEqual(await messages("replicas-and-spread", [deployment(undefined, spread()), hpa()]), [
        "hpa: minReplicas 1 is below 2; one pod lost is the service down.",
      ]);
      assert.deepEqual(await messages("replicas-and-spread", deployment(3)), [
        "subject runs several replicas with no topologySpreadConstraints or pod anti-affinity: they may share one node.",
      ]);
      assert.deepEqual(await messages("replicas-and-spread", [deployment(undefined, spread()), hpa(2)]), []);
      assert.deepEqual(await messages("replicas-and-spread", deployment(2, spread()), { config: { minReplicas: 3 } }), [
        "subject runs 2 replica(s), fewer than 3.",
      ]);
    });
  });

  describe("no-credentials-in-args", () => {
    const withContainer = (change: (c: any) => void) => {
      const spec = compliantPodSpec();
      change(spec.containers[0]);
      return workload("Deployment", spec);
    };
    const secretEnv = [{ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: "redis", key: "password" } } }];

    it("reports a secret expanded into the arguments, by Kubernetes or by a shell, and literal credentials", async () => {
      assert.deepEqual(
        await messages(
          "no-credentials-in-args",
          withContainer((c) => {
            c.env = secretEnv;
            c.args = ["--requirepass", "$(REDIS_PASSWORD)"];
          }),
        ),
        [
          'container "app" (spec.template.spec.containers[0]) args[1]: expands REDIS_PASSWORD into the arguments, where any process on the node can read it.',
        ],
      );
      assert.deepEqual(
        await messages(
          "no-credentials-in-args",
          withContainer((c) => {
            c.envFrom = [{ secretRef: { name: "db" } }];
            c.command = ["sh", "-c", "psql -c 'select 1' \"postgresql://app:${DB_PASSWORD}@db/app\""];
          }),
        ),
        [
          'container "app" (spec.template.spec.containers[0]) command[2]: expands DB_PASSWORD into a command line its shell runs, where any process on the node can read it.',
        ],
      );
      assert.deepEqual(
        await messages(
          "no-credentials-in-args",
          withContainer((c) => {
            c.args = ["--db", "postgresql://app:hunter2@db/app"];
          }),
        ),
        ['container "app" (spec.template.spec.containers[0]) args[1]: URL with a password (value not shown).'],
      );
    });

    it("passes a secret handed to the environment, a password file, and a non-secret variable", async () => {
      assert.deepEqual(
        await messages(
          "no-credentials-in-args",
          withContainer((c) => {
            c.env = secretEnv;
            c.command = ["sh", "-c", 'export REDISCLI_AUTH="$REDIS_PASSWORD"; redis-cli ping'];
          }),
        ),
        [],
      );
      assert.deepEqual(
        await messages(
          "no-credentials-in-args",
          withContainer((c) => {
            c.args = ["--password-file", "/run/secrets/db", "--port", "$(PORT)"];
            c.env = [{ name: "PORT", value: "8080" }];
          }),
        ),
        [],
      );
    });
  });
});
