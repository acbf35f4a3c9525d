import { EntryPoint } from "./entryPoint";
import { gatewayEntryPoints, meshGatewayEntryPoints } from "./gatewayEntryPoints";
import { IngressClassContext, ingressEntryPoints } from "./ingressEntryPoints";
import { exposureRoleOf } from "./kinds";
import { serviceEntryPoints } from "./serviceEntryPoints";

export { EntryKind, EntryPoint, EntryProtocol, isPlaintext } from "./entryPoint";
export { IngressClassContext } from "./ingressEntryPoints";
export { exposureRoleOf, GATEWAY_API_GROUP } from "./kinds";
export { attachesTo, GatewayRoute, redirectsToHttps } from "./gatewayRoutes";
export { snippetAnnotations, SNIPPET_ROWS } from "./snippets";
export { tlsCovers } from "./tlsHosts";

/**
 * The entry points a Kubernetes object opens — any API version, `…Patch` types judged on what
 * they set — or none for an object that opens none. Ingresses read their class from `context`.
 */
export function entryPoints(type: string, props: any, context: IngressClassContext = {}): EntryPoint[] {
  const role = exposureRoleOf(type);
  switch (role?.role) {
    case "service":
      return serviceEntryPoints(props);
    case "ingress":
      return ingressEntryPoints(props, role.patch, context);
    case "gateway":
      return gatewayEntryPoints(props);
    case "meshGateway":
      return meshGatewayEntryPoints(props);
    default:
      return [];
  }
}
