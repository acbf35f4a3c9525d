import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { deepMerge } from "../../merge";
import { childName } from "../../naming";
import { ResolvedIngress, ResolvedWebService } from "./resolve";

const NGINX = "nginx.ingress.kubernetes.io";

/** The public Ingress: TLS from cert-manager for exactly its host, forced HTTPS, HSTS and security headers. */
export function renderIngress(
  r: ResolvedWebService,
  ing: ResolvedIngress,
  service: k8s.core.v1.Service,
  child: pulumi.CustomResourceOptions,
): k8s.networking.v1.Ingress {
  const headers = new k8s.core.v1.ConfigMap(
    childName(r.name, "securityHeaders"),
    {
      metadata: { name: `${r.objectName}-security-headers`, namespace: r.metadata.namespace, labels: r.labels },
      data: {
        "Strict-Transport-Security": `max-age=${ing.hstsMaxAgeSeconds}; includeSubDomains`,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
      },
    },
    child,
  );
  return new k8s.networking.v1.Ingress(
    childName(r.name, "ingress"),
    deepMerge<k8s.networking.v1.IngressArgs>(
      {
        metadata: {
          ...r.metadata,
          annotations: {
            ...ing.annotations,
            ...tuning(ing),
            "cert-manager.io/cluster-issuer": ing.clusterIssuer,
            "platform.acme-bank.example/acme-solver": ing.acmeSolver,
            [`${NGINX}/ssl-redirect`]: "true",
            [`${NGINX}/force-ssl-redirect`]: "true",
            [`${NGINX}/custom-headers`]: pulumi.interpolate`${headers.metadata.namespace}/${headers.metadata.name}`,
          },
        },
        spec: {
          ingressClassName: ing.className,
          tls: [{ hosts: [ing.host], secretName: `${r.objectName}-tls` }],
          rules: [
            {
              host: ing.host,
              http: {
                paths: [
                  {
                    path: ing.path,
                    pathType: "Prefix",
                    backend: { service: { name: service.metadata.name, port: { name: "http" } } },
                  },
                ],
              },
            },
          ],
        },
      },
      r.args.overrides?.ingress,
    ),
    child,
  );
}

/** The app's public URL: `https://host/path`, without a trailing `/` path. */
export function publicUrl(ing: ResolvedIngress): pulumi.Output<string> {
  return pulumi.interpolate`https://${ing.host}${ing.path !== "/" ? ing.path : ""}`;
}

/** The controller's annotations for the tuning the app asked for. */
function tuning(ing: ResolvedIngress): Record<string, string> {
  return {
    ...(ing.maxBodySize ? { [`${NGINX}/proxy-body-size`]: ing.maxBodySize } : {}),
    ...(ing.readTimeoutSeconds ? { [`${NGINX}/proxy-read-timeout`]: String(ing.readTimeoutSeconds) } : {}),
    ...(ing.sendTimeoutSeconds ? { [`${NGINX}/proxy-send-timeout`]: String(ing.sendTimeoutSeconds) } : {}),
    ...(ing.rateLimitPerSecond ? { [`${NGINX}/limit-rps`]: String(ing.rateLimitPerSecond) } : {}),
    ...(ing.connectionLimit ? { [`${NGINX}/limit-connections`]: String(ing.connectionLimit) } : {}),
  };
}
