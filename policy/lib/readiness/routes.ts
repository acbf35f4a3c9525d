import { KubeObject } from "./stackModel";

/** A backend a route names: a Service and one of its ports (by number or name). */
export interface Backend {
  /** Service name. */
  service: string;
  /** Its namespace. */
  namespace: string;
  /** Its port, by number or name. @default none (the Service's only port) */
  port: unknown;
  /** Where the route names it, for messages. */
  where: string;
}

/** The backends an Ingress names, in the v1 and the older (`serviceName`/`servicePort`) shapes. */
export function ingressBackends(ing: KubeObject): Backend[] {
  const spec = ing.props.spec ?? {};
  const of = (b: any, where: string): Backend[] => {
    if (!b) return [];
    if (b.service?.name)
      return [
        {
          service: b.service.name,
          namespace: ing.namespace,
          port: b.service.port?.number ?? b.service.port?.name,
          where,
        },
      ];
    if (b.serviceName) return [{ service: b.serviceName, namespace: ing.namespace, port: b.servicePort, where }];
    return [];
  };
  const out = of(spec.defaultBackend ?? spec.backend, "the default backend");
  (spec.rules ?? []).forEach((rule: any) =>
    (rule?.http?.paths ?? []).forEach((path: any) =>
      out.push(...of(path?.backend, `${rule.host ?? "*"}${path?.path ?? "/"}`)),
    ),
  );
  return out;
}
