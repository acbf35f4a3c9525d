import { GATEWAY_API_GROUP } from "./kinds";

/** A Gateway API route as the stack holds it. */
export interface GatewayRoute {
  /** Route kind, e.g. `HTTPRoute`. */
  kind: string;
  /** Its props. */
  props: any;
}

/** A listener of a Gateway: the Gateway's name and namespace, the listener's name and port. */
export interface GatewayListenerRef {
  /** Gateway name. */
  gateway: string;
  /** Gateway namespace. @default the provider's namespace */
  namespace?: string;
  /** Listener name. */
  listener: string;
  /** Listener port. */
  port: number;
}

const sameNamespace = (a: string | undefined, b: string | undefined) => a === undefined || b === undefined || a === b;

/** Whether one of the route's `spec.parentRefs` attaches it to the listener (no sectionName or port: every listener). */
export function attachesTo(route: GatewayRoute, l: GatewayListenerRef): boolean {
  const routeNamespace: string | undefined = route.props?.metadata?.namespace;
  return (route.props?.spec?.parentRefs ?? []).some(
    (ref: any) =>
      (ref?.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
      (ref?.kind ?? "Gateway") === "Gateway" &&
      ref?.name === l.gateway &&
      sameNamespace(ref?.namespace ?? routeNamespace, l.namespace) &&
      (ref?.sectionName === undefined || ref.sectionName === l.listener) &&
      (ref?.port === undefined || Number(ref.port) === Number(l.port)),
  );
}

/** Whether every rule of the route answers with a `RequestRedirect` to the https scheme (only HTTPRoutes can). */
export function redirectsToHttps(route: GatewayRoute): boolean {
  const rules: any[] = route.props?.spec?.rules ?? [];
  return (
    route.kind === "HTTPRoute" &&
    rules.length > 0 &&
    rules.every((rule) =>
      (rule?.filters ?? []).some(
        (f: any) => f?.type === "RequestRedirect" && String(f?.requestRedirect?.scheme ?? "").toLowerCase() === "https",
      ),
    )
  );
}
