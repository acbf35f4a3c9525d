import { kubernetesProvider, Platform, platformArgsFromConfig, readStackConfig } from "@acme/platform";

/*
 * NEXUS on the bank's platform SDK. Everything the team changes between staging and prod lives in
 * Pulumi.<stack>.yaml (nexus:* keys, the config reference of @acme/platform): the program reads and
 * validates it, builds the cluster provider and one Platform, and exports what operators need.
 */
const config = readStackConfig();
const args = platformArgsFromConfig(config);

const provider = kubernetesProvider(`${config.namespace}-k8s`, config.cluster);
const platform = new Platform(config.namespace, args, { providers: { kubernetes: provider } });

const outputs = {
  /** Namespace the NEXUS apps run in. */
  namespace: platform.namespaceName,
  /** Public HTTPS URLs: the front end and the API. */
  urls: platform.urls,
  /** PostgreSQL host (credentials stay in the Kubernetes Secret). */
  postgresHost: platform.data?.postgres?.host,
  /** Bucket of the nightly PostgreSQL dumps. */
  backupBucket: platform.data?.backup?.bucketName,
};

/** The outputs this stack has (a stack without backups has no backupBucket). */
export = Object.fromEntries(Object.entries(outputs).filter(([, value]) => value !== undefined));
