import { NetworkPeer } from "../kube/network";
import { SecretKeyRef } from "../kube/podSpec";

/** How an app reaches a data service: environment from its credentials Secret, and the network path. */
export interface DataEndpoint {
  /** Environment variables apps get (e.g. `DATABASE_URL`), each a Secret key. */
  readonly secretEnv: Readonly<Record<string, SecretKeyRef>>;
  /** Where the service listens, for the app's egress NetworkPolicy. */
  readonly peer: NetworkPeer;
}
