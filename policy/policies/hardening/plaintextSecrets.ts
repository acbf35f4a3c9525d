import { isCredentialName, looksSecret } from "../../lib/credentials";
import { groupTag } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** Credentials reach containers through Secrets (`valueFrom.secretKeyRef`), never as literal env values. */
export const plaintextSecrets = podPolicy(
  {
    name: "no-plaintext-secrets-in-env",
    description: "Environment variables must not carry credentials as literal values.",
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
      const env: unknown = c.container.env;
      if (!Array.isArray(env)) continue;
      env.forEach((e: any, i: number) => {
        // A credential-named variable with a literal value is a violation whatever the value, so the
        // value (possibly unknown in a preview) is read only for the shape check.
        if (!e || !("value" in e) || allowedNames.includes(e.name)) return;
        const named = isCredentialName(String(e.name));
        if (named ? e.value !== "" : typeof e.value === "string" && looksSecret(e.value)) {
          report(`${where(c)} env[${i}] "${e.name}" holds a credential as a literal value (value not shown).`);
        }
      });
    }
  },
);
