import { z } from "zod";
import { defaultedBy, dnsLabel, hostname } from "../config/primitives";
import { CERTIFICATE_ISSUERS_DEFAULTS as D } from "./certificateIssuers";

/** The config fragment of {@link CertificateIssuers}. */
export const certificateIssuersSchema = z.strictObject({
  acme: z
    .strictObject({
      name: defaultedBy(dnsLabel, D.acme.name).describe("ClusterIssuer name (team stacks' ingress.clusterIssuer)."),
      email: z
        .email({ error: "expected the ACME account's email address" })
        .describe("Account email for expiry notices."),
      server: defaultedBy(z.url(), D.acme.server).describe("ACME directory URL."),
      ingressClassName: defaultedBy(z.string().min(1), D.acme.ingressClassName).describe(
        "IngressClass that solves HTTP-01 challenges.",
      ),
      route53: z
        .strictObject({
          region: z
            .string()
            .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: "expected an AWS region" })
            .describe("Region of the Route 53 calls."),
          zones: z
            .array(
              z.strictObject({
                name: hostname.describe("DNS zone (the solver's dnsZones selector)."),
                hostedZoneId: z
                  .string()
                  .regex(/^Z[A-Z0-9]+$/, { error: "expected a Route 53 hosted zone id" })
                  .describe("Route 53 hosted zone id."),
              }),
            )
            .min(1)
            .describe("Hosted zones whose hosts get certificates by DNS-01."),
        })
        .optional()
        .describe(
          "DNS-01 on Route 53 (credentials by IRSA; needs oidcProviderArn) for hosts under these zones; HTTP-01 for the others.",
        ),
    })
    .optional()
    .describe("The public ACME issuer; none when unset."),
  internalCa: z
    .union([
      z.literal(false),
      z.strictObject({
        name: defaultedBy(dnsLabel, D.internalCa.name).describe(
          "ClusterIssuer name (in-cluster data services' tlsIssuer).",
        ),
        commonName: defaultedBy(z.string().min(1), D.internalCa.commonName).describe(
          "Common name of the CA certificate.",
        ),
      }),
    ])
    .optional()
    .describe("The internal CA; the ClusterIssuer platform-internal-ca when unset, none when false."),
  certManagerNamespace: defaultedBy(dnsLabel, D.certManagerNamespace).describe("Namespace cert-manager runs in."),
  certManagerServiceAccount: defaultedBy(dnsLabel, D.certManagerServiceAccount).describe(
    "cert-manager's controller ServiceAccount (annotated with the Route 53 role for DNS-01).",
  ),
});

/** The issuers as a stack file gives them. */
export type CertificateIssuersConfig = z.output<typeof certificateIssuersSchema>;
