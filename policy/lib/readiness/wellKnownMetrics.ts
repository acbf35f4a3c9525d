/**
 * The metrics of well-known exporters: a rule may use them without an app declaring them. Each
 * family names the labels the exporter itself puts on its series and who scrapes it: `cluster`
 * (the cluster's shared stack scrapes it for every namespace: kube-state-metrics, the kubelet and
 * cAdvisor, node-exporter, cert-manager, Prometheus' own series), or `exporter` (a team runs it
 * beside its store and its monitor scrapes it: postgres_exporter, redis_exporter, recognised by
 * the scraped container's image).
 */
export interface KnownMetricFamily {
  /** Metric names of the family. */
  readonly match: RegExp;
  /** The exporter. */
  readonly exporter: string;
  /** Labels the exporter puts on the family's series; `"any"` when they vary (ALERTS carries the rules' labels). */
  readonly labels: readonly string[] | "any";
  /** Who scrapes it. */
  readonly scrape: { readonly by: "cluster" } | { readonly by: "exporter"; readonly image: RegExp };
}

/**
 * Labels kube-prometheus-stack's own scrapes give the exporters it runs (`honorLabels`, so the
 * exporter's `namespace`, `pod`, `container` are the objects' own): the operator's target labels,
 * plus `node` and `metrics_path` on the kubelet's.
 */
export const CLUSTER_TARGET_LABELS: Readonly<Record<string, readonly string[]>> = {
  "kube-state-metrics": ["job", "instance", "namespace", "pod", "container", "service", "endpoint"],
  kubelet: ["job", "instance", "namespace", "service", "endpoint", "node", "metrics_path"],
  "node-exporter": ["job", "instance", "namespace", "pod", "container", "service", "endpoint"],
  "cert-manager": ["job", "instance", "namespace", "pod", "container", "service", "endpoint"],
  prometheus: ["job", "instance", "namespace", "pod", "container", "service", "endpoint"],
};

const cluster = { by: "cluster" } as const;
const ksm = (match: RegExp, labels: string[]): KnownMetricFamily => ({
  match,
  exporter: "kube-state-metrics",
  labels,
  scrape: cluster,
});
const POSTGRES = { by: "exporter", image: /postgres[-_]exporter/ } as const;
const REDIS = { by: "exporter", image: /redis[-_]exporter/ } as const;
const pg = (match: RegExp, labels: string[]): KnownMetricFamily => ({
  match,
  exporter: "postgres_exporter",
  labels,
  scrape: POSTGRES,
});
const POD = ["namespace", "pod", "uid"];
const CONTAINER = [...POD, "container"];

