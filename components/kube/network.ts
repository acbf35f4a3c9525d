import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** Pods, or an address range, on the other side of an allowed connection. */
export interface NetworkPeer {
  /** Labels of the peer pods. Exactly one of `podLabels` and `cidr`. */
  readonly podLabels?: Record<string, string>;
  /** Address range of a peer outside the cluster (e.g. the VPC of a managed database). */
  readonly cidr?: pulumi.Input<string>;
  /** Ranges inside `cidr` left out. @default none */
  readonly except?: string[];
  /** Name of the peer's namespace. @default the workload's own namespace */
  readonly namespace?: string;
  /** Destination port (egress rules only; ingress rules use the workload's own port). @default every port */
  readonly port?: number;
  /** What the caller's config calls the peer (`dependsOn`), declared on the caller's workload. @default undeclared */
  readonly name?: string;
  /** The Service in front of the peer pods (in `namespace`), through which a caller reaches them. @default none */
  readonly service?: string;
}

/** The traffic a workload's NetworkPolicy allows; everything else stays denied. */
export interface WorkloadTraffic {
  /** Who may connect in, and on which port. @default nobody */
  readonly ingress?: readonly { readonly from: readonly NetworkPeer[]; readonly port: number }[];
  /** Where the pods may connect out, each peer with its port. @default nowhere (DNS comes from the namespace baseline) */
  readonly egress?: readonly NetworkPeer[];
}

/** One `from`/`to` entry of a NetworkPolicy rule for a peer. */
export function peerSelector(peer: NetworkPeer): k8s.types.input.networking.v1.NetworkPolicyPeer {
  if (peer.cidr !== undefined)
    return { ipBlock: { cidr: peer.cidr, ...(peer.except?.length ? { except: peer.except } : {}) } };
  return {
    podSelector: { matchLabels: peer.podLabels ?? {} },
    ...(peer.namespace
      ? { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": peer.namespace } } }
      : {}),
  };
}

/** A NetworkPolicy spec for the pods `podLabels` selects, allowing exactly `traffic` in both directions. */
export function trafficPolicySpec(
  podLabels: Record<string, string>,
  traffic: WorkloadTraffic,
): k8s.types.input.networking.v1.NetworkPolicySpec {
  return {
    podSelector: { matchLabels: podLabels },
    policyTypes: ["Ingress", "Egress"],
    ingress: (traffic.ingress ?? [])
      .filter((rule) => rule.from.length)
      .map((rule) => ({
        from: rule.from.map(peerSelector),
        ports: [{ protocol: "TCP", port: rule.port }],
      })),
    egress: (traffic.egress ?? []).map((peer) => ({
      to: [peerSelector(peer)],
      ...(peer.port !== undefined ? { ports: [{ protocol: "TCP", port: peer.port }] } : {}),
    })),
  };
}
