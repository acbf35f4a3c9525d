import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { accountContext } from "../aws/accountContext";
import { KmsKeyOption, serviceKeyArn } from "../aws/kmsKey";
import { encryptedLogGroup, logsKeyUser } from "../aws/logGroup";
import { serviceAccountRole } from "../aws/serviceAccountRole";
import { recommendedLabels, selectorLabels } from "../kube/labels";
import { trafficPolicySpec } from "../kube/network";
import { ContainerResources } from "../kube/podSpec";
import { childName } from "../naming";
import { LimitRangeArgs, QuotaArgs, SecurityBaseline } from "../security/securityBaseline";
import { SHARED_MONITORING } from "./sharedMonitoring";

/** Every default of a {@link LogShipping}: the constructor applies these, its config fragment documents them. */
export const LOG_SHIPPING_DEFAULTS = {
  namespace: "logging",
  image: "cr.fluentbit.io/fluent/fluent-bit:3.2.6",
  retentionDays: 90,
  metricsPort: 2020,
  resources: {
    requests: { cpu: "50m", memory: "64Mi" },
    limits: { cpu: "500m", memory: "256Mi" },
  } as ContainerResources,
  quota: { requestsCpu: "4", requestsMemory: "4Gi", limitsCpu: "16", limitsMemory: "16Gi", pods: 200 },
  limitRange: {
    defaultRequest: { cpu: "50m", memory: "64Mi" },
    default: { cpu: "500m", memory: "256Mi" },
    max: { cpu: "1", memory: "1Gi" },
  } as LimitRangeArgs,
  /** Where on each node the container runtime writes pod logs, and where the shipper keeps its read positions. */
  hostPaths: { logs: "/var/log", state: "/var/lib/fluent-bit" },
} as const;

const D = LOG_SHIPPING_DEFAULTS;

/** Arguments of {@link LogShipping}. */
export interface LogShippingArgs {
  /** Name of the cluster services (`app.kubernetes.io/part-of`). */
  readonly partOf: string;
  /** IAM OIDC provider of the cluster: the shipper writes to CloudWatch Logs through IRSA. */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** Name of the log group every container's lines go to. */
  readonly logGroupName: string;
  /** Namespace it creates and runs in. @default "logging" */
  readonly namespace?: string;
  /** Days log events are kept. @default 90 */
  readonly retentionDays?: number;
  /** Key of the log group. @default a new key with rotation that CloudWatch Logs may use */
  readonly kmsKey?: KmsKeyOption;
  /** Fluent Bit image, pinned. @default "cr.fluentbit.io/fluent/fluent-bit:3.2.6" */
  readonly image?: pulumi.Input<string>;
  /** @default 50m/64Mi requests, 500m/256Mi limits */
  readonly resources?: ContainerResources;
  /** Quota of the namespace. @default 4/16 CPU, 4/16 GiB, 200 pods */
  readonly quota?: QuotaArgs;
  /** LimitRange of the namespace. @default 50m/64Mi requests, 500m/256Mi limits, at most 1 CPU / 1 GiB */
  readonly limitRange?: LimitRangeArgs;
}

/** The Fluent Bit pipeline: every container's log lines, with their pod's metadata, to one log group, a stream per pod. */
function fluentBitConfig(
  logGroup: string,
  region: pulumi.Input<string>,
  metricsPort: number,
  state: string,
): pulumi.Output<string> {
  return pulumi.interpolate`[SERVICE]
    Flush              5
    Log_Level          info
    Parsers_File       /fluent-bit/etc/parsers.conf
    HTTP_Server        On
    HTTP_Listen        0.0.0.0
    HTTP_Port          ${metricsPort}
    Health_Check       On
    storage.path       ${state}/buffer
    storage.sync       normal

[INPUT]
    Name               tail
    Tag                kube.*
    Path               /var/log/containers/*.log
    multiline.parser   cri, docker
    DB                 ${state}/tail.db
    Mem_Buf_Limit      50MB
    Skip_Long_Lines    On
    Refresh_Interval   10
    storage.type       filesystem

[FILTER]
    Name               kubernetes
    Match              kube.*
    Merge_Log          On
    Keep_Log           Off
    K8S-Logging.Exclude On
    Labels             On
    Annotations        Off

[OUTPUT]
    Name               cloudwatch_logs
    Match              kube.*
    region             ${region}
    log_group_name     ${logGroup}
    log_stream_template $kubernetes['namespace_name'].$kubernetes['pod_name'].$kubernetes['container_name']
    log_stream_prefix  fallback-
    auto_create_group  false
    retry_limit        5
`;
}

