import { strict as assert } from "node:assert";
import { SecurityBaseline } from "../components";
import { baselineArgs } from "./fixtures/baseline";
import { promiseOf, render } from "./mocks";

const NS = "kubernetes:core/v1:Namespace";
const QUOTA = "kubernetes:core/v1:ResourceQuota";
const LIMITS = "kubernetes:core/v1:LimitRange";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const ROLE = "kubernetes:rbac.authorization.k8s.io/v1:Role";
const BINDING = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding";

describe("SecurityBaseline", () => {
  it("labels the namespace for Pod Security Standards restricted: enforce, audit and warn", async () => {
    let baseline!: SecurityBaseline;
    const r = await render(() => {
      baseline = new SecurityBaseline("team-baseline", baselineArgs());
    });
    const labels = r.props(NS, "team-baseline-ns").metadata.labels;
    for (const mode of ["enforce", "audit", "warn"]) {
      assert.equal(labels[`pod-security.kubernetes.io/${mode}`], "restricted", mode);
      assert.equal(labels[`pod-security.kubernetes.io/${mode}-version`], "latest", mode);
    }
    assert.equal(await promiseOf(baseline.namespaceName), "team");
  });

  it("takes a different Pod Security level and version", async () => {
    const r = await render(
      () => new SecurityBaseline("b", baselineArgs({ podSecurityLevel: "baseline", podSecurityVersion: "v1.33" })),
    );
    const labels = r.props(NS, "b-ns").metadata.labels;
    assert.equal(labels["pod-security.kubernetes.io/enforce"], "baseline");
    assert.equal(labels["pod-security.kubernetes.io/warn-version"], "v1.33");
  });

  it("sizes the ResourceQuota from args and allows no LoadBalancer or NodePort Services by default", async () => {
    const r = await render(() => new SecurityBaseline("b", baselineArgs()));
    assert.deepEqual(r.props(QUOTA, "b-quota").spec.hard, {
      "requests.cpu": "4",
      "requests.memory": "8Gi",
      "limits.cpu": "8",
      "limits.memory": "16Gi",
      pods: "30",
      services: "20",
      persistentvolumeclaims: "10",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    });
    assert.equal(r.props(QUOTA, "b-quota").metadata.namespace, "team");
  });

  it("sets container defaults and a ceiling in the LimitRange", async () => {
    const r = await render(() => new SecurityBaseline("b", baselineArgs()));
    assert.deepEqual(r.props(LIMITS, "b-limits").spec.limits, [
      {
        type: "Container",
        defaultRequest: { cpu: "100m", memory: "128Mi" },
        default: { cpu: "500m", memory: "512Mi" },
        max: { cpu: "2", memory: "2Gi" },
      },
    ]);
  });

  it("denies all ingress and egress by default and allows DNS egress only to kube-dns on 53", async () => {
    const r = await render(() => new SecurityBaseline("b", baselineArgs()));
    const deny = r.props(NETPOL, "b-default-deny").spec;
    assert.deepEqual(deny, { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    const dns = r.props(NETPOL, "b-allow-dns").spec;
    assert.deepEqual(dns.policyTypes, ["Egress"]);
    assert.deepEqual(dns.egress[0].to, [
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
        podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
      },
    ]);
    assert.deepEqual(dns.egress[0].ports, [
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
  });

  it("points DNS egress at another resolver when told", async () => {
    const r = await render(
      () => new SecurityBaseline("b", baselineArgs({ dns: { namespace: "dns", podLabels: { app: "coredns" } } })),
    );
    assert.deepEqual(r.props(NETPOL, "b-allow-dns").spec.egress[0].to[0].podSelector.matchLabels, { app: "coredns" });
  });

  it("gives deployers workload rights but no RBAC, quota or namespace rights", async () => {
    const r = await render(() => new SecurityBaseline("b", baselineArgs()));
    const rules = r.props(ROLE, "b-deployer").rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    const resources = rules.flatMap((rule) => rule.resources);
    assert.ok(resources.includes("deployments") && resources.includes("secrets"));
    for (const forbidden of ["roles", "rolebindings", "resourcequotas", "limitranges", "namespaces"]) {
      assert.ok(
        !rules.some(
          (rule) =>
            rule.resources.includes(forbidden) && rule.verbs.some((v) => v !== "get" && v !== "list" && v !== "watch"),
        ),
        forbidden,
      );
    }
  });

  it("keeps the auditor read-only and away from Secrets", async () => {
    const r = await render(() => new SecurityBaseline("b", baselineArgs()));
    const rules = r.props(ROLE, "b-auditor").rules as { resources: string[]; verbs: string[] }[];
    assert.ok(rules.every((rule) => rule.verbs.every((v) => ["get", "list", "watch"].includes(v))));
    assert.ok(!rules.some((rule) => rule.resources.includes("secrets")));
  });

  it("binds the roles to the groups and users given, and creates no empty binding", async () => {
    const none = await render(() => new SecurityBaseline("b", baselineArgs()));
    assert.equal(none.ofType(BINDING).length, 0);
    const r = await render(
      () =>
        new SecurityBaseline(
          "b",
          baselineArgs({
            rbac: { deployers: { groups: ["ci"] }, auditors: { groups: ["audit"], users: ["alice@bank.example"] } },
          }),
        ),
    );
    const deployer = r.props(BINDING, "b-deployer-binding");
    assert.deepEqual(deployer.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "b-deployer" });
    assert.deepEqual(deployer.subjects, [{ kind: "Group", name: "ci", apiGroup: "rbac.authorization.k8s.io" }]);
    assert.deepEqual(
      r.props(BINDING, "b-auditor-binding").subjects.map((s: any) => `${s.kind}:${s.name}`),
      ["Group:audit", "User:alice@bank.example"],
    );
  });

  it("merges overrides into its children", async () => {
    const r = await render(
      () =>
        new SecurityBaseline(
          "b",
          baselineArgs({
            quota: { ...baselineArgs().quota, loadBalancers: 1 },
            overrides: {
              namespace: { metadata: { annotations: { owner: "lending" } } },
              resourceQuota: { spec: { hard: { "count/jobs.batch": "5" } } },
              limitRange: { spec: { limits: [{ type: "Container", min: { cpu: "10m" } }] } },
              defaultDenyPolicy: { metadata: { labels: { extra: "yes" } } },
            },
          }),
        ),
    );
    assert.equal(r.props(NS, "b-ns").metadata.annotations.owner, "lending");
    assert.equal(r.props(NS, "b-ns").metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
    const hard = r.props(QUOTA, "b-quota").spec.hard;
    assert.equal(hard["count/jobs.batch"], "5");
    assert.equal(hard["services.loadbalancers"], "1");
    assert.deepEqual(r.props(LIMITS, "b-limits").spec.limits, [{ type: "Container", min: { cpu: "10m" } }]);
    assert.equal(r.props(NETPOL, "b-default-deny").metadata.labels.extra, "yes");
  });

  it("creates every namespaced object after the namespace", async () => {
    const r = await render(() => new SecurityBaseline("b", baselineArgs({ rbac: { deployers: { groups: ["ci"] } } })));
    const ns = r.get(NS, "b-ns").urn;
    for (const res of r.resources.filter((x) => x.type.startsWith("kubernetes:") && x.type !== NS)) {
      assert.ok(res.dependencies.includes(ns), res.name);
    }
  });
});
