import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { MANAGED_BY } from "../labels";

/**
 * The Kubernetes Secret apps read a data service's connection details from (through
 * `secretKeyRef`). Its values are Pulumi secrets, so they stay encrypted in state and show as
 * `[secret]` in previews and reports.
 */
export function credentialsSecret(
  parent: pulumi.ComponentResource,
  logicalName: string,
  name: string,
  namespace: pulumi.Input<string>,
  partOf: string,
  values: Record<string, pulumi.Input<string>>,
): k8s.core.v1.Secret {
  return new k8s.core.v1.Secret(logicalName, {
    metadata: { name, namespace, labels: { "app.kubernetes.io/part-of": partOf, "app.kubernetes.io/managed-by": MANAGED_BY } },
    type: "Opaque",
    stringData: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, pulumi.secret(v)])),
  }, { parent });
}
