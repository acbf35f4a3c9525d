import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { NetworkPeer, peerSelector } from "../app/network";
import { ContainerResources, hardenedContainerSecurityContext, SecretKeyRef } from "../app/podSpec";
import { recommendedLabels, selectorLabels } from "../labels";
import { childName } from "../naming";
import { statefulOptions } from "./serviceArgs";

/** What an in-cluster data service (PostgreSQL, Redis) runs. */
export interface StatefulServiceSpec {
  /** Object name and app.kubernetes.io/name, e.g. `postgres`. */
  name: string;
  /** Namespace (the Namespace resource's name output). */
  namespace: pulumi.Input<string>;
  /** Platform name. */
  partOf: string;
  /** Pinned image. */
  image: pulumi.Input<string>;
  /** Port and its name. */
  port: { name: string; number: number };
  /** UID and GID of the image's service user. */
  runAsUser: number;
  /** Arguments. */
  args?: string[];
  /** Plain environment. */
  env?: Record<string, string>;
  /** Environment from Secrets. */
  secretEnv?: Record<string, SecretKeyRef>;
  /** Readiness and liveness command. */
  probe: string[];
  /** Data volume. */
  storage: { size: string; mountPath: string; storageClassName?: string };
  /** Writable scratch directories (emptyDir) besides the data volume, e.g. the socket directory. */
  scratch: string[];
  /** Requests and limits. */
  resources: ContainerResources;
  /** Pods admitted on the port. */
  clients: NetworkPeer[];
  /** Keep volumes when the StatefulSet is deleted or scaled in, and protect it. */
  protect: boolean;
}

/** The Kubernetes objects of an in-cluster data service. */
export interface StatefulService {
  /** The StatefulSet. */
  statefulSet: k8s.apps.v1.StatefulSet;
  /** ClusterIP Service clients connect to. */
  service: k8s.core.v1.Service;
  /** Pod labels of the service. */
  podLabels: Record<string, string>;
}

/**
 * A single-replica StatefulSet with the platform's hardened container (non-root UID of the image,
 * read-only root filesystem with writable data and scratch volumes, all capabilities dropped,
 * RuntimeDefault seccomp), a headless and a ClusterIP Service, a PDB and a NetworkPolicy admitting
 * only `clients`. Children are named `${parent}-<role>`.
 */
export function statefulService(parent: pulumi.ComponentResource, parentName: string, spec: StatefulServiceSpec): StatefulService {
  const opts = statefulOptions(parent, spec.protect);
  const child = { parent };
  const id = { name: spec.name, partOf: spec.partOf, image: spec.image, component: "database" };
  const labels = recommendedLabels(id);
  const podLabels = selectorLabels(id);
  const metadata = { name: spec.name, namespace: spec.namespace, labels };

  const account = new k8s.core.v1.ServiceAccount(childName(parentName, "serviceAccount"), { metadata, automountServiceAccountToken: false }, child);
  const headless = new k8s.core.v1.Service(childName(parentName, "headlessService"), {
    metadata: { ...metadata, name: `${spec.name}-headless` },
    spec: { clusterIP: "None", selector: podLabels, ports: [{ name: spec.port.name, port: spec.port.number, targetPort: spec.port.name }] },
  }, child);
  const service = new k8s.core.v1.Service(childName(parentName, "service"), {
    metadata,
    spec: { type: "ClusterIP", selector: podLabels, ports: [{ name: spec.port.name, port: spec.port.number, targetPort: spec.port.name }] },
  }, child);
  const probe = (periodSeconds: number) => ({ exec: { command: spec.probe }, periodSeconds, timeoutSeconds: 5, failureThreshold: 6 });
  const volumes = spec.scratch.map((_, i) => ({ name: `scratch-${i}`, emptyDir: { sizeLimit: "64Mi" } }));
  const statefulSet = new k8s.apps.v1.StatefulSet(childName(parentName, "statefulSet"), {
    metadata,
    spec: {
      serviceName: headless.metadata.name,
      replicas: 1,
      selector: { matchLabels: podLabels },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: account.metadata.name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true, runAsUser: spec.runAsUser, runAsGroup: spec.runAsUser, fsGroup: spec.runAsUser,
            fsGroupChangePolicy: "OnRootMismatch", seccompProfile: { type: "RuntimeDefault" },
          },
          terminationGracePeriodSeconds: 60,
          containers: [{
            name: spec.name,
            image: spec.image,
            imagePullPolicy: "IfNotPresent",
            ...(spec.args ? { args: spec.args } : {}),
            ports: [{ name: spec.port.name, containerPort: spec.port.number, protocol: "TCP" }],
            env: [
              ...Object.entries(spec.env ?? {}).map(([name, value]) => ({ name, value })),
              ...Object.entries(spec.secretEnv ?? {}).map(([name, ref]) => ({ name, valueFrom: { secretKeyRef: { name: ref.secretName, key: ref.key } } })),
            ],
            resources: { requests: { ...spec.resources.requests }, limits: { ...spec.resources.limits } },
            securityContext: hardenedContainerSecurityContext(spec.runAsUser, spec.runAsUser),
            startupProbe: { ...probe(5), failureThreshold: 60 },
            readinessProbe: probe(10),
            livenessProbe: probe(20),
            volumeMounts: [
              { name: "data", mountPath: spec.storage.mountPath },
              ...spec.scratch.map((mountPath, i) => ({ name: `scratch-${i}`, mountPath })),
            ],
          }],
          volumes,
        },
      },
      volumeClaimTemplates: [{
        metadata: { name: "data", labels },
        spec: {
          accessModes: ["ReadWriteOnce"],
          ...(spec.storage.storageClassName ? { storageClassName: spec.storage.storageClassName } : {}),
          resources: { requests: { storage: spec.storage.size } },
        },
      }],
    },
  }, opts);
  new k8s.policy.v1.PodDisruptionBudget(childName(parentName, "disruptionBudget"), {
    metadata,
    spec: { selector: { matchLabels: podLabels }, maxUnavailable: 1 },
  }, child);
  new k8s.networking.v1.NetworkPolicy(childName(parentName, "networkPolicy"), {
    metadata,
    spec: {
      podSelector: { matchLabels: podLabels },
      policyTypes: ["Ingress", "Egress"],
      ingress: spec.clients.length ? [{ from: spec.clients.map(peerSelector), ports: [{ protocol: "TCP", port: spec.port.number }] }] : [],
      egress: [],
    },
  }, child);
  return { statefulSet, service, podLabels };
}
