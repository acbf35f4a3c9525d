import { groupTag } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** Env var names that carry credentials. */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|ACCESS_?KEY|AUTH)/i;
/** Values that are credentials whatever their name: URLs with a password, AWS access keys, PEM keys. */
const SECRET_VALUE = [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, /\bAKIA[0-9A-Z]{16}\b/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/];

/** Whether a literal env value looks like a credential whatever its name. */
export function looksSecret(value: string): boolean {
  return SECRET_VALUE.some((re) => re.test(value));
}

/** Credentials reach containers through Secrets (`valueFrom.secretKeyRef`), never as literal env values. */
export const plaintextSecrets = podPolicy({
  name: "no-plaintext-secrets-in-env",
  description: "Environment variables must not carry credentials as literal values.",
  severity: "high",
  tags: [groupTag("hardening")],
  remediationSteps: "Store the value in a Kubernetes Secret (fed from a Pulumi secret or AWS Secrets Manager) and reference it with env[].valueFrom.secretKeyRef.",
  url: "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables",
  configSchema: {
    properties: { allowedNames: { type: "array", items: { type: "string" }, default: [] } },
  },
}, (pod, report, args) => {
  const { allowedNames = [] } = args.getConfig<{ allowedNames?: string[] }>();
  for (const c of containersOf(pod)) {
    const env: unknown = c.container.env;
    if (!Array.isArray(env)) continue;
    env.forEach((e: any, i: number) => {
      // A credential-named variable with a literal value is a violation whatever the value, so the
      // value (possibly unknown in a preview) is read only for the shape check.
      if (!e || !("value" in e) || allowedNames.includes(e.name)) return;
      const named = SECRET_NAME.test(String(e.name));
      if (named ? e.value !== "" : typeof e.value === "string" && looksSecret(e.value)) {
        report(`${where(c)} env[${i}] "${e.name}" holds a credential as a literal value (value not shown).`);
      }
    });
  }
});
