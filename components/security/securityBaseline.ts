import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ownerLabels } from "../kube/labels";
import { deepMerge, DeepOverride } from "../merge";
import { childName } from "../naming";
import { auditorRules, bindingSubjects, deployerRules, RbacSubjects } from "./rbac";

/** Every default of a {@link SecurityBaseline}: the constructor applies these, its config fragment documents them. */
export const SECURITY_BASELINE_DEFAULTS = {
  /** Pod Security Standards level enforced, audited and warned. */
  podSecurityLevel: "restricted" as "restricted" | "baseline" | "privileged",
  /** Pod Security Standards version pinned in the labels. */
  podSecurityVersion: "latest",
  /** Counts of the ResourceQuota the args leave out; LoadBalancer and NodePort Services stay at 0. */
  quota: { services: 20, persistentVolumeClaims: 10, loadBalancers: 0, nodePorts: 0 },
  /** The cluster DNS every pod may reach on port 53. */
  dns: { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } as Record<string, string> },
} as const;

const D = SECURITY_BASELINE_DEFAULTS;

/** CPU and memory pair. */
export interface CpuMemory {
  /** CPU quantity, e.g. "500m". */
  cpu: string;
  /** Memory quantity, e.g. "512Mi". */
  memory: string;
}

/** Namespace-wide resource ceiling (a ResourceQuota). */
export interface QuotaArgs {
  /** Sum of CPU requests. */
  requestsCpu: string;
  /** Sum of memory requests. */
  requestsMemory: string;
  /** Sum of CPU limits. */
  limitsCpu: string;
  /** Sum of memory limits. */
  limitsMemory: string;
  /** Pod count. */
  pods: number | string;
  /** Service count. @default 20 */
  services?: number | string;
  /** PersistentVolumeClaim count. @default 10 */
  persistentVolumeClaims?: number | string;
  /** LoadBalancer Services allowed; 0 keeps every app behind the TLS ingress. @default 0 */
  loadBalancers?: number;
  /** NodePort Services allowed. @default 0 */
  nodePorts?: number;
}

/** Per-container defaults and ceiling (a LimitRange). */
export interface LimitRangeArgs {
  /** Requests given to containers that set none. */
  defaultRequest: CpuMemory;
  /** Limits given to containers that set none. */
  default: CpuMemory;
  /** Largest limits one container may ask for. */
  max: CpuMemory;
}

/** Typed overrides for the baseline's children. */
export interface SecurityBaselineOverrides {
  /** Merged into the Namespace it creates (or the patch of an existing one). @default {} */
  namespace?: DeepOverride<k8s.core.v1.NamespaceArgs>;
  /** @default {} */
  resourceQuota?: DeepOverride<k8s.core.v1.ResourceQuotaArgs>;
  /** @default {} */
  limitRange?: DeepOverride<k8s.core.v1.LimitRangeArgs>;
  /** @default {} */
  defaultDenyPolicy?: DeepOverride<k8s.networking.v1.NetworkPolicyArgs>;
  /** @default {} */
  dnsEgressPolicy?: DeepOverride<k8s.networking.v1.NetworkPolicyArgs>;
}

/** Arguments of {@link SecurityBaseline}. */
export interface SecurityBaselineArgs {
  /** Name of the namespace to create, or `{ existing }`: a namespace someone else made, which the baseline labels for Pod Security (a NamespacePatch) and guards. */
  namespace: string | { existing: string };
  /** Base of the names of the objects it creates in the namespace (`<objectName>-quota`, `-limits`, `-default-deny`, `-allow-dns`, `-deployer`, `-auditor`). @default the component name */
  objectName?: string;
  /** Platform name (`app.kubernetes.io/part-of`). @default the namespace name */
  partOf?: string;
  /**
   * Pod Security Standards level enforced, audited and warned; `privileged` only for a namespace of
   * node agents (log shippers) whose findings the stack accepts by name. @default "restricted"
   */
  podSecurityLevel?: "restricted" | "baseline" | "privileged";
  /** Pod Security Standards version pinned in the labels. @default "latest" */
  podSecurityVersion?: string;
  /** ResourceQuota sizes. */
  quota: QuotaArgs;
  /** LimitRange defaults and ceiling. */
  limitRange: LimitRangeArgs;
  /** Cluster DNS pods that every pod may reach on port 53. @default kube-system pods labelled k8s-app=kube-dns */
  dns?: { namespace: string; podLabels: Record<string, string> };
  /** Who is bound to the deployer Role and to the read-only auditor Role. @default nobody (Roles created, no binding) */
  rbac?: { deployers?: RbacSubjects; auditors?: RbacSubjects };
  /** Overrides merged over the defaults. @default {} */
  overrides?: SecurityBaselineOverrides;
}

/** The name of the namespace a baseline guards, whether it creates it or adopts an existing one. */
export function namespaceNameOf(namespace: SecurityBaselineArgs["namespace"]): string {
  return typeof namespace === "string" ? namespace : namespace.existing;
}

/**
 * The namespace every app lives in, locked down: Pod Security Standards `restricted`
 * (enforce, audit, warn), a ResourceQuota and LimitRange, default-deny NetworkPolicy for both
 * directions with DNS egress allowed, and deployer/auditor RBAC.
 */
