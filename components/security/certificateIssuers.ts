import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountRole } from "../aws/serviceAccountRole";
import { ownerLabels } from "../kube/labels";
import { childName } from "../naming";

/** Every default of {@link CertificateIssuers}. */
export const CERTIFICATE_ISSUERS_DEFAULTS = {
  /** Namespace cert-manager runs in (where a CA ClusterIssuer's key pair must live). */
  certManagerNamespace: "cert-manager",
  /** cert-manager's controller ServiceAccount (the Helm chart's name), which gets the Route 53 role by IRSA. */
  certManagerServiceAccount: "cert-manager",
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

/** cert-manager's Route 53 DNS-01 solver: the zones it answers for, with credentials by IRSA (no keys anywhere). */
export interface Route53Solver {
  /** Region of the Route 53 API calls. */
  readonly region: string;
  /** The hosted zones: DNS name (the solver's `dnsZones` selector) and Route 53 zone id. */
  readonly zones: readonly { readonly name: string; readonly hostedZoneId: string }[];
}

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
    /** DNS-01 on Route 53 for the hosts under these zones (team stacks there set `ingress.acmeSolver: dns01`); HTTP-01 for the others. @default none */
    readonly route53?: Route53Solver;
  };
  /** The cluster's IAM OIDC provider: cert-manager assumes the Route 53 role through it (IRSA). Required with `acme.route53`. @default none */
  readonly oidcProviderArn?: pulumi.Input<string>;
  /** cert-manager's controller ServiceAccount, annotated with the Route 53 role. @default "cert-manager" */
  readonly certManagerServiceAccount?: string;
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
 * certificates (HTTP-01 through the ingress controller, or DNS-01 on Route 53 for the zones
 * `acme.route53` lists) and an internal CA — a self-signed root
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
            ...(args.acme.route53 ? this.route53Solvers(name, args, args.acme.route53) : []),
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

  /**
   * One DNS-01 solver per zone (cert-manager prefers a matching `dnsZones` selector to the
   * selector-less HTTP-01 solver), an IRSA role that may change only those zones' records, and
   * cert-manager's ServiceAccount annotated with it. cert-manager's pods pick the role up when
   * they next start.
   */
  private route53Solvers(name: string, args: CertificateIssuersArgs, r53: Route53Solver): Record<string, unknown>[] {
    if (args.oidcProviderArn === undefined)
      throw new pulumi.ResourceError(
        "acme.route53 needs oidcProviderArn: cert-manager reaches Route 53 with an IRSA role",
        this,
      );
    const namespace = args.certManagerNamespace ?? D.certManagerNamespace;
    const serviceAccount = args.certManagerServiceAccount ?? D.certManagerServiceAccount;
    const role = serviceAccountRole(this, name, {
      oidcProviderArn: args.oidcProviderArn,
      namespace,
      serviceAccount,
      description: `${name}: cert-manager DNS-01 challenges in ${r53.zones.map((z) => z.name).join(", ")}`,
      statements: [
        {
          Sid: "ReadChanges",
          Effect: "Allow",
          Action: ["route53:GetChange"],
          Resource: ["arn:aws:route53:::change/*"],
        },
        {
          Sid: "ChallengeRecords",
          Effect: "Allow",
          Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"],
          Resource: r53.zones.map((z) => `arn:aws:route53:::hostedzone/${z.hostedZoneId}`),
        },
        { Sid: "FindZones", Effect: "Allow", Action: ["route53:ListHostedZonesByName"], Resource: ["*"] },
      ],
    });
    new k8s.core.v1.ServiceAccountPatch(
      childName(name, "serviceAccount"),
      {
        metadata: {
          name: serviceAccount,
          namespace,
          annotations: { "eks.amazonaws.com/role-arn": role.arn, "pulumi.com/patchForce": "true" },
        },
      },
      { parent: this },
    );
    return r53.zones.map((z) => ({
      selector: { dnsZones: [z.name] },
      dns01: { route53: { region: r53.region, hostedZoneID: z.hostedZoneId } },
    }));
  }
}
