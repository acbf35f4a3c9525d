/** A Grafana dashboard model (the JSON Grafana imports). */
export interface Dashboard {
  uid: string;
  title: string;
  tags: string[];
  timezone: string;
  schemaVersion: number;
  version: number;
  refresh: string;
  time: { from: string; to: string };
  templating: { list: unknown[] };
  panels: Panel[];
}

/** One time-series panel. */
export interface Panel {
  id: number;
  type: "timeseries" | "stat";
  title: string;
  datasource: { type: "prometheus"; uid: "${datasource}" };
  gridPos: { h: number; w: number; x: number; y: number };
  fieldConfig: { defaults: { unit: string }; overrides: unknown[] };
  targets: { refId: string; expr: string; legendFormat: string }[];
}

const DATASOURCE_VARIABLE = {
  name: "datasource",
  type: "datasource",
  query: "prometheus",
  current: {},
  hide: 0,
  label: "Data source",
};

function panels(specs: { title: string; unit: string; exprs: [string, string][]; type?: Panel["type"] }[]): Panel[] {
  return specs.map((s, i) => ({
    id: i + 1,
    type: s.type ?? "timeseries",
    title: s.title,
    datasource: { type: "prometheus", uid: "${datasource}" },
    gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
    fieldConfig: { defaults: { unit: s.unit }, overrides: [] },
    targets: s.exprs.map(([expr, legendFormat], j) => ({ refId: String.fromCharCode(65 + j), expr, legendFormat })),
  }));
}

function dashboard(uid: string, title: string, tags: string[], body: Panel[]): Dashboard {
  return {
    uid,
    title,
    tags,
    timezone: "utc",
    schemaVersion: 39,
    version: 1,
    refresh: "30s",
    time: { from: "now-6h", to: "now" },
    templating: { list: [DATASOURCE_VARIABLE] },
    panels: body,
  };
}

/** A stable dashboard UID (Grafana allows 40 characters): `<namespace>-<kind>`, shortened if need be. */
export function dashboardUid(namespace: string, kind: string): string {
  return `${namespace}-${kind}`.slice(0, 40);
}

/** Request rate, p95 latency and error rate by app; pod CPU and memory against limits; restarts. */
export function platformOverview(namespace: string): Dashboard {
  const ns = `namespace="${namespace}"`;
  return dashboard(
    dashboardUid(namespace, "platform-overview"),
    `${namespace}: platform overview`,
    ["platform", namespace],
    panels([
      {
        title: "Request rate by app",
        unit: "reqps",
        exprs: [[`sum by (app) (rate(http_requests_total{${ns}}[5m]))`, "{{app}}"]],
      },
      {
        title: "p95 latency by app",
        unit: "s",
        exprs: [
          [
            `histogram_quantile(0.95, sum by (app, le) (rate(http_request_duration_seconds_bucket{${ns}}[5m])))`,
            "{{app}}",
          ],
        ],
      },
      {
        title: "Error rate by app (5xx)",
        unit: "percent",
        exprs: [
          [
            `sum by (app) (rate(http_requests_total{${ns}, status=~"5.."}[5m])) / sum by (app) (rate(http_requests_total{${ns}}[5m])) * 100`,
            "{{app}}",
          ],
        ],
      },
      {
        title: "Pod CPU against limits",
        unit: "percent",
        exprs: [
          [
            `sum by (pod) (rate(container_cpu_usage_seconds_total{${ns}, container!=""}[5m])) / sum by (pod) (kube_pod_container_resource_limits{${ns}, resource="cpu"}) * 100`,
            "{{pod}}",
          ],
        ],
      },
      {
        title: "Pod memory against limits",
        unit: "percent",
        exprs: [
          [
            `sum by (pod) (container_memory_working_set_bytes{${ns}, container!=""}) / sum by (pod) (kube_pod_container_resource_limits{${ns}, resource="memory"}) * 100`,
            "{{pod}}",
          ],
        ],
      },
      {
        title: "Container restarts (1h)",
        unit: "short",
        exprs: [[`sum by (pod) (increase(kube_pod_container_status_restarts_total{${ns}}[1h]))`, "{{pod}}"]],
      },
    ]),
  );
}

/** Database connections, in-cluster PostgreSQL and Redis (their exporters), backup age. */
export function dataDashboard(namespace: string, backupCronJob = "postgres-backup"): Dashboard {
  const ns = `namespace="${namespace}"`;
  return dashboard(
    dashboardUid(namespace, "data"),
    `${namespace}: data`,
    ["platform", "data", namespace],
    panels([
      {
        title: "PostgreSQL up (in-cluster exporter)",
        unit: "short",
        type: "stat",
        exprs: [[`min(pg_up{${ns}})`, "up"]],
      },
      {
        title: "PostgreSQL backends by database",
        unit: "short",
        exprs: [[`sum by (datname) (pg_stat_database_numbackends{${ns}})`, "{{datname}}"]],
      },
      {
        title: "Database connections by app",
        unit: "short",
        exprs: [
          [`sum by (app) (db_pool_active_connections{${ns}})`, "{{app}} active"],
          [`sum by (app) (db_pool_idle_connections{${ns}})`, "{{app}} idle"],
        ],
      },
      {
        title: "Database connection errors",
        unit: "ops",
        exprs: [[`sum by (app) (rate(db_connection_errors_total{${ns}}[5m]))`, "{{app}}"]],
      },
      {
        title: "Redis memory used",
        unit: "bytes",
        exprs: [[`sum by (pod) (redis_memory_used_bytes{${ns}})`, "{{pod}}"]],
      },
      {
        title: "Redis evictions",
        unit: "ops",
        exprs: [[`sum by (pod) (rate(redis_evicted_keys_total{${ns}}[5m]))`, "{{pod}}"]],
      },
      { title: "Redis clients", unit: "short", exprs: [[`sum by (pod) (redis_connected_clients{${ns}})`, "{{pod}}"]] },
      {
        title: "Time since the last verified backup",
        unit: "s",
        type: "stat",
        exprs: [
          [`time() - max(kube_cronjob_status_last_successful_time{${ns}, cronjob="${backupCronJob}"})`, "backup age"],
        ],
      },
      {
        title: "Volume usage",
        unit: "percent",
        exprs: [
          [
            `kubelet_volume_stats_used_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} * 100`,
            "{{persistentvolumeclaim}}",
          ],
        ],
      },
    ]),
  );
}

/** A dashboard a stack declares: panels of PromQL queries (checked with Prometheus' grammar). */
export interface DashboardSpec {
  /** Short name; the dashboard's UID is `<namespace>-<name>`. */
  readonly name: string;
  /** Title. */
  readonly title: string;
  /** Panels, laid out two per row. */
  readonly panels: readonly {
    readonly title: string;
    /** Grafana unit. @default "short" */
    readonly unit?: string;
    /** @default "timeseries" */
    readonly type?: Panel["type"];
    readonly queries: readonly { readonly expr: string; readonly legend?: string }[];
  }[];
}

/** The Grafana model of a declared dashboard. */
export function customDashboard(namespace: string, spec: DashboardSpec): Dashboard {
  return dashboard(
    dashboardUid(namespace, spec.name),
    spec.title,
    ["team", namespace],
    panels(
      spec.panels.map((p) => ({
        title: p.title,
        unit: p.unit ?? "short",
        type: p.type,
        exprs: p.queries.map((q): [string, string] => [q.expr, q.legend ?? ""]),
      })),
    ),
  );
}
