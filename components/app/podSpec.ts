import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ProbeCheck, renderProbe } from "./probes";

/** A key of a Kubernetes Secret. */
export interface SecretKeyRef {
  /** Secret name. */
  secretName: pulumi.Input<string>;
  /** Key within the Secret. */
  key: string;
}

/** CPU and memory for one container. */
export interface ContainerResources {
  /** Requests the scheduler reserves. */
  requests: { cpu: string; memory: string };
  /** Limits; a CPU limit is optional (leaving it out avoids CFS throttling), memory is required. */
  limits: { cpu?: string; memory: string };
}

/** The inputs of a hardened single-container pod template. */
export interface HardenedPodInputs {
  /** Container name (the app name). */
  name: string;
  /** Pinned image reference. */
  image: pulumi.Input<string>;
  /** Labels used to spread replicas across zones and nodes. */
  selectorLabels: Record<string, string>;
  /** ServiceAccount the pods run as. */
  serviceAccountName: pulumi.Input<string>;
  /** Container port named `http`; none for workers. */
  port?: number;
  /** Extra port named `metrics`, when metrics are served apart from `port`. */
  metricsPort?: number;
  /** Probes; startup defaults to the liveness check with a long failure budget. */
  probes: { liveness: ProbeCheck; readiness?: ProbeCheck; startup?: ProbeCheck };
  /** Requests and limits. */
  resources: ContainerResources;
  /** Numeric UID; must exist in (or be accepted by) the image. */
  runAsUser: number;
  /** Numeric GID, also the pod's fsGroup. @default `runAsUser` */
  runAsGroup?: number;
  /** Plain environment values (secrets go through `secretEnv`, never here). */
  env?: Record<string, pulumi.Input<string>>;
  /** Environment values read from Kubernetes Secrets (`valueFrom.secretKeyRef`). */
  secretEnv?: Record<string, SecretKeyRef>;
  /** Entrypoint override. @default the image's */
  command?: string[];
  /** Arguments. @default the image's */
  args?: string[];
  /** Size limit of the writable `/tmp` emptyDir. @default "64Mi" */
  tmpSizeLimit?: string;
}

/** The container security context every platform container gets (Pod Security Standards "restricted"). */
export function hardenedContainerSecurityContext(runAsUser: number, runAsGroup: number): k8s.types.input.core.v1.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser,
    runAsGroup,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** A pod template spec with one fully hardened container, a writable `/tmp` and zone/node spread. */
export function hardenedPodSpec(inputs: HardenedPodInputs): k8s.types.input.core.v1.PodSpec {
  const group = inputs.runAsGroup ?? inputs.runAsUser;
  const ports: k8s.types.input.core.v1.ContainerPort[] = [];
  if (inputs.port !== undefined) ports.push({ name: "http", containerPort: inputs.port, protocol: "TCP" });
  if (inputs.metricsPort !== undefined && inputs.metricsPort !== inputs.port) {
    ports.push({ name: "metrics", containerPort: inputs.metricsPort, protocol: "TCP" });
  }
  const { liveness, readiness, startup } = inputs.probes;
  const container: k8s.types.input.core.v1.Container = {
    name: inputs.name,
    image: inputs.image,
    imagePullPolicy: "IfNotPresent",
    ...(inputs.command ? { command: inputs.command } : {}),
    ...(inputs.args ? { args: inputs.args } : {}),
    ports,
    env: [
      ...Object.entries(inputs.env ?? {}).map(([name, value]) => ({ name, value })),
      ...Object.entries(inputs.secretEnv ?? {}).map(([name, ref]) => ({
        name,
        valueFrom: { secretKeyRef: { name: ref.secretName, key: ref.key } },
      })),
    ],
    resources: {
      requests: { ...inputs.resources.requests },
      limits: { ...inputs.resources.limits },
    },
    securityContext: hardenedContainerSecurityContext(inputs.runAsUser, group),
    livenessProbe: renderProbe("liveness", liveness),
    ...(readiness ? { readinessProbe: renderProbe("readiness", readiness) } : {}),
    startupProbe: renderProbe("startup", startup ?? liveness),
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
  };
  const spread = (topologyKey: string): k8s.types.input.core.v1.TopologySpreadConstraint => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: inputs.selectorLabels },
  });
  return {
    serviceAccountName: inputs.serviceAccountName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: inputs.runAsUser,
      runAsGroup: group,
      fsGroup: group,
      seccompProfile: { type: "RuntimeDefault" },
    },
    containers: [container],
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: inputs.tmpSizeLimit ?? "64Mi" } }],
    topologySpreadConstraints: [spread("topology.kubernetes.io/zone"), spread("kubernetes.io/hostname")],
    terminationGracePeriodSeconds: 30,
  };
}
