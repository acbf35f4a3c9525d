import * as pulumi from "@pulumi/pulumi";
import { NetworkPeer } from "../../kube/network";
import { DatabaseUse } from "./args";

/**
 * The annotations a workload declares its paths and database use with, for checks that read the
 * stack's resources alone (the readiness policies `readiness-declared-paths` and
 * `readiness-connection-budget`).
 */
export const DECLARATION_ANNOTATIONS = {
  /** `postgres=lending-postgres:5432, api=lending-api.other:8000, redis=10.40.0.0/16:6379`: each declared peer, by Service (and namespace) or address range, and port. */
  paths: "platform.acme-bank.example/paths",
  /** Database connections one replica opens at most. */
  databaseConnections: "platform.acme-bank.example/database-connections",
  /** The database server those connections go to, when the stack has several. */
  databaseServer: "platform.acme-bank.example/database-server",
} as const;

const A = DECLARATION_ANNOTATIONS;

function pathEntry(peer: NetworkPeer): pulumi.Output<string> | undefined {
  if (!peer.name || peer.port === undefined) return undefined;
  if (peer.cidr !== undefined) return pulumi.interpolate`${peer.name}=${peer.cidr}:${peer.port}`;
  if (!peer.service) return undefined;
  return pulumi.output(`${peer.name}=${peer.service}${peer.namespace ? `.${peer.namespace}` : ""}:${peer.port}`);
}

/** The workload's declaration annotations: its named destinations and its database use (none when it declares neither). */
export function declarationAnnotations(
  allowTo: readonly NetworkPeer[] | undefined,
  database: DatabaseUse | undefined,
): Record<string, pulumi.Input<string>> {
  const entries = (allowTo ?? []).map(pathEntry).filter((e): e is pulumi.Output<string> => !!e);
  return {
    ...(entries.length ? { [A.paths]: pulumi.all(entries).apply((e) => e.join(", ")) } : {}),
    ...(database ? { [A.databaseConnections]: String(database.connections) } : {}),
    ...(database?.server ? { [A.databaseServer]: database.server } : {}),
  };
}
