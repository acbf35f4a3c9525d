import { PolicyResource } from "@pulumi/policy";
import { hpaFor } from "../replicas";
import { countOf, DECLARATIONS, pathsOf } from "./declarations";
import { StackModel, StackResource, WorkloadModel } from "./stackModel";

/** PostgreSQL's defaults, when the server's configuration does not set them. */
export const POSTGRES_DEFAULTS = { maxConnections: 100, superuserReserved: 3 } as const;
/** RDS's `max_connections` default for PostgreSQL: `LEAST({DBInstanceClassMemory/9531392}, 5000)`. */
export const RDS_MAX_CONNECTIONS = { bytesPerConnection: 9531392, cap: 5000 } as const;
/** PgBouncer's defaults (`default_pool_size`, `max_client_conn`). */
export const PGBOUNCER_DEFAULTS = { poolSize: 20, maxClients: 100 } as const;

const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const RDS_PROXY_TARGET = "aws:rds/proxyTarget:ProxyTarget";
const RDS_PROXY_GROUP = "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup";
const ECS_SERVICE = "aws:ecs/service:Service";
const SCALING_TARGET = "aws:appautoscaling/target:Target";

const GIB = 2 ** 30;
/** GiB per vCPU of the RDS instance families by their letter (db.m*: 4, db.r*, db.x2g: 8). */
const GIB_PER_VCPU: Record<string, number> = { m: 4, r: 8, x: 16 };
/** Burstable classes (db.t3, db.t4g), by size. */
const BURSTABLE_GIB: Record<string, number> = { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, "2xlarge": 32 };

/** The memory of an RDS instance class (`db.r6g.large` → 16 GiB), from the families' vCPU/memory ratios; undefined when unknown. */
export function instanceClassBytes(instanceClass: string): number | undefined {
  const m = /^db\.([a-z])[a-z0-9-]*\.(\w+)$/.exec(instanceClass);
  if (!m) return undefined;
  const [, family, size] = m;
  if (family === "t") return BURSTABLE_GIB[size] !== undefined ? BURSTABLE_GIB[size] * GIB : undefined;
  const vcpus =
    size === "large" ? 2 : size === "xlarge" ? 4 : /^(\d+)xlarge$/.test(size) ? 4 * parseInt(size) : undefined;
  return vcpus && GIB_PER_VCPU[family] ? vcpus * GIB_PER_VCPU[family] * GIB : undefined;
}

/** A `max_connections` value of a parameter group: a number, or a formula on `DBInstanceClassMemory` (optionally in `LEAST(…, n)`). */
export function maxConnectionsOf(value: unknown, instanceClass: string | undefined): number | undefined {
  const plain = countOf(value);
  if (plain !== undefined) return plain;
  const bytes = instanceClass ? instanceClassBytes(instanceClass) : undefined;
  if (typeof value !== "string" && value !== undefined) return undefined;
  if (bytes === undefined) return undefined;
  if (value === undefined)
    return Math.min(Math.floor(bytes / RDS_MAX_CONNECTIONS.bytesPerConnection), RDS_MAX_CONNECTIONS.cap);
  const formula = /\{DBInstanceClassMemory\/(\d+)\}/.exec(value);
  if (!formula) return undefined;
  const computed = Math.floor(bytes / Number(formula[1]));
  const least = /LEAST\(.*,\s*(\d+)\s*\)/i.exec(value);
  return least ? Math.min(computed, Number(least[1])) : computed;
}

/** An app that opens database connections: a workload or an ECS service. */
export interface DatabaseClient {
  /** What it is, for messages (`Deployment "api"`, `ECS service "nexum"`). */
  label: string;
  /** Connections one replica/task opens at most. */
  perReplica: number;
  /** Replicas/tasks at most. */
  replicas: number;
  /** The server it names, when it names one. */
  server?: string;
  /** The pooler it connects through, when its declared paths lead to one. */
  pooler?: WorkloadModel;
}

/** A pooler in front of a server: its pods, their server pool and their client limit. */
export interface Pooler {
  /** The pooler's workload. */
  workload: WorkloadModel;
  /** Pods at most. */
  replicas: number;
  /** Server connections per pod (`default_pool_size`). */
  poolSize: number;
  /** Client connections per pod (`max_client_conn`). */
  maxClients: number;
  /** The host it pools to. */
  host?: string;
}

