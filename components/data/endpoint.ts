import type * as pulumi from "@pulumi/pulumi";
import { NetworkPeer } from "../kube/network";
import { SecretKeyRef } from "../kube/podSpec";

/** How an app reaches a data service: environment from its credentials Secret, and the network path. */
export interface DataEndpoint {
  /** Environment variables apps get (e.g. `DATABASE_URL`), each a Secret key. */
  readonly secretEnv: Readonly<Record<string, SecretKeyRef>>;
  /** Where the service listens, for the app's egress NetworkPolicy. */
  readonly peer: NetworkPeer;
  /**
   * What an app that lists the service waits for before it starts: the credentials Secret and
   * what answers at the endpoint (the primary, the pooler) — never a replica, backup or alarm.
   */
  readonly readyAfter: readonly pulumi.Resource[];
}

/** The names apps list in `dependsOn` to reach the data tier's services. */
export const DATA_SERVICE_NAMES = {
  /** The primary (through the pooler when there is one): `DATABASE_URL`. */
  postgres: "postgres",
  /** The managed read replica itself: `DATABASE_READ_URL`, absent until the replica exists (nobody waits for it). */
  postgresRead: "postgres-read",
  /** Redis: `REDIS_URL`. */
  redis: "redis",
} as const;
