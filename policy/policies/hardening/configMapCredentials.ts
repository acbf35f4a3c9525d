import { ResourceValidationPolicy } from "@pulumi/policy";
import { describeFinding, findCredentials } from "../../lib/credentials/detector";
import { decodedBinaryData } from "../../lib/credentials/binaryData";
import { groupTag } from "../../lib/metadata";

const CONFIG_MAPS = ["kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:ConfigMapPatch"];

/** ConfigMaps hold configuration, never credentials: they are readable by anyone who reads the namespace's configuration. */
export const configMapCredentials: ResourceValidationPolicy = {
  name: "no-credentials-in-configmaps",
  description:
    "ConfigMaps must not hold credentials: as keys, inside the files they carry (data, and binaryData that decodes to text), or in annotations.",
  severity: "high",
  tags: [groupTag("hardening")],
  remediationSteps:
    "Move the value to a Secret (or AWS Secrets Manager) and mount or reference it; keep only non-secret settings in the ConfigMap.",
  url: "https://kubernetes.io/docs/concepts/configuration/configmap/",
  configSchema: { properties: { allowedKeys: { type: "array", items: { type: "string" }, default: [] } } },
  validateResource: (args, report) => {
    if (!CONFIG_MAPS.includes(args.type)) return;
    const { allowedKeys = [] } = args.getConfig<{ allowedKeys?: string[] }>();
    const options = { allowedNames: allowedKeys };
    const found = [
      ...findCredentials(args.props.data, "data", options),
      ...findCredentials(decodedBinaryData(args.props.binaryData), "binaryData", options),
      ...findCredentials(args.props.metadata?.annotations, "metadata.annotations", options),
    ];
    for (const f of found) report(`${describeFinding(f)}.`);
  },
};