/** A PostgreSQL server of the stack, with what limits its connections. */
export interface DatabaseServer {
  /** The server's resource (the RDS instance, the StatefulSet). */
  subject: StackResource;
  /** Names it answers to (metadata name, RDS identifier, logical name, its Services). */
  names: string[];
  /** `max_connections`, when known. */
  maxConnections?: number;
  /** Where `maxConnections` comes from. */
  maxSource: string;
  /** `superuser_reserved_connections`. */
  superuserReserved: number;
  /** The RDS Proxy in front of it: the share of `max_connections` its pool may take, %. */
  proxyPercent?: number;
}

const envOf = (w: WorkloadModel, name: string): string | undefined => {
  for (const c of w.containers) {
    const e = (Array.isArray(c.container?.env) ? c.container.env : []).find((x: any) => x?.name === name);
    if (e && typeof e.value === "string") return e.value;
  }
  return undefined;
};

function mostReplicas(w: WorkloadModel, model: StackModel): number {
  const hpa = hpaFor(w.resource, model.resources);
  return Number(hpa?.props.spec?.maxReplicas ?? w.props.spec?.replicas ?? 1);
}

function serverParameters(w: WorkloadModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of w.containers) {
    const args: unknown[] = [...(c.container?.command ?? []), ...(c.container?.args ?? [])];
    args.forEach((a, i) => {
      const flag = a === "-c" ? args[i + 1] : typeof a === "string" && a.startsWith("--") ? a.slice(2) : undefined;
      const m = typeof flag === "string" ? /^([a-z_.]+)=(.*)$/.exec(flag) : null;
      if (m) out[m[1]] = m[2];
    });
  }
  return out;
}

const isPostgresImage = (image: unknown) =>
  typeof image === "string" && /(^|\/)postgres(ql)?(:|@|$)/.test(image.replace(/^.*\/(bitnami\/)/, "$1"));

function inClusterServers(model: StackModel): DatabaseServer[] {
  return model.workloads
    .filter((w) => w.kind === "StatefulSet" && w.containers.some((c) => isPostgresImage(c.container?.image)))
    .map((w) => {
      const p = serverParameters(w);
      const services = model
        .ofKind("Service", "core")
        .filter(
          (s) =>
            s.namespace === w.namespace &&
            Object.keys(s.props.spec?.selector ?? {}).length > 0 &&
            Object.entries(s.props.spec.selector).every(([k, v]) => w.labels[k] === v),
        );
      return {
        subject: w,
        names: [w.name, ...services.map((s) => s.name)],
        maxConnections: countOf(p.max_connections) ?? POSTGRES_DEFAULTS.maxConnections,
        maxSource: p.max_connections ? "its -c max_connections" : "PostgreSQL's default",
        superuserReserved: countOf(p.superuser_reserved_connections) ?? POSTGRES_DEFAULTS.superuserReserved,
      };
    });
}

const dependsOn = (r: PolicyResource, key: string, on: PolicyResource) =>
  (r.propertyDependencies?.[key] ?? []).some((d) => d.urn === on.urn);

function proxyPercent(model: StackModel, db: StackResource): number | undefined {
  const identifier = db.props.identifier;
  const targets = model
    .ofType(RDS_PROXY_TARGET)
    .filter(
      (t) =>
        dependsOn(t.resource, "dbInstanceIdentifier", db.resource) ||
        (identifier !== undefined && t.props.dbInstanceIdentifier === identifier),
    );
  if (!targets.length) return undefined;
  const percents = targets.map((t) => {
    const group = model
      .ofType(RDS_PROXY_GROUP)
      .find(
        (g) =>
          (t.props.dbProxyName !== undefined && g.props.dbProxyName === t.props.dbProxyName) ||
          (t.resource.propertyDependencies?.dbProxyName ?? []).some((p) =>
            (g.resource.propertyDependencies?.dbProxyName ?? []).some((q) => q.urn === p.urn),
          ),
      );
    const config = group?.props.connectionPoolConfig;
    const pool = Array.isArray(config) ? config[0] : config;
    return countOf(pool?.maxConnectionsPercent) ?? 100;
  });
  return percents.reduce((a, b) => a + b, 0);
}

