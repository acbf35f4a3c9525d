import { argvCredentialFindings } from "../../lib/argv";
import { isCredentialName, looksSecret } from "../../lib/credentials";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { containerLabel, taskPolicy } from "../../lib/ecsTasks";

/** Credentials reach ECS containers through `secrets` (Secrets Manager, SSM), never as literal `environment` or on the command line. */
export const ecsTaskPlaintextSecrets = taskPolicy(
  {
    name: "aws-ecs-task-no-plaintext-secrets",
    description:
      "ECS container environment, command and entryPoint must not carry credentials as literal values or expand a secret into the arguments.",
    severity: "high",
    framework: awsFoundationalControl("ECS.8", "Secrets should not be passed as container environment variables"),
    tags: [groupTag("hardening"), "aws"],
    remediationSteps:
      "Keep the value in Secrets Manager or an SSM SecureString parameter and reference it in the container's secrets (FargateService: secretEnv or secretRefs).",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html",
    configSchema: { properties: { allowedNames: { type: "array", items: { type: "string" }, default: [] } } },
  },
  (containers, _props, report, args) => {
    const { allowedNames = [] } = args.getConfig<{ allowedNames?: string[] }>();
    containers.forEach((c, i) => {
      const env: any[] = Array.isArray(c.environment) ? c.environment : [];
      const secretVars = new Set(
        [
          ...(Array.isArray(c.secrets) ? c.secrets : []),
          ...env.filter((e) => isCredentialName(String(e?.name ?? ""))),
        ].map((e: any) => String(e?.name)),
      );
      const argv = [
        ...(Array.isArray(c.entryPoint) ? c.entryPoint : []),
        ...(Array.isArray(c.command) ? c.command : []),
      ].map(String);
      for (const finding of argvCredentialFindings(argv, {
        secretVars,
        importsSecrets: false,
        expandsParentheses: false,
      }))
        report(`${containerLabel(c, i)} ${finding}.`);
      env.forEach((e: any) => {
        if (!e || typeof e.name !== "string" || allowedNames.includes(e.name)) return;
        const value = typeof e.value === "string" ? e.value : "";
        if (isCredentialName(e.name) ? value !== "" : looksSecret(value)) {
          report(
            `${containerLabel(c, i)} environment "${e.name}" holds a credential as a literal value (value not shown).`,
          );
        }
      });
    });
  },
);
