import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { credentialsSecret } from "../../kube/credentialsSecret";
import { ownerLabels } from "../../kube/labels";
import { SecretKeyRef } from "../../kube/podSpec";
import { childName } from "../../naming";
import { ResolvedWebService } from "./resolve";

/** The app's own Secrets and the environment that reads them. */
export interface AppSecrets {
  /** The Secret holding `secretEnv`, when there is any. */
  readonly secret?: k8s.core.v1.Secret;
  /** The ExternalSecret syncing `externalSecretEnv`, when there is any. */
  readonly externalSecret?: k8s.apiextensions.CustomResource;
  /** Every secret variable of the app: `secretRefs` and the keys of its own Secrets. */
  readonly refs: Record<string, SecretKeyRef>;
}

/** The app's Secret for `secretEnv` and its External Secret for `externalSecretEnv`, with the env references to them. */
export function renderSecrets(
  scope: pulumi.Resource,
  r: ResolvedWebService,
  child: pulumi.CustomResourceOptions,
): AppSecrets {
  const { args } = r;
  const refs: Record<string, SecretKeyRef> = { ...args.secretRefs };
  let secret: k8s.core.v1.Secret | undefined;
  let externalSecret: k8s.apiextensions.CustomResource | undefined;
  const secretEnv = args.secretEnv ?? {};
  if (Object.keys(secretEnv).length) {
    secret = credentialsSecret(scope, childName(r.name, "secrets"), {
      name: r.secretName,
      namespace: args.namespace,
      partOf: args.partOf,
      values: { ...secretEnv },
    });
    for (const key of Object.keys(secretEnv)) refs[key] = { secretName: r.secretName, key };
  }
  const external = args.externalSecretEnv ?? {};
  if (Object.keys(external).length) {
    externalSecret = new k8s.apiextensions.CustomResource(
      childName(r.name, "externalSecret"),
      {
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        metadata: { name: r.externalSecretName, namespace: args.namespace, labels: ownerLabels(args.partOf) },
        spec: {
          refreshInterval: "1h",
          secretStoreRef: { kind: r.secretStore.kind, name: r.secretStore.name },
          target: { name: r.externalSecretName, creationPolicy: "Owner" },
          data: Object.entries(external).map(([key, ref]) => ({
            secretKey: key,
            remoteRef: { key: ref.remoteKey, ...(ref.property ? { property: ref.property } : {}) },
          })),
        },
      },
      child,
    );
    for (const key of Object.keys(external)) refs[key] = { secretName: r.externalSecretName, key };
  }
  return { secret, externalSecret, refs };
}
