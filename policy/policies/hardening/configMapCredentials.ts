import { ResourceValidationPolicy } from "@pulumi/policy";
import { isCredentialName, looksSecret } from "../../lib/credentials";
import { groupTag } from "../../lib/metadata";
import { knownOrUndefined } from "../../lib/unknowns";

const CONFIG_MAPS = ["kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:ConfigMapPatch"];

/** `key = value` or `key: value` lines of a config file held in a ConfigMap. */
const SETTING = /^\s*["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*["']?([^"'\s#][^"'#]*?)["']?\s*$/;
/** Values that refer to a credential instead of holding it. */
const REFERENCE = /^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\([A-Za-z_][A-Za-z0-9_]*\)|<[^>]+>|env:.*|file:.*|\/.*)$/;

/** ConfigMaps hold configuration, never credentials: they are readable by anyone who reads the namespace's configuration. */
export const configMapCredentials: ResourceValidationPolicy = {
  name: "no-credentials-in-configmaps",
  description: "ConfigMaps must not hold credentials, as keys or inside the files they carry.",
  severity: "high",
  tags: [groupTag("hardening")],
  remediationSteps:
    "Move the value to a Secret (or AWS Secrets Manager) and mount or reference it; keep only non-secret settings in the ConfigMap.",
  url: "https://kubernetes.io/docs/concepts/configuration/configmap/",
  configSchema: { properties: { allowedKeys: { type: "array", items: { type: "string" }, default: [] } } },
  validateResource: (args, report) => {
    if (!CONFIG_MAPS.includes(args.type)) return;
    const { allowedKeys = [] } = args.getConfig<{ allowedKeys?: string[] }>();
    const data: Record<string, unknown> = args.props.data ?? {};
    for (const key of Object.keys(data)) {
      if (allowedKeys.includes(key)) continue;
      // A credential-named key must be judged on its value; under any other name only a known value can look like a credential.
      const value = isCredentialName(key) ? data[key] : knownOrUndefined(() => data[key]);
      if (typeof value !== "string") continue;
      if (isCredentialName(key) && value !== "" && !REFERENCE.test(value)) {
        report(`data "${key}" holds a credential (value not shown).`);
        continue;
      }
      value.split("\n").forEach((line, i) => {
        const m = SETTING.exec(line);
        const setting = m && isCredentialName(m[1]) && !REFERENCE.test(m[2]) && !allowedKeys.includes(m[1]);
        if (setting || looksSecret(line.trim()) || (m && looksSecret(m[2])))
          report(`data "${key}" line ${i + 1} holds a credential${setting ? ` (${m[1]})` : ""} (value not shown).`);
      });
    }
  },
};
