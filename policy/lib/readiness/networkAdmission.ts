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

/** The direction of traffic a NetworkPolicy rule list governs. */
export type Direction = "Ingress" | "Egress";

/** A peer outside the cluster: an address range. */
export interface AddressPeer {
  /** IPv4 range (`10.40.0.0/16`). */
  cidr: string;
}

const governs = (np: KubeObject, direction: Direction) => {
  const types = np.props.spec?.policyTypes;
  if (Array.isArray(types) && types.length) return types.includes(direction);
  return direction === "Ingress" || Array.isArray(np.props.spec?.egress);
};

function ipv4(address: string): number | undefined {
  const parts = address.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function range(cidr: string): [number, number] | undefined {
  const [address, bits = "32"] = String(cidr).split("/");
  const start = ipv4(address);
  const prefix = Number(bits);
  if (start === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const base = Math.floor(start / size) * size;
  return [base, base + size - 1];
}

/** Whether an `ipBlock` holds the whole of `cidr`, none of it left out by `except`. */
function blockHolds(block: any, cidr: string): boolean {
  const outer = range(block?.cidr);
  const inner = range(cidr);
  if (!outer || !inner || inner[0] < outer[0] || inner[1] > outer[1]) return false;
  return !(Array.isArray(block.except) ? block.except : []).some((e: string) => {
    const cut = range(e);
    return !!cut && cut[0] <= inner[1] && cut[1] >= inner[0];
  });
}

function peerAdmits(entry: any, peer: Peer | AddressPeer, ownNamespace: string): boolean {
  if ("cidr" in peer) return !!entry?.ipBlock && blockHolds(entry.ipBlock, peer.cidr);
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

/** The NetworkPolicies of `namespace` that govern `direction` traffic of pods labelled `podLabels`. */
export function governing(
  model: StackModel,
  namespace: string,
  podLabels: Record<string, string>,
  direction: Direction,
): KubeObject[] {
  return model
    .selecting("NetworkPolicy", namespace, podLabels, "networking.k8s.io")
    .filter((np) => governs(np, direction));
}

/**
 * Whether the NetworkPolicies of `namespace` let pods labelled `podLabels` exchange `direction`
 * traffic with `peer` on `port` (the destination pod's port): no policy governing that direction
 * selects them (all admitted), or one of those that do has a rule admitting it — they add up.
 */
export function admitsTraffic(
  model: StackModel,
  namespace: string,
  podLabels: Record<string, string>,
  peer: Peer | AddressPeer,
  port: Port,
  direction: Direction,
): boolean {
  const policies = governing(model, namespace, podLabels, direction);
  const [rulesKey, peersKey] = direction === "Ingress" ? ["ingress", "from"] : ["egress", "to"];
  return (
    !policies.length ||
    policies.some((np) =>
      (Array.isArray(np.props.spec?.[rulesKey]) ? np.props.spec[rulesKey] : []).some(
        (rule: any) =>
          (!Array.isArray(rule?.[peersKey]) ||
            !rule[peersKey].length ||
            rule[peersKey].some((e: any) => peerAdmits(e, peer, namespace))) &&
          portAdmits(rule?.ports, port),
      ),
    )
  );
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
  return admitsTraffic(model, namespace, podLabels, peer, port, "Ingress");
}
