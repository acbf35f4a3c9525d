import * as ssm from "@pulumi/aws/ssm";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../../naming";
import { AccountContext } from "../accountContext";
import { collectorConfig } from "../collectorConfig";
import { ResolvedFargateService } from "./resolve";

/** What the execution role must read at task start. */
export interface StartupReads {
  /** SSM parameters: its own (by prefix) and the referenced ones. */
  readonly parameterArns: pulumi.Input<string>[];
  /** Secrets Manager secrets referenced. */
  readonly secretArns: pulumi.Input<string>[];
}

/** The task's environment from parameters and secrets, and what the execution role reads for it. */
export interface TaskSecrets {
  /** The parameters it created (the task definition waits for them). */
  readonly parameters: ssm.Parameter[];
  /** Container `secrets`: variable → `valueFrom`. */
  readonly secrets: Record<string, pulumi.Input<string>>;
  /** What the execution role reads at start. */
  readonly reads: StartupReads;
  /** The collector's configuration parameter, when metrics are on. */
  readonly collectorParameter?: string;
}

/**
 * SSM parameters under `/<objectName>/`: String for `linkedEnv` and the collector's configuration,
 * SecureString under the service's key for `secretEnv`; with the references in `secretRefs`.
 */
export function renderParameters(
  r: ResolvedFargateService,
  ctx: AccountContext,
  keyArn: pulumi.Input<string>,
  child: pulumi.CustomResourceOptions,
): TaskSecrets {
  const { args } = r;
  const parameters: ssm.Parameter[] = [];
  const parameter = (varName: string, value: pulumi.Input<string>, secret: boolean) => {
    const name = `${r.parameterPrefix}${varName}`;
    parameters.push(
      new ssm.Parameter(
        `${childName(r.name, "parameter")}-${varName}`,
        {
          name,
          description: `${r.objectName}: ${varName}`,
          type: secret ? "SecureString" : "String",
          value: secret ? pulumi.secret(value) : value,
          ...(secret ? { keyId: keyArn } : {}),
        },
        child,
      ),
    );
    return name;
  };
  const secrets: Record<string, pulumi.Input<string>> = {};
  for (const [k, v] of Object.entries(args.linkedEnv ?? {})) secrets[k] = parameter(k, v, false);
  for (const [k, v] of Object.entries(args.secretEnv ?? {})) secrets[k] = parameter(k, v, true);
  const reads: StartupReads = {
    parameterArns: parameters.length
      ? [pulumi.interpolate`arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter${r.parameterPrefix}*`]
      : [],
    secretArns: [],
  };
  for (const [k, ref] of Object.entries(args.secretRefs ?? {})) {
    if (ref.secretsManager !== undefined) {
      secrets[k] = ref.key ? pulumi.interpolate`${ref.secretsManager}:${ref.key}::` : ref.secretsManager;
      reads.secretArns.push(ref.secretsManager);
    } else {
      secrets[k] = ref.ssmParameter;
      reads.parameterArns.push(parameterArn(ctx, ref.ssmParameter));
    }
  }
  const m = r.metrics;
  const collectorParameter = m
    ? parameter(
        "OTEL_COLLECTOR_CONFIG",
        collectorConfig({
          job: r.objectName,
          port: m.port,
          path: m.path,
          intervalSeconds: m.scrapeIntervalSeconds,
          remoteWriteUrl: m.workspace.remoteWriteUrl,
          region: ctx.region,
          labels: m.labels,
          cloudWatch: m.cloudWatch && { ...m.cloudWatch, logGroup: r.logGroupName },
        }),
        false,
      )
    : undefined;
  return { parameters, secrets, reads, collectorParameter };
}

/** The ARN of an SSM parameter given by name or ARN. */
function parameterArn(ctx: AccountContext, nameOrArn: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi
    .all([nameOrArn, ctx.partition, ctx.region, ctx.accountId])
    .apply(([n, p, r, a]) => (n.startsWith("arn:") ? n : `arn:${p}:ssm:${r}:${a}:parameter/${n.replace(/^\//, "")}`));
}
