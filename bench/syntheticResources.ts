import { CapturedResource, defaultOptions } from "../automation/core/resourceModel";

function resource(type: string, name: string, inputs: Record<string, unknown>): CapturedResource {
  return {
    urn: `urn:pulumi:bench::platform::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    dependencies: [],
    propertyDependencies: {},
    options: defaultOptions(),
    inputs,
  };
}

function deployment(i: number, compliant: boolean): CapturedResource {
  const labels = { "app.kubernetes.io/name": `app-${i}`, "app.kubernetes.io/part-of": "bench" };
  const container: any = {
    name: "app",
    image: compliant ? `registry.example/bench/app-${i}:1.0.${i}` : "registry.example/bench/app:latest",
    ports: [{ name: "http", containerPort: 8080 }],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      ...(compliant ? {} : { privileged: true }),
    },
    livenessProbe: { httpGet: { path: "/health", port: "http" } },
    readinessProbe: { httpGet: { path: "/ready", port: "http" } },
    env: [{ name: "LOG_LEVEL", value: "info" }],
  };
  return resource("kubernetes:apps/v1:Deployment", `app-${i}`, {
    metadata: { name: `app-${i}`, namespace: "bench", labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
          containers: [container],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  });
}

/**
 * `count` resources shaped like a large platform stack: per app a Deployment (one in ten
 * non-compliant), a Service, a PodDisruptionBudget, a NetworkPolicy and a ConfigMap, plus one
 * namespace's quota, limit range and default-deny.
 */
export function syntheticResources(count: number): CapturedResource[] {
  const out: CapturedResource[] = [
    resource("kubernetes:core/v1:ResourceQuota", "quota", {
      metadata: { name: "quota", namespace: "bench" },
      spec: { hard: { pods: "1000" } },
    }),
    resource("kubernetes:core/v1:LimitRange", "limits", {
      metadata: { name: "limits", namespace: "bench" },
      spec: { limits: [] },
    }),
    resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "default-deny", {
      metadata: { name: "default-deny", namespace: "bench" },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    }),
  ];
  for (let i = 0; out.length < count; i++) {
    const labels = { "app.kubernetes.io/name": `app-${i}`, "app.kubernetes.io/part-of": "bench" };
    out.push(deployment(i, i % 10 !== 0));
    out.push(
      resource("kubernetes:core/v1:Service", `svc-${i}`, {
        metadata: { name: `app-${i}`, namespace: "bench" },
        spec: { selector: labels, ports: [{ port: 8080 }] },
      }),
    );
    out.push(
      resource("kubernetes:policy/v1:PodDisruptionBudget", `pdb-${i}`, {
        metadata: { name: `app-${i}`, namespace: "bench" },
        spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
      }),
    );
    out.push(
      resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", `np-${i}`, {
        metadata: { name: `app-${i}`, namespace: "bench" },
        spec: { podSelector: { matchLabels: labels }, policyTypes: ["Ingress"] },
      }),
    );
    out.push(
      resource("kubernetes:core/v1:ConfigMap", `cm-${i}`, {
        metadata: { name: `app-${i}`, namespace: "bench" },
        data: { "settings.json": "{}" },
      }),
    );
  }
  return out.slice(0, count);
}
