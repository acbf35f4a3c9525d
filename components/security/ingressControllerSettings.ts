import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { WEB_SERVICE_DEFAULTS } from "../app/webService";
import { ownerLabels } from "../kube/labels";
import { childName } from "../naming";

/** Every default of {@link IngressControllerSettings}. */
export const INGRESS_CONTROLLER_DEFAULTS = {
  namespace: WEB_SERVICE_DEFAULTS.ingress.controllerNamespace,
  configMap: "ingress-nginx-controller",
  /** Response headers apps may set through the custom-headers annotation (WebService's security headers). */
  allowedResponseHeaders: [
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Content-Security-Policy",
  ],
  sslProtocols: "TLSv1.2 TLSv1.3",
} as const;

const D = INGRESS_CONTROLLER_DEFAULTS;

/** Arguments of {@link IngressControllerSettings}. */
export interface IngressControllerSettingsArgs {
  /** Name of the cluster services. */
  readonly partOf: string;
  /** Namespace of the controller. @default "ingress-nginx" */
  readonly namespace?: string;
  /** Its ConfigMap. @default "ingress-nginx-controller" */
  readonly configMap?: string;
  /** Headers apps may send through `custom-headers`. @default the security headers WebService sends */
  readonly allowedResponseHeaders?: readonly string[];
  /** Further controller settings (ConfigMap keys). @default none */
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * The ingress-nginx controller settings team stacks rely on, applied to the controller's own
 * ConfigMap with server-side apply (only these keys; the rest stays the controller's): TLS 1.2
 * and 1.3 only, HSTS, no snippet annotations, no server tokens, and the response headers apps'
 * security-headers annotation may set.
 */
export class IngressControllerSettings extends pulumi.ComponentResource {
  constructor(name: string, args: IngressControllerSettingsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:IngressControllerSettings", name, {}, opts);
    new k8s.core.v1.ConfigMapPatch(
      childName(name, "settings"),
      {
        metadata: {
          name: args.configMap ?? D.configMap,
          namespace: args.namespace ?? D.namespace,
          labels: ownerLabels(args.partOf),
          annotations: { "pulumi.com/patchForce": "true" },
        },
        data: {
          "ssl-protocols": D.sslProtocols,
          hsts: "true",
          "hsts-include-subdomains": "true",
          "hsts-max-age": String(WEB_SERVICE_DEFAULTS.ingress.hstsMaxAgeSeconds),
          "allow-snippet-annotations": "false",
          "server-tokens": "false",
          "global-allowed-response-headers": (args.allowedResponseHeaders ?? D.allowedResponseHeaders).join(","),
          ...args.extra,
        },
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
