import { refusedOrigins } from "../../lib/readiness/contentSecurityPolicy";
import { API_ORIGINS_TAG, frontEndsOf } from "../../lib/readiness/frontEnds";
import { readinessPolicy } from "../../lib/readiness/readinessPolicy";

/** A front end's Content-Security-Policy lets the browser call the APIs the front end is configured to call. */
export const cspConnectSrc = readinessPolicy(
  {
    name: "readiness-csp-connect-src",
    description: `A front end's Content-Security-Policy \`connect-src\` (else \`default-src\`) must admit every API origin it calls, as its CloudFront distribution declares them in the \`${API_ORIGINS_TAG}\` tag: otherwise the browser blocks every API call.`,
    severity: "high",
    remediationSteps:
      "Add the API origin (`https://api.example.com`) to the CSP's `connect-src` — StaticSite's `apiOrigins` does it — or correct the distribution's `acme:api-origins` tag.",
    url: "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/connect-src",
  },
  {
    subjects: (model) => frontEndsOf(model),
    judge: (site, _model, report) => {
      for (const p of site.policies) {
        const refused = refusedOrigins(p.header, site.apiOrigins, site.self);
        if (refused.length)
          report(
            site,
            `${site.label} calls ${refused.join(", ")}, which the Content-Security-Policy of its ${p.where} does not admit in connect-src: the browser blocks every call to ${refused.length === 1 ? "it" : "them"}.`,
          );
      }
    },
  },
);
