import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ownerLabels } from "./labels";

/** Where a credentials Secret goes and what it holds. */
export interface CredentialsSecretSpec {
  /** Object name. */
  name: string;
  /** Namespace (the Namespace resource's name output, to order creation). */
  namespace: pulumi.Input<string>;
  /** Platform name, for the labels. */
  partOf: string;
  /** Key → value; every value is made a Pulumi secret. */
  values: Record<string, pulumi.Input<string>>;
}

/**
 * A Kubernetes Secret that workloads read credentials from through `secretKeyRef` or a volume.
 * Its values are Pulumi secrets, so they stay encrypted in state and show as `[secret]` in
 * previews and reports.
 */
export function credentialsSecret(
  parent: pulumi.Resource,
  logicalName: string,
  spec: CredentialsSecretSpec,
): k8s.core.v1.Secret {
  return new k8s.core.v1.Secret(
    logicalName,
    {
      metadata: { name: spec.name, namespace: spec.namespace, labels: ownerLabels(spec.partOf) },
      type: "Opaque",
      stringData: Object.fromEntries(Object.entries(spec.values).map(([k, v]) => [k, pulumi.secret(v)])),
    },
    { parent },
  );
}
