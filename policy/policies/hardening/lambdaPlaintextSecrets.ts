import { ResourceValidationPolicy } from "@pulumi/policy";
import { describeFinding, findCredentials } from "../../lib/credentials/detector";
import { groupTag } from "../../lib/metadata";
import { forType } from "../../lib/typed";

/** Lambda environment variables are readable by anyone who may read the function's configuration: credentials come from Secrets Manager or SSM at run time. */
export const lambdaPlaintextSecrets: ResourceValidationPolicy = {
  name: "aws-lambda-no-plaintext-secrets",
  description: "Lambda function environment variables must not carry credentials as literal values.",
  severity: "high",
  tags: [groupTag("hardening"), "aws"],
  remediationSteps:
    "Keep the value in Secrets Manager or an SSM SecureString parameter, pass its name or ARN in the environment, and read it at run time (the AWS Parameters and Secrets Lambda Extension caches it).",
  url: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
  configSchema: { properties: { allowedNames: { type: "array", items: { type: "string" }, default: [] } } },
  validateResource: forType("aws:lambda/function:Function", (args, report) => {
    const { allowedNames = [] } = args.getConfig<{ allowedNames?: string[] }>();
    const variables = args.props.environment?.variables;
    for (const f of findCredentials(variables, "environment.variables", { allowedNames }))
      report(`${describeFinding(f)}.`);
  }),
};
