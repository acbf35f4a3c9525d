import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { recommendedLabels, selectorLabels } from "../kube/labels";
import { NetworkPeer, trafficPolicySpec } from "../kube/network";
import { ContainerResources, hardenedContainer, hardenedPodSpec, ScratchDir, SecretKeyRef } from "../kube/podSpec";
import { childName } from "../naming";
import { statefulOptions } from "../protection";

/** A Secret mounted as files into an in-cluster data service (its TLS key pair, its config). */
export interface SecretMount {
  /** Volume name. */
  readonly name: string;
  /** Secret name. */
  readonly secretName: pulumi.Input<string>;
  /** Where the files appear. */
  readonly mountPath: string;
  /** File mode of every file (owned by root, group fsGroup). */
  readonly mode: number;
}

/** A ConfigMap mounted as files into an in-cluster data service (configuration that is not secret). */
export interface ConfigMount {
  /** Volume name. */
  readonly name: string;
  /** ConfigMap name. */
  readonly configMapName: pulumi.Input<string>;
  /** Where the files appear. */
  readonly mountPath: string;
}

/** A Prometheus exporter beside the service in its pod, reaching it on localhost. */
export interface ExporterSpec {
  /** Pinned image. */
  readonly image: pulumi.Input<string>;
  /** Port it serves metrics on (named `metrics`). */
  readonly port: number;
  /** UID the image runs as. */
  readonly runAsUser: number;
  /** Plain environment. @default none */
  readonly env?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Environment from Secrets (the service's credentials). @default none */
  readonly secretEnv?: Readonly<Record<string, SecretKeyRef>>;
  /** Requests and limits. */
  readonly resources: ContainerResources;
}

/** Where the shared Prometheus scrapes a data service's exporter. */
export interface MetricsEndpoint {
  /** Labels of its pods. */
  readonly podLabels: Record<string, string>;
  /** Name of the pod port. */
  readonly portName: string;
  /** Port number. */
  readonly port: number;
}

/** What an in-cluster data service (PostgreSQL, Redis) runs. */
export interface StatefulServiceSpec {
  /** Object name and app.kubernetes.io/name, e.g. `postgres`. */
  readonly name: string;
  /** Namespace (the Namespace resource's name output). */
  readonly namespace: pulumi.Input<string>;
  /** Platform name. */
  readonly partOf: string;
  /** Pinned image. */
  readonly image: pulumi.Input<string>;
  /** Port and its name. */
  readonly port: { readonly name: string; readonly number: number };
  /** UID and GID of the image's service user. */
  readonly runAsUser: number;
  /** Arguments. */
  readonly args?: readonly pulumi.Input<string>[];
  /** Plain environment. */
  readonly env?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Environment from Secrets. */
  readonly secretEnv?: Readonly<Record<string, SecretKeyRef>>;
  /** Secrets mounted as files. */
  readonly secretMounts?: readonly SecretMount[];
  /** ConfigMaps mounted as files. @default none */
  readonly configMounts?: readonly ConfigMount[];
  /** Readiness and liveness command. */
  readonly probe: readonly string[];
  /** Data volume. */
  readonly storage: { readonly size: string; readonly mountPath: string; readonly storageClassName?: string };
  /** Writable scratch directories (emptyDir) besides the data volume, e.g. the socket directory. */
  readonly scratch: readonly string[];
  /** Requests and limits. */
  readonly resources: ContainerResources;
  /** Pods admitted on the port. */
  readonly clients: readonly NetworkPeer[];
  /** Keep volumes when the StatefulSet is deleted or scaled in, and protect it. */
  readonly protect: boolean;
  /** A metrics exporter beside the service. @default none */
  readonly exporter?: ExporterSpec;
}

/** The Kubernetes objects of an in-cluster data service. */
export interface StatefulService {
  /** The StatefulSet. */
  readonly statefulSet: k8s.apps.v1.StatefulSet;
  /** ClusterIP Service clients connect to. */
  readonly service: k8s.core.v1.Service;
  /** Pod labels of the service. */
  readonly podLabels: Record<string, string>;
  /** Where its exporter serves metrics, when it has one. */
  readonly metrics?: MetricsEndpoint;
}

/**
 * A single-replica StatefulSet with the platform's hardened container (non-root UID of the image,
 * read-only root filesystem with writable data and scratch volumes, all capabilities dropped,
 * RuntimeDefault seccomp), a headless and a ClusterIP Service, a PDB and a NetworkPolicy admitting
 * only `clients`. Children are named `${parent}-<role>`.
 */
export function statefulService(
  parent: pulumi.ComponentResource,
  parentName: string,
  spec: StatefulServiceSpec,
): StatefulService {
  const child = { parent };
  const labels = recommendedLabels({ name: spec.name, partOf: spec.partOf, image: spec.image, component: "database" });
  const podLabels = selectorLabels({ name: spec.name, partOf: spec.partOf });
  const metadata = { name: spec.name, namespace: spec.namespace, labels };
  const ports = [{ name: spec.port.name, port: spec.port.number, targetPort: spec.port.name }];

  const account = new k8s.core.v1.ServiceAccount(
    childName(parentName, "serviceAccount"),
    { metadata, automountServiceAccountToken: false },
    child,
  );
  const headless = new k8s.core.v1.Service(
    childName(parentName, "headlessService"),
    {
      metadata: { ...metadata, name: `${spec.name}-headless` },
      spec: { clusterIP: "None", selector: podLabels, ports },
    },
    child,
  );
  const service = new k8s.core.v1.Service(
    childName(parentName, "service"),
    {
      metadata,
      spec: { type: "ClusterIP", selector: podLabels, ports },
    },
    child,
  );
  const probe = (periodSeconds: number) => ({
    exec: { command: [...spec.probe] },
    periodSeconds,
    timeoutSeconds: 5,
    failureThreshold: 6,
  });
  const scratch: ScratchDir[] = spec.scratch.map((mountPath, i) => ({
    name: `scratch-${i}`,
    mountPath,
    sizeLimit: "64Mi",
  }));
  const mounts = spec.secretMounts ?? [];
  const configs = spec.configMounts ?? [];
  const statefulSet = new k8s.apps.v1.StatefulSet(
    childName(parentName, "statefulSet"),
    {
      metadata,
      spec: {
        serviceName: headless.metadata.name,
        replicas: 1,
        selector: { matchLabels: podLabels },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
        template: {
          metadata: { labels },
          spec: hardenedPodSpec({
            serviceAccountName: account.metadata.name,
            runAsUser: spec.runAsUser,
            fsGroupChangePolicy: "OnRootMismatch",
            terminationGracePeriodSeconds: 60,
            scratch,
            volumes: [
              ...mounts.map((m) => ({ name: m.name, secret: { secretName: m.secretName, defaultMode: m.mode } })),
              ...configs.map((m) => ({ name: m.name, configMap: { name: m.configMapName } })),
            ],
            containers: [
              hardenedContainer({
                name: spec.name,
                image: spec.image,
                args: spec.args,
                ports: [{ name: spec.port.name, containerPort: spec.port.number }],
                env: spec.env,
                secretEnv: spec.secretEnv,
                resources: spec.resources,
                runAsUser: spec.runAsUser,
                scratch,
                volumeMounts: [
                  { name: "data", mountPath: spec.storage.mountPath },
                  ...[...mounts, ...configs].map((m) => ({ name: m.name, mountPath: m.mountPath, readOnly: true })),
                ],
                probes: { startup: { ...probe(5), failureThreshold: 60 }, readiness: probe(10), liveness: probe(20) },
              }),
              ...(spec.exporter ? [exporterContainer(spec.exporter)] : []),
            ],
          }),
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data", labels },
            spec: {
              accessModes: ["ReadWriteOnce"],
              ...(spec.storage.storageClassName ? { storageClassName: spec.storage.storageClassName } : {}),
              resources: { requests: { storage: spec.storage.size } },
            },
          },
        ],
      },
    },
    statefulOptions(parent, spec.protect),
  );
  new k8s.policy.v1.PodDisruptionBudget(
    childName(parentName, "disruptionBudget"),
    {
      metadata,
      spec: { selector: { matchLabels: podLabels }, maxUnavailable: 1 },
    },
    child,
  );
  new k8s.networking.v1.NetworkPolicy(
    childName(parentName, "networkPolicy"),
    {
      metadata,
      spec: trafficPolicySpec(podLabels, { ingress: [{ from: spec.clients, port: spec.port.number }] }),
    },
    child,
  );
  return {
    statefulSet,
    service,
    podLabels,
    metrics: spec.exporter ? { podLabels, portName: METRICS_PORT, port: spec.exporter.port } : undefined,
  };
}

const METRICS_PORT = "metrics";

function exporterContainer(e: ExporterSpec): k8s.types.input.core.v1.Container {
  const tcp = (periodSeconds: number) => ({
    tcpSocket: { port: METRICS_PORT },
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold: 3,
  });
  return hardenedContainer({
    name: "exporter",
    image: e.image,
    ports: [{ name: METRICS_PORT, containerPort: e.port }],
    env: e.env,
    secretEnv: e.secretEnv,
    resources: e.resources,
    runAsUser: e.runAsUser,
    probes: { startup: { ...tcp(5), failureThreshold: 30 }, readiness: tcp(15), liveness: tcp(30) },
  });
}
