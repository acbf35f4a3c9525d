import { argumentsAt, argvCredentialFindings } from "../../lib/argv";
import { describeFinding, findCredentials } from "../../lib/credentials/detector";
import { isCredentialName } from "../../lib/credentials/names";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { containerLabel, taskPolicy } from "../../lib/ecsTasks";

/**
 * Credentials reach ECS containers through `secrets` (Secrets Manager, SSM), never as literal
 * `environment`, Docker labels, or on the command line (entryPoint, command, health check).
 */
export const ecsTaskPlaintextSecrets = taskPolicy(
  {
    name: "aws-ecs-task-no-plaintext-secrets",
    description:
      "ECS container environment, Docker labels, command, entryPoint and health-check command must not carry credentials as literal values or expand a secret into the arguments.",
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
      const argvEnv = { secretVars, importsSecrets: false, expandsParentheses: false };
      const found = [
        ...argvCredentialFindings(
          [...argumentsAt(c.entryPoint, "entryPoint"), ...argumentsAt(c.command, "command")],
          argvEnv,
        ),
        ...argvCredentialFindings(argumentsAt(c.healthCheck?.command, "healthCheck.command"), argvEnv),
        ...findCredentials(env, "environment", { allowedNames }),
        ...findCredentials(c.dockerLabels, "dockerLabels", { allowedNames }),
      ];
      for (const f of found) report(`${containerLabel(c, i)} ${describeFinding(f)}.`);
    });
  },
);
