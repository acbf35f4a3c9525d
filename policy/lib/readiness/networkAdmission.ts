import { selects } from "../selectors";
import { KubeObject, StackModel } from "./stackModel";

/** The pods on the other side of a connection: their namespace's name and their labels. */
export interface Peer {
  /** Namespace name (matched through its `kubernetes.io/metadata.name` label). */
  namespace: string;
  /** Pod labels. */
  podLabels: Record<string, string>;
}

/** A destination port, by number and, when the container names it, by name. */
export interface Port {
  /** Port number. */
  number?: number;
  /** Port name. @default none */
  name?: string;
}

const governsIngress = (np: KubeObject) => {
  const types = np.props.spec?.policyTypes;
  return Array.isArray(types) && types.length ? types.includes("Ingress") : true;
};

function peerAdmits(entry: any, peer: Peer, ownNamespace: string): boolean {
  if (entry?.ipBlock) return false;
  const nsSelector = entry?.namespaceSelector;
  const inNamespace = nsSelector
    ? selects(nsSelector, { "kubernetes.io/metadata.name": peer.namespace })
    : peer.namespace === ownNamespace;
  return inNamespace && (!entry?.podSelector || selects(entry.podSelector, peer.podLabels));
}

function portAdmits(rulePorts: unknown, port: Port): boolean {
  if (!Array.isArray(rulePorts) || !rulePorts.length) return true;
  return rulePorts.some((p: any) => {
    if (p?.port === undefined) return true;
    if (typeof p.port === "number") {
      const end = typeof p.endPort === "number" ? p.endPort : p.port;
      return port.number !== undefined && port.number >= p.port && port.number <= end;
    }
    return /^\d+$/.test(p.port) ? Number(p.port) === port.number : p.port === port.name;
  });
}

/**
 * Whether the NetworkPolicies of `namespace` let `peer` reach pods labelled `podLabels` on
 * `port`: no policy governing their ingress selects them (all traffic admitted), or one of those
 * that do has a rule admitting the peer on the port — NetworkPolicies add up.
 */
export function admits(
  model: StackModel,
  namespace: string,
  podLabels: Record<string, string>,
  peer: Peer,
  port: Port,
): boolean {
  const governing = model
    .ofKind("NetworkPolicy", "networking.k8s.io")
    .filter(
      (np) => np.namespace === namespace && governsIngress(np) && selects(np.props.spec?.podSelector ?? {}, podLabels),
    );
  if (!governing.length) return true;
  return governing.some((np) =>
    (Array.isArray(np.props.spec?.ingress) ? np.props.spec.ingress : []).some(
      (rule: any) =>
        (!Array.isArray(rule?.from) ||
          !rule.from.length ||
          rule.from.some((e: any) => peerAdmits(e, peer, namespace))) &&
        portAdmits(rule?.ports, port),
    ),
  );
}
