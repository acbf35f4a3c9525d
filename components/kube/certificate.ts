import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ownerLabels } from "./labels";

/** The cert-manager issuer that signs in-cluster service certificates. */
export interface IssuerRef {
  /** `ClusterIssuer` or a namespaced `Issuer`. */
  readonly kind: "ClusterIssuer" | "Issuer";
  /** Its name. */
  readonly name: string;
}

/**
 * A cert-manager Certificate for an in-cluster Service: its secret `<name>-tls` holds `tls.crt`,
 * `tls.key` and `ca.crt`, and covers the Service's short and cluster-local DNS names.
 */
export function serviceCertificate(
  parent: pulumi.Resource,
  logicalName: string,
  spec: { name: string; namespace: pulumi.Input<string>; partOf: string; issuer: IssuerRef },
): { certificate: k8s.apiextensions.CustomResource; secretName: string } {
  const secretName = `${spec.name}-tls`;
  const certificate = new k8s.apiextensions.CustomResource(
    logicalName,
    {
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: { name: spec.name, namespace: spec.namespace, labels: ownerLabels(spec.partOf) },
      spec: {
        secretName,
        duration: "2160h",
        renewBefore: "360h",
        privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
        usages: ["server auth", "digital signature", "key encipherment"],
        dnsNames: [
          spec.name,
          pulumi.interpolate`${spec.name}.${spec.namespace}`,
          pulumi.interpolate`${spec.name}.${spec.namespace}.svc`,
          pulumi.interpolate`${spec.name}.${spec.namespace}.svc.cluster.local`,
        ],
        issuerRef: { kind: spec.issuer.kind, name: spec.issuer.name, group: "cert-manager.io" },
      },
    },
    { parent },
  );
  return { certificate, secretName };
}