export class SecurityBaseline extends pulumi.ComponentResource {
  /** The Namespace it created, or the patch that labels an existing one. */
  public readonly namespace: k8s.core.v1.Namespace | k8s.core.v1.NamespacePatch;
  /** Its name, resolved once the Namespace exists (use it to order children). */
  public readonly namespaceName: pulumi.Output<string>;
  /** The ResourceQuota. */
  public readonly resourceQuota: k8s.core.v1.ResourceQuota;
  /** The LimitRange. */
  public readonly limitRange: k8s.core.v1.LimitRange;
  /** Default-deny NetworkPolicy (ingress and egress). */
  public readonly defaultDenyPolicy: k8s.networking.v1.NetworkPolicy;
  /** DNS egress NetworkPolicy. */
  public readonly dnsEgressPolicy: k8s.networking.v1.NetworkPolicy;
  /** The deployer Role. */
  public readonly deployerRole: k8s.rbac.v1.Role;
  /** The read-only auditor Role. */
  public readonly auditorRole: k8s.rbac.v1.Role;

  constructor(name: string, args: SecurityBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:SecurityBaseline", name, {}, opts);
    const child = { parent: this };
    const overrides = args.overrides ?? {};
    const level = args.podSecurityLevel ?? D.podSecurityLevel;
    const version = args.podSecurityVersion ?? D.podSecurityVersion;
    const existing = typeof args.namespace !== "string";
    const namespaceName = namespaceNameOf(args.namespace);
    const objectName = args.objectName ?? name;
    const labels = ownerLabels(args.partOf ?? namespaceName);
    const namespaceArgs = deepMerge<k8s.core.v1.NamespaceArgs>(
      {
        metadata: {
          name: namespaceName,
          labels: {
            ...labels,
            ...Object.fromEntries(
              ["enforce", "audit", "warn"].flatMap((mode) => [
                [`pod-security.kubernetes.io/${mode}`, level],
                [`pod-security.kubernetes.io/${mode}-version`, version],
              ]),
            ),
          },
        },
      },
      overrides.namespace,
    );
    this.namespace = !existing
      ? new k8s.core.v1.Namespace(childName(name, "namespace"), namespaceArgs, child)
      : new k8s.core.v1.NamespacePatch(
          childName(name, "namespace"),
          namespaceArgs as k8s.core.v1.NamespacePatchArgs,
          child,
        );
    this.namespaceName = this.namespace.metadata.apply((m) => m?.name ?? namespaceName);
    const meta = (role: string) => ({ name: `${objectName}-${role}`, namespace: this.namespaceName, labels });

    const q = args.quota;
    this.resourceQuota = new k8s.core.v1.ResourceQuota(
      childName(name, "resourceQuota"),
      deepMerge<k8s.core.v1.ResourceQuotaArgs>(
        {
          metadata: meta("quota"),
          spec: {
            hard: {
              "requests.cpu": q.requestsCpu,
              "requests.memory": q.requestsMemory,
              "limits.cpu": q.limitsCpu,
              "limits.memory": q.limitsMemory,
              pods: String(q.pods),
              services: String(q.services ?? D.quota.services),
              persistentvolumeclaims: String(q.persistentVolumeClaims ?? D.quota.persistentVolumeClaims),
              "services.loadbalancers": String(q.loadBalancers ?? D.quota.loadBalancers),
              "services.nodeports": String(q.nodePorts ?? D.quota.nodePorts),
            },
          },
        },
        overrides.resourceQuota,
      ),
      child,
    );

    const lr = args.limitRange;
    this.limitRange = new k8s.core.v1.LimitRange(
      childName(name, "limitRange"),
      deepMerge<k8s.core.v1.LimitRangeArgs>(
        {
          metadata: meta("limits"),
          spec: {
            limits: [
              {
                type: "Container",
                defaultRequest: { ...lr.defaultRequest },
                default: { ...lr.default },
                max: { ...lr.max },
              },
            ],
          },
        },
        overrides.limitRange,
      ),
      child,
    );

    this.defaultDenyPolicy = new k8s.networking.v1.NetworkPolicy(
      childName(name, "defaultDenyPolicy"),
      deepMerge<k8s.networking.v1.NetworkPolicyArgs>(
        {
          metadata: meta("default-deny"),
          spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
        },
        overrides.defaultDenyPolicy,
      ),
      child,
    );

    const dns = args.dns ?? D.dns;
    this.dnsEgressPolicy = new k8s.networking.v1.NetworkPolicy(
      childName(name, "dnsEgressPolicy"),
      deepMerge<k8s.networking.v1.NetworkPolicyArgs>(
        {
          metadata: meta("allow-dns"),
          spec: {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [
              {
                to: [
                  {
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": dns.namespace } },
                    podSelector: { matchLabels: dns.podLabels },
                  },
                ],
                ports: [
                  { protocol: "UDP", port: 53 },
                  { protocol: "TCP", port: 53 },
                ],
              },
            ],
          },
        },
        overrides.dnsEgressPolicy,
      ),
      child,
    );

    this.deployerRole = new k8s.rbac.v1.Role(
      childName(name, "deployerRole"),
      {
        metadata: meta("deployer"),
        rules: deployerRules(),
      },
      child,
    );
    this.auditorRole = new k8s.rbac.v1.Role(
      childName(name, "auditorRole"),
      {
        metadata: meta("auditor"),
        rules: auditorRules(),
      },
      child,
    );
    this.bind(name, "deployerBinding", this.deployerRole, args.rbac?.deployers);
    this.bind(name, "auditorBinding", this.auditorRole, args.rbac?.auditors);

    this.registerOutputs({ namespaceName: this.namespaceName });
  }

  private bind(
    name: string,
    role: "deployerBinding" | "auditorBinding",
    target: k8s.rbac.v1.Role,
    subjects?: RbacSubjects,
  ): void {
    const list = bindingSubjects(subjects);
    if (!list.length) return;
    new k8s.rbac.v1.RoleBinding(
      childName(name, role),
      {
        metadata: { name: target.metadata.name, namespace: this.namespaceName },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: target.metadata.name },
        subjects: list,
      },
      { parent: this },
    );
  }
}
