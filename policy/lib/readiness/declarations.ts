import { WorkloadModel } from "./stackModel";

/** The annotations a workload declares its paths and its database use with (the platform's WebService writes them). */
export const DECLARATIONS = {
  paths: "platform.acme-bank.example/paths",
  databaseConnections: "platform.acme-bank.example/database-connections",
  databaseServer: "platform.acme-bank.example/database-server",
  /** The same two, as tags of an ECS service. */
  connectionsTag: "acme:database-connections",
  serverTag: "acme:database-server",
} as const;

/** One declared destination of a workload: a Service of the cluster, or an address range outside it. */
export type DeclaredPath =
  | { name: string; service: string; namespace: string; port: number; cidr?: undefined }
  | { name: string; cidr: string; port: number; service?: undefined; namespace?: undefined };

/**
 * The paths a workload declares, from `name=service[.namespace]:port` and `name=cidr:port`
 * entries; entries that do not parse are left out.
 */
export function pathsOf(w: WorkloadModel): DeclaredPath[] {
  const note = w.props.metadata?.annotations?.[DECLARATIONS.paths];
  if (typeof note !== "string") return [];
  return note.split(",").flatMap((entry): DeclaredPath[] => {
    const m = /^\s*([^=\s]+)=([^\s:]+):(\d+)\s*$/.exec(entry);
    if (!m) return [];
    const [, name, where, port] = m;
    if (where.includes("/")) return [{ name, cidr: where, port: Number(port) }];
    const [service, namespace = w.namespace] = where.split(".");
    return [{ name, service, namespace, port: Number(port) }];
  });
}

/** A positive whole number from an annotation or tag value, else undefined. */
export function countOf(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