/**
 * Cluster log shipping: Fluent Bit on every node reads each container's log file, adds its pod's
 * namespace, name and labels, and writes to one KMS-encrypted CloudWatch Logs group with a
 * retention (a stream per pod and container; teams query their namespace with Logs Insights).
 * It is a node agent: it reads `/var/log` from the host (read-only) and keeps its read positions
 * in a host directory, so it runs as root — without capabilities, privilege escalation or a
 * writable root filesystem — in a namespace of its own; the stack accepts those findings by name.
 * It writes through IRSA (a role only its ServiceAccount assumes, allowed only that log group),
 * reads pod metadata with a read-only ClusterRole, and serves metrics to the shared Prometheus.
 */
export class LogShipping extends pulumi.ComponentResource {
  /** The DaemonSet. */
  public readonly daemonSet: k8s.apps.v1.DaemonSet;
  /** Name of the log group. */
  public readonly logGroupName: string;

  constructor(name: string, args: LogShippingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:monitoring:LogShipping", name, {}, opts);
    const child = { parent: this };
    const namespace = args.namespace ?? D.namespace;
    const baseline = new SecurityBaseline(
      childName(name, "baseline"),
      {
        namespace,
        partOf: args.partOf,
        podSecurityLevel: "privileged",
        quota: args.quota ?? D.quota,
        limitRange: args.limitRange ?? D.limitRange,
      },
      child,
    );
    const ns = baseline.namespaceName;
    const ctx = accountContext(this);
    const keyArn = serviceKeyArn(this, name, args.kmsKey, {
      description: `${name}: cluster container logs`,
      users: [logsKeyUser(ctx)],
    });
    this.logGroupName = args.logGroupName;
    const logGroup = encryptedLogGroup(this, name, {
      name: args.logGroupName,
      retentionDays: args.retentionDays ?? D.retentionDays,
      kmsKeyArn: keyArn,
    });
    const objectName = "fluent-bit";
    const role = serviceAccountRole(this, name, {
      oidcProviderArn: args.oidcProviderArn,
      namespace,
      serviceAccount: objectName,
      description: `${name}: ships container logs to ${args.logGroupName}`,
      statements: [
        {
          Sid: "WriteLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
        },
      ],
    });
    const image = args.image ?? D.image;
    const labels = recommendedLabels({ name: objectName, partOf: args.partOf, image, component: "log-shipper" });
    const podLabels = selectorLabels({ name: objectName, partOf: args.partOf });
    const metadata = { name: objectName, namespace: ns, labels };
    const account = new k8s.core.v1.ServiceAccount(
      childName(name, "serviceAccount"),
      {
        metadata: { ...metadata, annotations: { "eks.amazonaws.com/role-arn": role.arn } },
        // The kubernetes filter reads pod metadata from the API server with this account's token.
        automountServiceAccountToken: true,
      },
      child,
    );
    const reader = new k8s.rbac.v1.ClusterRole(
      childName(name, "clusterRole"),
      {
        metadata: { name: `${args.partOf}-${objectName}`, labels },
        rules: [{ apiGroups: [""], resources: ["pods", "namespaces"], verbs: ["get", "list", "watch"] }],
      },
      child,
    );
    new k8s.rbac.v1.ClusterRoleBinding(
      childName(name, "clusterRoleBinding"),
      {
        metadata: { name: `${args.partOf}-${objectName}`, labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: reader.metadata.name },
        subjects: [{ kind: "ServiceAccount", name: account.metadata.name, namespace }],
      },
      child,
    );
    const statePath = "/var/fluent-bit/state";
    const config = new k8s.core.v1.ConfigMap(
      childName(name, "settings"),
      {
        metadata: { ...metadata, name: `${objectName}-config` },
        data: { "fluent-bit.conf": fluentBitConfig(args.logGroupName, ctx.region, D.metricsPort, statePath) },
      },
      child,
    );
    const resources = args.resources ?? D.resources;
    const health = (periodSeconds: number) => ({
      httpGet: { path: "/api/v1/health", port: "metrics" },
      periodSeconds,
      timeoutSeconds: 3,
      failureThreshold: 3,
    });
    this.daemonSet = new k8s.apps.v1.DaemonSet(
      childName(name, "daemonSet"),
      {
        metadata,
        spec: {
          selector: { matchLabels: podLabels },
          updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "10%" } },
          template: {
            metadata: { labels },
            spec: {
              serviceAccountName: account.metadata.name,
              automountServiceAccountToken: true,
              priorityClassName: "system-node-critical",
              tolerations: [{ operator: "Exists" }],
              terminationGracePeriodSeconds: 30,
              securityContext: {
                runAsUser: 0,
                runAsGroup: 0,
                runAsNonRoot: false,
                seccompProfile: { type: "RuntimeDefault" },
              },
              containers: [
                {
                  name: objectName,
                  image,
                  args: ["--config=/fluent-bit/etc/conf/fluent-bit.conf"],
                  ports: [{ name: "metrics", containerPort: D.metricsPort }],
                  env: [{ name: "AWS_REGION", value: ctx.region }],
                  resources: { requests: { ...resources.requests }, limits: { ...resources.limits } },
                  securityContext: {
                    runAsUser: 0,
                    runAsNonRoot: false,
                    readOnlyRootFilesystem: true,
                    allowPrivilegeEscalation: false,
                    privileged: false,
                    capabilities: { drop: ["ALL"] },
                    seccompProfile: { type: "RuntimeDefault" },
                  },
                  readinessProbe: health(10),
                  livenessProbe: health(30),
                  volumeMounts: [
                    { name: "config", mountPath: "/fluent-bit/etc/conf", readOnly: true },
                    { name: "logs", mountPath: "/var/log", readOnly: true },
                    { name: "state", mountPath: statePath },
                  ],
                },
              ],
              volumes: [
                { name: "config", configMap: { name: config.metadata.name } },
                { name: "logs", hostPath: { path: D.hostPaths.logs, type: "Directory" } },
                { name: "state", hostPath: { path: D.hostPaths.state, type: "DirectoryOrCreate" } },
              ],
            },
          },
        },
      },
      { parent: this, dependsOn: [baseline.resourceQuota, baseline.limitRange] },
    );
    new k8s.networking.v1.NetworkPolicy(
      childName(name, "networkPolicy"),
      {
        metadata,
        spec: trafficPolicySpec(podLabels, {
          ingress: [
            {
              from: [{ namespace: SHARED_MONITORING.namespace, podLabels: SHARED_MONITORING.prometheusPodLabels }],
              port: D.metricsPort,
            },
          ],
          egress: [{ cidr: "0.0.0.0/0", port: 443 }],
        }),
      },
      child,
    );
    new k8s.apiextensions.CustomResource(
      childName(name, "podMonitor"),
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PodMonitor",
        metadata: { name: objectName, namespace: ns, labels: { ...labels, ...SHARED_MONITORING.selector } },
        spec: {
          selector: { matchLabels: podLabels },
          podMetricsEndpoints: [{ port: "metrics", path: "/api/v2/metrics/prometheus", interval: "30s" }],
        },
      },
      child,
    );
    this.registerOutputs({ logGroupName: this.logGroupName });
  }
}
