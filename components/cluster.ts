import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { StackConfigError } from "./config/errors";

/** Defaults of the cluster source. */
export const CLUSTER_DEFAULTS = {
  /** Output of the cluster's stack holding the kubeconfig. */
  output: "kubeconfig",
} as const;

/** Where the target cluster's kubeconfig comes from: exactly one of a stack reference or the secret config key. */
export interface ClusterSource {
  /** Stack that owns the cluster, `<org>/<project>/<stack>`. @default none: `kubeconfigFromConfig` */
  readonly stackReference?: string;
  /** Output of that stack holding the kubeconfig. @default {@link CLUSTER_DEFAULTS}.output */
  readonly output?: string;
  /** Read the kubeconfig from the secret key `<project>:kubeconfig` instead of a stack reference. @default false */
  readonly kubeconfigFromConfig?: boolean;
}

const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (key: string) => boolean };

/**
 * The kubeconfig of the target cluster, always as a secret: from a StackReference output
 * or from the `<project>:kubeconfig` secret config value.
 */
export function clusterKubeconfig(source: ClusterSource, opts?: pulumi.CustomResourceOptions): pulumi.Output<string> {
  if (source.stackReference) {
    const ref = new pulumi.StackReference(source.stackReference, undefined, opts);
    return pulumi
      .secret(ref.requireOutput(source.output ?? CLUSTER_DEFAULTS.output))
      .apply((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  }
  const config = new pulumi.Config();
  const key = `${config.name}:kubeconfig`;
  if (config.get("kubeconfig") === undefined) {
    throw new StackConfigError(
      `Pulumi.${pulumi.getStack()}.yaml: ${key}: required key is missing (expected a secret kubeconfig; run "pulumi config set --secret ${key} < kubeconfig.yaml")`,
    );
  }
  if (!runtimeConfig.isConfigSecret?.(key)) {
    throw new StackConfigError(
      `Pulumi.${pulumi.getStack()}.yaml: ${key}: expected a secret value (set it with "pulumi config set --secret"), got plain text`,
    );
  }
  return config.requireSecret("kubeconfig");
}

/** A Kubernetes provider for the target cluster; every platform resource goes through it. */
export function kubernetesProvider(
  name: string,
  source: ClusterSource,
  opts?: pulumi.CustomResourceOptions,
): k8s.Provider {
  return new k8s.Provider(name, { kubeconfig: clusterKubeconfig(source, opts) }, opts);
}
