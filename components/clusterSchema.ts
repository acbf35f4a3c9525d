import { z } from "zod";
import { defaultedBy, stackReference } from "./config/primitives";
import { CLUSTER_DEFAULTS as D, ClusterSource } from "./cluster";

/** The config fragment of the cluster provider (`<project>:cluster`): exactly one source of the kubeconfig. */
export const clusterSchema = z
  .strictObject({
    stackReference: stackReference.optional().describe("Stack that owns the cluster, <org>/<project>/<stack>."),
    output: defaultedBy(z.string().min(1), D.output).describe("Output of that stack holding the kubeconfig."),
    kubeconfigFromConfig: defaultedBy(z.boolean(), false).describe(
      "Read the kubeconfig from the secret key <project>:kubeconfig instead of a stack reference.",
    ),
  })
  .refine((c) => !!c.stackReference !== !!c.kubeconfigFromConfig, {
    error:
      'expected exactly one of "stackReference" or "kubeconfigFromConfig: true" (then set <project>:kubeconfig as a secret)',
  })
  .describe("Target cluster: exactly one of stackReference or kubeconfigFromConfig.");

/** Where the target cluster's kubeconfig comes from (the component's own type; the fragment produces it). */
export type { ClusterSource };

const producesClusterSource: z.output<typeof clusterSchema> extends ClusterSource ? true : never = true;
void producesClusterSource;
