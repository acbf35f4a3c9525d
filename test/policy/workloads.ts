import { TestResource } from "./harness";

/** A pod spec that passes every policy of the pack. */
export function compliantPodSpec(): any {
  return {
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: "RuntimeDefault" },
    },
    containers: [
      {
        name: "app",
        image: "registry.example/team/app:1.2.3",
        ports: [{ name: "http", containerPort: 8080 }],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        },
        livenessProbe: { httpGet: { path: "/health", port: "http" } },
        readinessProbe: { httpGet: { path: "/ready", port: "http" } },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
      },
    ],
    volumes: [{ name: "tmp", emptyDir: {} }],
  };
}

/** Every workload kind the pack reads pods from. */
export const WORKLOAD_KINDS = [
  "Pod",
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
] as const;
/** One workload kind. */
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

const TOKENS: Record<WorkloadKind, string> = {
  Pod: "kubernetes:core/v1:Pod",
  Deployment: "kubernetes:apps/v1:Deployment",
  ReplicaSet: "kubernetes:apps/v1:ReplicaSet",
  StatefulSet: "kubernetes:apps/v1:StatefulSet",
  DaemonSet: "kubernetes:apps/v1:DaemonSet",
  Job: "kubernetes:batch/v1:Job",
  CronJob: "kubernetes:batch/v1:CronJob",
};

/** The pod spec path of each kind, as messages name it. */
export const SPEC_PATH: Record<WorkloadKind, string> = {
  Pod: "spec",
  Deployment: "spec.template.spec",
  ReplicaSet: "spec.template.spec",
  StatefulSet: "spec.template.spec",
  DaemonSet: "spec.template.spec",
  Job: "spec.template.spec",
  CronJob: "spec.jobTemplate.spec.template.spec",
};

/** Wraps a pod spec (and pod metadata) into a workload of `kind`. */
export function workload(
  kind: WorkloadKind,
  podSpec: any = compliantPodSpec(),
  podMeta: any = { labels: { app: "app" } },
  name = "subject",
): TestResource {
  const template = { metadata: podMeta, spec: podSpec };
  const meta = { name, namespace: "team" };
  const selector = { matchLabels: podMeta.labels ?? {} };
  const props: Record<WorkloadKind, any> = {
    Pod: { metadata: { ...meta, ...podMeta }, spec: podSpec },
    Deployment: { metadata: meta, spec: { selector, template } },
    ReplicaSet: { metadata: meta, spec: { selector, template } },
    StatefulSet: { metadata: meta, spec: { selector, serviceName: name, template } },
    DaemonSet: { metadata: meta, spec: { selector, template } },
    Job: { metadata: meta, spec: { template: { ...template, spec: { ...podSpec, restartPolicy: "Never" } } } },
    CronJob: {
      metadata: meta,
      spec: {
        schedule: "0 2 * * *",
        jobTemplate: { spec: { template: { ...template, spec: { ...podSpec, restartPolicy: "Never" } } } },
      },
    },
  };
  return { type: TOKENS[kind], props: props[kind], name };
}

/** A Deployment whose pod spec `mutate` changed (one field per test). */
export function deploymentWith(mutate: (spec: any) => void): TestResource {
  const spec = compliantPodSpec();
  mutate(spec);
  return workload("Deployment", spec);
}
