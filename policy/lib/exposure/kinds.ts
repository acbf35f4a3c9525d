import { parseKubernetesType } from "../kubernetesType";

/** What an object is to the exposure model. */
export type ExposureRole =
  "service" | "ingress" | "ingressClass" | "ingressClassParams" | "gateway" | "meshGateway" | "route";

/** Gateway API group: its Gateways and routes, whatever the version. */
export const GATEWAY_API_GROUP = "gateway.networking.k8s.io";

/** The role of each (API group, kind) the model reads; any version of the group counts. */
const ROLES: { group: string; kinds: string[]; role: ExposureRole }[] = [
  { group: "core", kinds: ["Service"], role: "service" },
  { group: "networking.k8s.io", kinds: ["Ingress"], role: "ingress" },
  { group: "extensions", kinds: ["Ingress"], role: "ingress" },
  { group: "networking.k8s.io", kinds: ["IngressClass"], role: "ingressClass" },
  { group: "elbv2.k8s.aws", kinds: ["IngressClassParams"], role: "ingressClassParams" },
  { group: GATEWAY_API_GROUP, kinds: ["Gateway"], role: "gateway" },
  {
    group: GATEWAY_API_GROUP,
    kinds: ["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"],
    role: "route",
  },
  { group: "networking.istio.io", kinds: ["Gateway"], role: "meshGateway" },
];

/** What a type token is to the exposure model, with whether it is a patch; `undefined` for what it does not read. */
export function exposureRoleOf(type: string): { role: ExposureRole; kind: string; patch: boolean } | undefined {
  const t = parseKubernetesType(type);
  if (!t) return undefined;
  const row = ROLES.find((r) => r.group === t.group && r.kinds.includes(t.kind));
  return row && { role: row.role, kind: t.kind, patch: t.patch };
}
