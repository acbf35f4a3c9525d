import { kubernetesProvider, Platform, platformArgsFromConfig, readStackConfig } from "@acme/platform";

/*
 * NEXUS on the bank's platform SDK. Everything the team changes between staging and prod lives in
 * Pulumi.<stack>.yaml (nexus:* keys, the config reference of @acme/platform); this file only adds
 * what config cannot say.
 */
const config = readStackConfig();
const args = platformArgsFromConfig(config);

// The backend writes its request logs to /nexus_backend/logs; with a read-only root filesystem
// that directory is a size-limited emptyDir. Lists of named items (containers, volumes, mounts)
// merge by name, so the platform's own /tmp volume stays.
const backend = args.apps.find((app) => app.name === "backend");
if (backend) {
  backend.overrides = {
    deployment: {
      spec: {
        template: {
          spec: {
            containers: [{ name: "backend", volumeMounts: [{ name: "logs", mountPath: "/nexus_backend/logs" }] }],
            volumes: [{ name: "logs", emptyDir: { sizeLimit: "1Gi" } }],
          },
        },
      },
    },
  };
}

const provider = kubernetesProvider(`${config.namespace}-k8s`, config.cluster);
const platform = new Platform(config.namespace, args, { providers: { kubernetes: provider } });

/** Namespace the NEXUS apps run in. */
export const namespace = platform.namespaceName;
/** Public HTTPS URLs: the front end and the API. */
export const urls = platform.urls;
/** PostgreSQL host (credentials stay in the Kubernetes Secret). */
export const postgresHost = platform.data?.postgres?.host;
/** Bucket of the nightly PostgreSQL dumps. */
export const backupBucket = platform.data?.backup?.bucketName;