function rdsServers(model: StackModel): DatabaseServer[] {
  return (
    model
      .ofType(RDS_INSTANCE)
      // A read replica (its source unknown in a preview, still present) takes no writes' connections.
      .filter(
        (db) =>
          String(db.props.engine ?? "postgres").startsWith("postgres") && !("replicateSourceDb" in db.resource.props),
      )
      .map((db) => {
        const group =
          model.ofType(RDS_PARAMETER_GROUP).find((g) => dependsOn(db.resource, "parameterGroupName", g.resource)) ??
          model
            .ofType(RDS_PARAMETER_GROUP)
            .find((g) => g.props.name !== undefined && g.props.name === db.props.parameterGroupName);
        const params: any[] = Array.isArray(group?.props.parameters) ? group!.props.parameters : [];
        const param = (name: string) => params.find((p) => p?.name === name)?.value;
        const instanceClass = typeof db.props.instanceClass === "string" ? db.props.instanceClass : undefined;
        return {
          subject: db,
          names: [db.resource.name, ...(db.props.identifier ? [String(db.props.identifier)] : [])],
          maxConnections: maxConnectionsOf(param("max_connections"), instanceClass),
          maxSource:
            param("max_connections") !== undefined
              ? `parameter group max_connections ${param("max_connections")}`
              : `the ${instanceClass} default LEAST(DBInstanceClassMemory/${RDS_MAX_CONNECTIONS.bytesPerConnection}, ${RDS_MAX_CONNECTIONS.cap})`,
          superuserReserved: countOf(param("superuser_reserved_connections")) ?? POSTGRES_DEFAULTS.superuserReserved,
          proxyPercent: proxyPercent(model, db),
        };
      })
  );
}

/** The stack's PostgreSQL servers: in-cluster StatefulSets and RDS primaries. */
export function databaseServers(model: StackModel): DatabaseServer[] {
  return [...inClusterServers(model), ...rdsServers(model)];
}

/** The stack's PgBouncer poolers (Bitnami's environment, else PgBouncer's defaults). */
export function poolers(model: StackModel): Pooler[] {
  return model.workloads
    .filter((w) => w.containers.some((c) => /pgbouncer/.test(String(c.container?.image ?? ""))))
    .map((w) => ({
      workload: w,
      replicas: mostReplicas(w, model),
      poolSize: countOf(envOf(w, "PGBOUNCER_DEFAULT_POOL_SIZE")) ?? PGBOUNCER_DEFAULTS.poolSize,
      maxClients: countOf(envOf(w, "PGBOUNCER_MAX_CLIENT_CONN")) ?? PGBOUNCER_DEFAULTS.maxClients,
      host: envOf(w, "POSTGRESQL_HOST"),
    }));
}

function ecsReplicas(model: StackModel, svc: StackResource): number {
  const target = model
    .ofType(SCALING_TARGET)
    .find(
      (t) =>
        dependsOn(t.resource, "resourceId", svc.resource) ||
        (typeof t.props.resourceId === "string" && svc.props.name && t.props.resourceId.endsWith(`/${svc.props.name}`)),
    );
  return Number(target?.props.maxCapacity ?? svc.props.desiredCount ?? 1);
}

/** The apps that declare the database connections they open: workloads by annotation, ECS services by tag. */
export function databaseClients(model: StackModel, pooled: readonly Pooler[]): DatabaseClient[] {
  const workloads = model.workloads.flatMap((w): DatabaseClient[] => {
    const notes = w.props.metadata?.annotations ?? {};
    const perReplica = countOf(notes[DECLARATIONS.databaseConnections]);
    if (perReplica === undefined) return [];
    const pooler = pathsOf(w)
      .flatMap((p) => (p.service ? [model.find("Service", p.namespace!, p.service, "core")] : []))
      .flatMap((s) =>
        s ? pooled.filter((q) => model.labelled(s.namespace, s.props.spec?.selector ?? {}).includes(q.workload)) : [],
      )[0];
    return [
      {
        label: `${w.kind} "${w.name}"`,
        perReplica,
        replicas: mostReplicas(w, model),
        server: notes[DECLARATIONS.databaseServer],
        pooler: pooler?.workload,
      },
    ];
  });
  const services = model.ofType(ECS_SERVICE).flatMap((svc): DatabaseClient[] => {
    const tags = svc.props.tags ?? {};
    const perReplica = countOf(tags[DECLARATIONS.connectionsTag]);
    if (perReplica === undefined) return [];
    return [
      {
        label: `ECS service "${svc.props.name ?? svc.resource.name}"`,
        perReplica,
        replicas: ecsReplicas(model, svc),
        server: tags[DECLARATIONS.serverTag],
      },
    ];
  });
  return [...workloads, ...services];
}

/** The server a client or pooler names, else the stack's only one. */
export function serverFor(servers: readonly DatabaseServer[], name: string | undefined): DatabaseServer | undefined {
  if (name) return servers.find((s) => s.names.includes(name));
  return servers.length === 1 ? servers[0] : undefined;
}
