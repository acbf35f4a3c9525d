import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { restrictedContainerContext, restrictedPodContext } from "./securityContext";

/** A key of a Kubernetes Secret. */
export interface SecretKeyRef {
  /** Secret name. */
  readonly secretName: pulumi.Input<string>;
  /** Key within the Secret. */
  readonly key: string;
  /** The pod starts without the variable while the Secret or key is missing (the app must do without it). @default false */
  readonly optional?: boolean;
}

/** CPU and memory for one container. */
export interface ContainerResources {
  /** Requests the scheduler reserves. */
  readonly requests: { readonly cpu: string; readonly memory: string };
  /** Limits; a CPU limit is optional (leaving it out avoids CFS throttling), memory is required. */
  readonly limits: { readonly cpu?: string; readonly memory: string };
}

/** A writable directory in a container whose root filesystem is read-only: an emptyDir of a bounded size. */
export interface ScratchDir {
  /** Volume name, unique in the pod. */
  readonly name: string;
  /** Where the container sees it. */
  readonly mountPath: string;
  /** Most it may hold. */
  readonly sizeLimit: string;
}

/** Everything a hardened container is made of. */
export interface HardenedContainerInputs {
  /** Container name. */
  readonly name: string;
  /** Image pinned to a tag or digest. */
  readonly image: pulumi.Input<string>;
  /** Entrypoint. @default the image's */
  readonly command?: readonly pulumi.Input<string>[];
  /** Arguments. @default the image's */
  readonly args?: readonly pulumi.Input<string>[];
  /** Named TCP ports. @default none */
  readonly ports?: readonly { readonly name: string; readonly containerPort: number }[];
  /** Plain environment values; never credentials. @default {} */
  readonly env?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Environment read from Secret keys (`valueFrom.secretKeyRef`). @default {} */
  readonly secretEnv?: Readonly<Record<string, SecretKeyRef>>;
  /** Every key of these Secrets and ConfigMaps as environment (`envFrom`). @default none */
  readonly envFrom?: readonly { readonly secret?: pulumi.Input<string>; readonly configMap?: pulumi.Input<string> }[];
  /** Requests and limits. */
  readonly resources: ContainerResources;
  /** Numeric UID; must exist in (or be accepted by) the image. */
  readonly runAsUser: number;
  /** Numeric GID. @default `runAsUser` */
  readonly runAsGroup?: number;
  /** Probes, already rendered. @default none */
  readonly probes?: {
    readonly liveness?: k8s.types.input.core.v1.Probe;
    readonly readiness?: k8s.types.input.core.v1.Probe;
    readonly startup?: k8s.types.input.core.v1.Probe;
  };
  /** Volume mounts besides the scratch directories. @default none */
  readonly volumeMounts?: readonly k8s.types.input.core.v1.VolumeMount[];
  /** Writable directories (emptyDirs), each mounted here. @default none */
  readonly scratch?: readonly ScratchDir[];
}

/** A container with the platform's security context and nothing secret outside `secretEnv`. */
export function hardenedContainer(i: HardenedContainerInputs): k8s.types.input.core.v1.Container {
  return {
    name: i.name,
    image: i.image,
    imagePullPolicy: "IfNotPresent",
    ...(i.command ? { command: [...i.command] } : {}),
    ...(i.args ? { args: [...i.args] } : {}),
    ports: (i.ports ?? []).map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: "TCP" })),
    env: [
      ...Object.entries(i.env ?? {}).map(([name, value]) => ({ name, value })),
      ...Object.entries(i.secretEnv ?? {}).map(([name, ref]) => ({
        name,
        valueFrom: {
          secretKeyRef: { name: ref.secretName, key: ref.key, ...(ref.optional ? { optional: true } : {}) },
        },
      })),
    ],
    ...(i.envFrom?.length
      ? {
          envFrom: i.envFrom.map((e) =>
            e.secret !== undefined ? { secretRef: { name: e.secret } } : { configMapRef: { name: e.configMap } },
          ),
        }
      : {}),
    resources: { requests: { ...i.resources.requests }, limits: { ...i.resources.limits } },
    securityContext: restrictedContainerContext(i.runAsUser, i.runAsGroup ?? i.runAsUser),
    ...(i.probes?.liveness ? { livenessProbe: i.probes.liveness } : {}),
    ...(i.probes?.readiness ? { readinessProbe: i.probes.readiness } : {}),
    ...(i.probes?.startup ? { startupProbe: i.probes.startup } : {}),
    volumeMounts: [
      ...(i.scratch ?? []).map((s) => ({ name: s.name, mountPath: s.mountPath })),
      ...(i.volumeMounts ?? []),
    ],
  };
}

/** Everything a hardened pod is made of. */
export interface HardenedPodInputs {
  /** ServiceAccount the pods run as (its token is never mounted). */
  readonly serviceAccountName: pulumi.Input<string>;
  /** UID of the pod. */
  readonly runAsUser: number;
  /** GID and fsGroup. @default `runAsUser` */
  readonly runAsGroup?: number;
  /** The containers, each built with {@link hardenedContainer}. */
  readonly containers: readonly k8s.types.input.core.v1.Container[];
  /** Init containers, each built with {@link hardenedContainer}. @default none */
  readonly initContainers?: readonly k8s.types.input.core.v1.Container[];
  /** Scratch directories of the containers, to declare as emptyDir volumes. @default none */
  readonly scratch?: readonly ScratchDir[];
  /** Further volumes (Secrets, ConfigMaps). @default none */
  readonly volumes?: readonly k8s.types.input.core.v1.Volume[];
  /** Labels to spread replicas across zones and nodes by; no spread without them. @default none */
  readonly spreadLabels?: Record<string, string>;
  /** `Always` for long-running pods, `Never` or `OnFailure` for Jobs. @default "Always" */
  readonly restartPolicy?: "Always" | "Never" | "OnFailure";
  /** Seconds a pod gets to stop. @default 30 */
  readonly terminationGracePeriodSeconds?: number;
  /** How volumes are re-owned for fsGroup. @default Kubernetes' (`Always`) */
  readonly fsGroupChangePolicy?: "OnRootMismatch" | "Always";
}

/**
 * A pod spec around hardened containers: the platform's pod security context, no ServiceAccount
 * token, no service links, emptyDirs for the scratch directories, and zone/node spread.
 */
export function hardenedPodSpec(i: HardenedPodInputs): k8s.types.input.core.v1.PodSpec {
  const spread = (topologyKey: string): k8s.types.input.core.v1.TopologySpreadConstraint => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: i.spreadLabels },
  });
  const scratch = new Map((i.scratch ?? []).map((s) => [s.name, s]));
  return {
    serviceAccountName: i.serviceAccountName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: restrictedPodContext(i.runAsUser, i.runAsGroup ?? i.runAsUser, i.fsGroupChangePolicy),
    ...(i.initContainers?.length ? { initContainers: [...i.initContainers] } : {}),
    containers: [...i.containers],
    volumes: [
      ...[...scratch.values()].map((s) => ({ name: s.name, emptyDir: { sizeLimit: s.sizeLimit } })),
      ...(i.volumes ?? []),
    ],
    ...(i.spreadLabels
      ? { topologySpreadConstraints: [spread("topology.kubernetes.io/zone"), spread("kubernetes.io/hostname")] }
      : {}),
    ...(i.restartPolicy && i.restartPolicy !== "Always" ? { restartPolicy: i.restartPolicy } : {}),
    terminationGracePeriodSeconds: i.terminationGracePeriodSeconds ?? 30,
  };
}
