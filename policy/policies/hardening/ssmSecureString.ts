import { ResourceValidationPolicy } from "@pulumi/policy";
import { describeFinding, findCredentials } from "../../lib/credentials/detector";
import { isCredentialName } from "../../lib/credentials/names";
import { groupTag } from "../../lib/metadata";
import { forType } from "../../lib/typed";
import { knownOrUndefined } from "../../lib/unknowns";

/**
 * An SSM parameter that holds a credential — by its name (`/app/prod/db_password`) or its value
 * (a URL with a password, a token) — is a `SecureString`, encrypted with KMS and readable only
 * with decryption rights; a `String` is plain text to anyone who may read parameters.
 */
export const ssmSecureString: ResourceValidationPolicy = {
  name: "aws-ssm-secure-string-for-credentials",
  description: "SSM parameters holding a credential, by name or by value, must be of type SecureString.",
  severity: "high",
  tags: [groupTag("hardening"), "aws"],
  remediationSteps:
    'Set type: "SecureString" (with a customer managed KMS key if other accounts read it), or keep the credential in Secrets Manager.',
  url: "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html",
  configSchema: { properties: { allowedNames: { type: "array", items: { type: "string" }, default: [] } } },
  validateResource: forType("aws:ssm/parameter:Parameter", (args, report) => {
    const { allowedNames = [] } = args.getConfig<{ allowedNames?: string[] }>();
    const name = knownOrUndefined(() => args.props.name) ?? args.name;
    if (typeof name !== "string" || allowedNames.includes(name)) return;
    const named = isCredentialName(name);
    const value = named
      ? (args.props.value ?? args.props.insecureValue)
      : knownOrUndefined(() => args.props.value ?? args.props.insecureValue);
    const found = named
      ? value === undefined || value === ""
        ? []
        : findCredentials({ [name]: value }, "")
      : findCredentials(value, "value");
    if (!found.length || args.props.type === "SecureString") return;
    const what = named
      ? `name "${name}" is a credential's and holds a literal value (value not shown)`
      : describeFinding(found[0]);
    report(`${what}: the parameter must be a SecureString, not ${JSON.stringify(args.props.type)}.`);
  }),
};
