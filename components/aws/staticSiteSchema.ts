import { z } from "zod";
import { defaultedBy, hostname } from "../config/primitives";
import { awsArn } from "./awsPrimitives";
import { STATIC_SITE_DEFAULTS as D, StaticSiteArgs } from "./staticSite";

/** The config fragment of {@link StaticSite}. */
export const staticSiteSchema = z
  .strictObject({
    domain: hostname.describe("Host name the site is served at."),
    certificateArn: awsArn
      .refine((a) => a.includes(":acm:us-east-1:"), {
        error: "expected an ACM certificate ARN in us-east-1 (CloudFront's region)",
      })
      .optional()
      .describe("Existing ACM certificate in us-east-1; requested and validated in hostedZoneId when unset."),
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{4,32}$/, { error: 'expected a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ"' })
      .optional()
      .describe(
        "Route 53 zone of the domain: the alias records, and the certificate's validation when it is requested.",
      ),
    contentSecurityPolicy: defaultedBy(z.string().min(1), D.contentSecurityPolicy).describe(
      "Content-Security-Policy header.",
    ),
    apiOrigins: z
      .array(
        z
          .url({ protocol: /^https$/, error: "expected an https origin such as https://api.example.com" })
          .refine((u) => new URL(u).origin === u, {
            error: "expected an origin without a path, such as https://api.example.com",
          }),
      )
      .optional()
      .describe("Origins of the APIs the front end calls: admitted in the CSP's connect-src."),
    spaFallback: defaultedBy(z.boolean(), D.spaFallback).describe(
      "Serve the index for unknown paths (client-side routing).",
    ),
    priceClass: defaultedBy(z.enum(["PriceClass_100", "PriceClass_200", "PriceClass_All"]), D.priceClass).describe(
      "Edge locations served from.",
    ),
    webAclArn: awsArn.optional().describe("WAFv2 web ACL (CloudFront scope)."),
    bucketName: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
      .optional()
      .describe("Content bucket name; <name>-site-<account>-<region> when unset."),
  })
  .refine((s) => s.certificateArn !== undefined || s.hostedZoneId !== undefined, {
    error: "expected certificateArn or hostedZoneId (to request one)",
    path: ["certificateArn"],
  });

/** A static site as a stack file gives it. */
export type StaticSiteConfig = z.output<typeof staticSiteSchema>;

/** The site's args from its config. */
export function staticSiteArgs(config: StaticSiteConfig, protect?: boolean): StaticSiteArgs {
  const { certificateArn, hostedZoneId, ...rest } = config;
  if (certificateArn !== undefined) return { ...rest, hostedZoneId, protect, certificate: { arn: certificateArn } };
  if (hostedZoneId === undefined)
    throw new Error("static site: expected certificateArn or hostedZoneId (to request one)");
  return { ...rest, hostedZoneId, protect, certificate: { hostedZoneId } };
}
