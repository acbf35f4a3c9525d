import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Pods (or, for managed services, an address range) on the other side of an allowed connection. */
export interface NetworkPeer {
  /** Labels of the peer pods. Exactly one of `podLabels` and `cidr`. */
  podLabels?: Record<string, string>;
  /** Address range of a peer outside the cluster (e.g. the VPC of a managed database). */
  cidr?: pulumi.Input<string>;
  /** Name of the peer's namespace. @default the workload's own namespace */
  namespace?: string;
  /** Destination port (egress rules only; ingress rules use the workload's own port). */
  port?: number;
}

/** One `from`/`to` entry of a NetworkPolicy rule for a peer. */
export function peerSelector(peer: NetworkPeer): k8s.types.input.networking.v1.NetworkPolicyPeer {
  if (peer.cidr !== undefined) return { ipBlock: { cidr: peer.cidr } };
  return {
    podSelector: { matchLabels: peer.podLabels ?? {} },
    ...(peer.namespace ? { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": peer.namespace } } } : {}),
  };
}
