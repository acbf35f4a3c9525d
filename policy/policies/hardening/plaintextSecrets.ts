import { describeFinding, findCredentials } from "../../lib/credentials/detector";
import { handlersOf, podMetadataPath } from "../../lib/credentials/podFields";
import { groupTag } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/**
 * Credentials reach containers through Secrets (`valueFrom.secretKeyRef`), never as literal
 * values: not in env, not in the HTTP headers of probes and hooks, not in the pod's annotations.
 */
export const plaintextSecrets = podPolicy(
  {
    name: "no-plaintext-secrets-in-env",
    description:
      "Environment variables, probe and lifecycle-hook HTTP headers and pod annotations must not carry credentials as literal values.",
    severity: "high",
    tags: [groupTag("hardening")],
    remediationSteps:
      "Store the value in a Kubernetes Secret (fed from a Pulumi secret or AWS Secrets Manager) and reference it with env[].valueFrom.secretKeyRef.",
    url: "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables",
    configSchema: {
      properties: { allowedNames: { type: "array", items: { type: "string" }, default: [] } },
    },
  },
  (pod, report, args) => {
    const { allowedNames = [] } = args.getConfig<{ allowedNames?: string[] }>();
    for (const c of containersOf(pod)) {
      const found = findCredentials(c.container.env, "env", { allowedNames });
      for (const { handler, path } of handlersOf(c.container))
        found.push(...findCredentials(handler.httpGet?.httpHeaders, `${path}.httpGet.httpHeaders`, { allowedNames }));
      for (const f of found) report(`${where(c)} ${describeFinding(f)}.`);
    }
    for (const f of findCredentials(pod.metadata?.annotations, `${podMetadataPath(pod)}.annotations`, { allowedNames }))
      report(`${describeFinding(f)}.`);
  },
);
