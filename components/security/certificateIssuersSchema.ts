import { z } from "zod";
import { defaultedBy, dnsLabel } from "../config/primitives";
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
});

/** The issuers as a stack file gives them. */
export type CertificateIssuersConfig = z.output<typeof certificateIssuersSchema>;
