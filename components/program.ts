import * as pulumi from "@pulumi/pulumi";
import { kubernetesProvider } from "./cluster";
import { childName } from "./naming";
import { readStackConfig } from "./config/load";
import { platformArgsFromConfig } from "./config/platformArgs";
import { Platform } from "./platform";

/** The stack outputs of the platform program. */
export interface PlatformOutputs {
  /** `staging` or `prod`. */
  environment: string;
  /** Namespace the apps run in. */
  namespace: pulumi.Output<string>;
  /** Public URLs by app name. */
  publicUrls: Record<string, pulumi.Output<string>>;
  /** Names of all apps. */
  apps: string[];
  /** Host of PostgreSQL, when configured (credentials stay in the Secret). */
  postgresHost?: pulumi.Output<string>;
  /** Host of Redis, when configured. */
  redisHost?: pulumi.Output<string>;
  /** Bucket of the PostgreSQL dumps, when backups are configured. */
  backupBucket?: pulumi.Output<string>;
}

/**
 * The whole program: reads and validates `platform:*` stack config, builds the cluster provider
 * and one {@link Platform}. `index.ts` exports what this returns (only the outputs this stack has,
 * so Pulumi warns of no undefined output); internal tools may call it as an inline program.
 */
export function platformProgram(): PlatformOutputs {
  const config = readStackConfig();
  const provider = kubernetesProvider(childName(config.namespace, "kubernetesProvider"), config.cluster);
  const platform = new Platform(config.namespace, platformArgsFromConfig(config), {
    providers: { kubernetes: provider },
  });
  const optional = {
    postgresHost: platform.data?.postgres?.host,
    redisHost: platform.data?.redis?.host,
    backupBucket: platform.data?.backup?.bucketName,
  };
  return {
    environment: config.environment,
    namespace: platform.namespaceName,
    publicUrls: platform.urls,
    apps: config.apps.map((app) => app.name),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}
