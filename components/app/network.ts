import * as k8s from "@pulumi/kubernetes";

/** Pods on the other side of an allowed connection. */
export interface NetworkPeer {
  /** Labels of the peer pods. */
  podLabels: Record<string, string>;
  /** Name of the peer's namespace. @default the workload's own namespace */
  namespace?: string;
  /** Destination port (egress rules only; ingress rules use the workload's own port). */
  port?: number;
}

/** One `from`/`to` entry of a NetworkPolicy rule for a peer. */
export function peerSelector(peer: NetworkPeer): k8s.types.input.networking.v1.NetworkPolicyPeer {
  return {
    podSelector: { matchLabels: peer.podLabels },
    ...(peer.namespace ? { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": peer.namespace } } } : {}),
  };
}
