import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ownerLabels } from "../kube/labels";
import { childName } from "../naming";

/** Every default of {@link CertificateIssuers}. */
export const CERTIFICATE_ISSUERS_DEFAULTS = {
  /** Namespace cert-manager runs in (where a CA ClusterIssuer's key pair must live). */
  certManagerNamespace: "cert-manager",
  acme: {
    name: "letsencrypt-prod",
    server: "https://acme-v02.api.letsencrypt.org/directory",
    ingressClassName: "nginx",
  },
  internalCa: {
    name: "platform-internal-ca",
    commonName: "Platform internal CA",
    duration: "87600h",
    renewBefore: "720h",
  },
} as const;

const D = CERTIFICATE_ISSUERS_DEFAULTS;

/** Arguments of {@link CertificateIssuers}. */
export interface CertificateIssuersArgs {
  /** Name of the cluster services. */
  readonly partOf: string;
  /** The public ACME issuer apps' Ingresses name (`platform:ingress.clusterIssuer`). @default none */
  readonly acme?: {
    /** ClusterIssuer name. @default "letsencrypt-prod" */
    readonly name?: string;
    /** Account email for expiry notices. */
    readonly email: string;
    /** ACME directory. @default Let's Encrypt production */
    readonly server?: string;
    /** IngressClass that solves HTTP-01 challenges. @default "nginx" */
    readonly ingressClassName?: string;
  };
  /** The internal CA in-cluster PostgreSQL and PgBouncer certificates come from. @default the ClusterIssuer "platform-internal-ca" */
  readonly internalCa?:
    | false
    | {
        /** ClusterIssuer name. @default "platform-internal-ca" */
        readonly name?: string;
        /** Common name of the CA certificate. @default "Platform internal CA" */
        readonly commonName?: string;
      };
  /** Namespace cert-manager runs in. @default "cert-manager" */
  readonly certManagerNamespace?: string;
}

/**
 * The cert-manager ClusterIssuers team stacks rely on: an ACME issuer for public Ingress
 * certificates (HTTP-01 through the ingress controller) and an internal CA — a self-signed root
 * (ECDSA P-256, ten years, renewed a month ahead) that signs the in-cluster services'
 * certificates. Needs cert-manager installed.
 */
export class CertificateIssuers extends pulumi.ComponentResource {
  /** Names of the issuers, by kind. */
  public readonly names: { readonly acme?: string; readonly internalCa?: string };

  constructor(name: string, args: CertificateIssuersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:security:CertificateIssuers", name, {}, opts);
    const labels = ownerLabels(args.partOf);
    const issuer = (
      role: "acmeIssuer" | "selfSignedIssuer" | "internalCaIssuer",
      issuerName: string,
      spec: Record<string, unknown>,
      deps: pulumi.Resource[] = [],
    ) =>
      new k8s.apiextensions.CustomResource(
        childName(name, role),
        {
          apiVersion: "cert-manager.io/v1",
          kind: "ClusterIssuer",
          metadata: { name: issuerName, labels },
          spec,
        },
        { parent: this, dependsOn: deps },
      );
    let acmeName: string | undefined;
    if (args.acme) {
      acmeName = args.acme.name ?? D.acme.name;
      issuer("acmeIssuer", acmeName, {
        acme: {
          email: args.acme.email,
          server: args.acme.server ?? D.acme.server,
          privateKeySecretRef: { name: `${acmeName}-account-key` },
          solvers: [
            {
              http01: {
                ingress: {
                  ingressClassName: args.acme.ingressClassName ?? D.acme.ingressClassName,
                  // cert-manager's default, NodePort, needs a NodePort every team quota refuses.
                  serviceType: "ClusterIP",
                },
              },
            },
          ],
        },
      });
    }
    let caName: string | undefined;
    if (args.internalCa !== false) {
      const ca = args.internalCa ?? {};
      caName = ca.name ?? D.internalCa.name;
      const root = issuer("selfSignedIssuer", `${caName}-root`, { selfSigned: {} });
      const secretName = `${caName}-key-pair`;
      const certificate = new k8s.apiextensions.CustomResource(
        childName(name, "certificate"),
        {
          apiVersion: "cert-manager.io/v1",
          kind: "Certificate",
          metadata: { name: caName, namespace: args.certManagerNamespace ?? D.certManagerNamespace, labels },
          spec: {
            isCA: true,
            commonName: ca.commonName ?? D.internalCa.commonName,
            secretName,
            duration: D.internalCa.duration,
            renewBefore: D.internalCa.renewBefore,
            privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
            issuerRef: { name: `${caName}-root`, kind: "ClusterIssuer", group: "cert-manager.io" },
          },
        },
        { parent: this, dependsOn: [root] },
      );
      issuer("internalCaIssuer", caName, { ca: { secretName } }, [certificate]);
    }
    this.names = { acme: acmeName, internalCa: caName };
    this.registerOutputs({});
  }
}