/** The families, most specific first: the first that matches a name decides. */
export const KNOWN_METRIC_FAMILIES: readonly KnownMetricFamily[] = [
  ksm(/^kube_pod_container_status_(waiting|terminated|last_terminated)_reason$/, [...CONTAINER, "reason"]),
  ksm(/^kube_pod_container_resource_(limits|requests)$/, [...CONTAINER, "node", "resource", "unit"]),
  ksm(/^kube_pod_container_info$/, [...CONTAINER, "image", "image_spec", "image_id", "container_id"]),
  ksm(/^kube_pod_container_/, CONTAINER),
  ksm(/^kube_pod_init_container_/, [...CONTAINER, "reason", "resource", "unit"]),
  ksm(/^kube_pod_status_phase$/, [...POD, "phase"]),
  ksm(/^kube_pod_status_(ready|scheduled|condition)/, [...POD, "condition", "status"]),
  ksm(/^kube_pod_status_reason$/, [...POD, "reason"]),
  ksm(/^kube_pod_info$/, [...POD, "node", "host_ip", "pod_ip", "created_by_kind", "created_by_name", "priority_class"]),
  ksm(/^kube_pod_owner$/, [...POD, "owner_kind", "owner_name", "owner_is_controller"]),
  ksm(/^kube_pod_/, POD),
  ksm(/^kube_horizontalpodautoscaler_status_condition$/, [
    "namespace",
    "horizontalpodautoscaler",
    "condition",
    "status",
  ]),
  ksm(/^kube_horizontalpodautoscaler_spec_target_metric$/, [
    "namespace",
    "horizontalpodautoscaler",
    "metric_name",
    "metric_target_type",
  ]),
  ksm(/^kube_horizontalpodautoscaler_/, ["namespace", "horizontalpodautoscaler"]),
  ksm(/^kube_job_(status_failed|failed|complete)$/, ["namespace", "job_name", "condition", "reason"]),
  ksm(/^kube_job_owner$/, ["namespace", "job_name", "owner_kind", "owner_name", "owner_is_controller"]),
  ksm(/^kube_job_/, ["namespace", "job_name"]),
  ksm(/^kube_cronjob_info$/, ["namespace", "cronjob", "schedule", "concurrency_policy"]),
  ksm(/^kube_cronjob_/, ["namespace", "cronjob"]),
  ksm(/^kube_deployment_status_condition$/, ["namespace", "deployment", "condition", "status"]),
  ksm(/^kube_deployment_/, ["namespace", "deployment"]),
  ksm(/^kube_statefulset_/, ["namespace", "statefulset", "revision"]),
  ksm(/^kube_daemonset_/, ["namespace", "daemonset"]),
  ksm(/^kube_replicaset_/, ["namespace", "replicaset", "owner_kind", "owner_name", "owner_is_controller"]),
  ksm(/^kube_persistentvolumeclaim_/, [
    "namespace",
    "persistentvolumeclaim",
    "storageclass",
    "volumename",
    "access_mode",
    "phase",
  ]),
  ksm(/^kube_persistentvolume_/, ["persistentvolume", "storageclass", "phase"]),
  ksm(/^kube_node_/, ["node", "condition", "status", "resource", "unit", "key", "value", "effect"]),
  ksm(/^kube_namespace_/, ["namespace", "phase"]),
  ksm(/^kube_resourcequota$/, ["namespace", "resourcequota", "resource", "type"]),
  ksm(/^kube_poddisruptionbudget_/, ["namespace", "poddisruptionbudget"]),
  ksm(/^kube_service_/, ["namespace", "service", "uid", "type", "cluster_ip"]),
  ksm(/^kube_verticalpodautoscaler_/, [
    "namespace",
    "verticalpodautoscaler",
    "target_api_version",
    "target_kind",
    "target_name",
    "container",
    "resource",
    "unit",
  ]),
  {
    match: /^kubelet_volume_stats_/,
    exporter: "kubelet",
    labels: ["namespace", "persistentvolumeclaim"],
    scrape: cluster,
  },
  { match: /^kubelet_/, exporter: "kubelet", labels: [], scrape: cluster },
  {
    match: /^container_/,
    exporter: "kubelet",
    labels: ["namespace", "pod", "container", "id", "image", "name", "cpu", "device", "interface", "scope"],
    scrape: cluster,
  },
  {
    match: /^node_/,
    exporter: "node-exporter",
    labels: ["cpu", "mode", "device", "fstype", "mountpoint", "nodename", "sysname", "release", "machine", "collector"],
    scrape: cluster,
  },
  {
    match: /^certmanager_/,
    exporter: "cert-manager",
    labels: ["name", "namespace", "issuer_name", "issuer_kind", "issuer_group", "condition"],
    scrape: cluster,
  },
  { match: /^(up|scrape_[a-z_]+)$/, exporter: "prometheus", labels: [], scrape: cluster },
  { match: /^ALERTS(_FOR_STATE)?$/, exporter: "prometheus", labels: "any", scrape: cluster },
  pg(/^pg_up$/, []),
  pg(/^pg_stat_database_/, ["datid", "datname"]),
  pg(/^pg_stat_activity_/, ["datname", "state", "usename", "application_name", "backend_type"]),
  pg(/^pg_locks_count$/, ["datname", "mode"]),
  pg(/^pg_database_size_bytes$/, ["datname"]),
  pg(/^pg_(stat_replication|replication_slot)_/, [
    "application_name",
    "client_addr",
    "state",
    "slot_name",
    "slot_type",
  ]),
  pg(/^pg_(settings|stat_bgwriter|postmaster|static|exporter)_/, ["version", "short_version", "server"]),
  pg(/^pg_/, ["datname"]),
  {
    match: /^redis_db_(keys|keys_expiring|avg_ttl_seconds)$/,
    exporter: "redis_exporter",
    labels: ["db"],
    scrape: REDIS,
  },
  { match: /^redis_commands_/, exporter: "redis_exporter", labels: ["cmd"], scrape: REDIS },
  { match: /^redis_/, exporter: "redis_exporter", labels: [], scrape: REDIS },
];

/** The well-known family a metric belongs to, if any. */
export function knownFamily(metric: string): KnownMetricFamily | undefined {
  return KNOWN_METRIC_FAMILIES.find((f) => f.match.test(metric));
}
