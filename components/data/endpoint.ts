import { NetworkPeer } from "../app/network";
import { SecretKeyRef } from "../app/podSpec";

/** How an app reaches a data service: environment from its credentials Secret, and the network path. */
export interface DataEndpoint {
  /** Environment variables apps get (e.g. `DATABASE_URL`), each a Secret key. */
  secretEnv: Record<string, SecretKeyRef>;
  /** Where the service listens, for the app's egress NetworkPolicy. */
  peer: NetworkPeer;
}
