import { EntryPoint, EntryProtocol } from "./entryPoint";

/** AWS annotations that decide a LoadBalancer Service's TLS and reach (as `service-load-balancer-tls` reads them). */
export const SERVICE_LB_ANNOTATIONS = {
  sslCert: "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
  sslPorts: "service.beta.kubernetes.io/aws-load-balancer-ssl-ports",
  scheme: "service.beta.kubernetes.io/aws-load-balancer-scheme",
  internal: "service.beta.kubernetes.io/aws-load-balancer-internal",
} as const;

const A = SERVICE_LB_ANNOTATIONS;

/** Whether a LoadBalancer Service's annotations keep it on the private network. */
export function internalLoadBalancer(annotations: Record<string, unknown>): boolean {
  return (
    String(annotations[A.scheme] ?? "").trim() === "internal" || String(annotations[A.internal] ?? "").trim() === "true"
  );
}

const protocolOf = (port: any): EntryProtocol =>
  (({ UDP: "udp", SCTP: "sctp" }) as Record<string, EntryProtocol>)[String(port?.protocol ?? "TCP")] ?? "tcp";

/**
 * The entry points of a Service (or ServicePatch): a node port per port of a NodePort Service,
 * a load balancer listener per port of a LoadBalancer one (TLS where the AWS certificate
 * annotations cover it), and each port on each `spec.externalIPs` address.
 */
export function serviceEntryPoints(props: any): EntryPoint[] {
  const spec = props?.spec ?? {};
  const annotations: Record<string, unknown> = props?.metadata?.annotations ?? {};
  const ports: any[] = Array.isArray(spec.ports) ? spec.ports : [];
  const entries: EntryPoint[] = [];
  if (spec.type === "NodePort") {
    if (!ports.length)
      entries.push({
        kind: "nodePort",
        where: "spec.type",
        protocol: "tcp",
        tls: false,
        why: "type NodePort opens every port of the Service on every node's address",
      });
    ports.forEach((port, i) =>
      entries.push({
        kind: "nodePort",
        where: `spec.ports[${i}]`,
        port: port?.nodePort ?? port?.port,
        protocol: protocolOf(port),
        tls: false,
        why: `type NodePort opens port ${port?.name ?? port?.port} on every node's address${port?.nodePort ? ` (node port ${port.nodePort})` : ""}, where nothing terminates TLS`,
      }),
    );
  }
  if (spec.type === "LoadBalancer") {
    const cert = Boolean(annotations[A.sslCert]);
    const tlsPorts = String(annotations[A.sslPorts] ?? "*")
      .split(",")
      .map((p) => p.trim());
    const internal = internalLoadBalancer(annotations);
    ports.forEach((port, i) => {
      const tls =
        cert &&
        (tlsPorts.includes("*") ||
          tlsPorts.includes(String(port?.port)) ||
          (port?.name && tlsPorts.includes(port.name)));
      entries.push({
        kind: "loadBalancer",
        where: `spec.ports[${i}]`,
        port: port?.port,
        protocol: tls ? "tls" : protocolOf(port),
        tls: Boolean(tls),
        internal,
        why: tls
          ? `${A.sslCert} terminates TLS on port ${port?.port}`
          : `no ${A.sslCert} covers port ${port?.name ?? port?.port}`,
      });
    });
  }
  const externalIPs: string[] = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  externalIPs.forEach((ip, j) =>
    ports.forEach((port, i) =>
      entries.push({
        kind: "externalIp",
        where: `spec.externalIPs[${j}]`,
        port: port?.port,
        protocol: protocolOf(port),
        tls: false,
        why: `spec.externalIPs routes ${ip}:${port?.port} (spec.ports[${i}]) to the Service, where nothing terminates TLS`,
      }),
    ),
  );
  return entries;
}
