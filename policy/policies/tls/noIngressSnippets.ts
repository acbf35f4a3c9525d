import { ResourceValidationPolicy } from "@pulumi/policy";
import { exposureRoleOf, snippetAnnotations } from "../../lib/exposure";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

/**
 * No Ingress or Service (any API version, patches included) carries a controller's snippet
 * annotation: raw proxy configuration that can undo TLS, read the controller's credentials or
 * route anywhere.
 */
export const noIngressSnippets: ResourceValidationPolicy = {
  name: "no-ingress-snippets",
  description:
    "Ingresses and Services must not carry ingress controller snippet annotations (raw proxy configuration).",
  severity: "critical",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls")],
  remediationSteps:
    "Remove the snippet annotation; use the controller's dedicated annotations (headers, timeouts, rate limits, redirects) or ask the platform team for a controller setting.",
  url: "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/",
  validateResource: (args, report) => {
    const role = exposureRoleOf(args.type)?.role;
    if (role !== "ingress" && role !== "service") return;
    for (const s of snippetAnnotations(args.props.metadata?.annotations))
      report(
        `${s.where} injects raw ${s.row.controller} configuration (${s.row.family}), which can undo TLS and expose the controller. Fix: remove it and use the controller's dedicated annotations.`,
      );
  },
};
