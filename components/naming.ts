/**
 * Child resource naming. Every component names its children through this module so that
 * logical names — and with them URNs — never change by accident: renaming a child replaces
 * the live object. `test/naming.test.ts` freezes the table below.
 */

/** The role suffix of every child resource a platform component creates. */
export const CHILD_ROLES = {
  namespace: "ns",
  resourceQuota: "quota",
  limitRange: "limits",
  defaultDenyPolicy: "default-deny",
  dnsEgressPolicy: "allow-dns",
  deployerRole: "deployer",
  deployerBinding: "deployer-binding",
  auditorRole: "auditor",
  auditorBinding: "auditor-binding",
  serviceAccount: "sa",
  deployment: "deploy",
  service: "svc",
  autoscaler: "hpa",
  disruptionBudget: "pdb",
  ingress: "ing",
  networkPolicy: "netpol",
  securityHeaders: "security-headers",
  secrets: "secrets",
  externalSecret: "external-secret",
  migrationJob: "migrate",
  migrationPolicy: "migrate-netpol",
  verticalAutoscaler: "vpa",
  baseline: "baseline",
  appTier: "apps",
  kubernetesProvider: "k8s",
  dataTier: "data",
  postgres: "postgres",
  redis: "redis",
  backup: "backup",
  kmsKey: "kms",
  kmsAlias: "kms-alias",
  password: "password",
  credentials: "credentials",
  serverSecret: "server-secret",
  certificate: "cert",
  pooler: "pooler",
  monitoringRole: "monitoring-role",
  statefulSet: "sts",
  headlessService: "headless",
  subnetGroup: "subnets",
  securityGroup: "sg",
  parameterGroup: "params",
  dbInstance: "db",
  readReplica: "replica",
  managedSecret: "secret",
  managedSecretVersion: "secret-version",
  replicationGroup: "cache",
  bucket: "bucket",
  bucketVersioning: "versioning",
  bucketEncryption: "encryption",
  publicAccessBlock: "public-access-block",
  bucketLifecycle: "lifecycle",
  bucketPolicy: "bucket-policy",
  role: "role",
  rolePolicy: "role-policy",
  cronJob: "cronjob",
  settings: "settings",
  monitoring: "monitoring",
  chart: "chart",
  grafanaAdmin: "grafana-admin",
  receivers: "receivers",
  alertRules: "alert-rules",
  serviceMonitor: "servicemonitor",
  scrapePolicy: "scrape",
  dashboard: "dashboard",
  dataAlarms: "alarms",
  alarmTopic: "alarm-topic",
  alarmKey: "alarm-kms",
} as const;

/** A role a child resource plays inside its component. */
export type ChildRole = keyof typeof CHILD_ROLES;

/** The Pulumi logical name of a component's child: `${parent}-${suffix}`. */
export function childName(parent: string, role: ChildRole): string {
  return `${parent}-${CHILD_ROLES[role]}`;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether `value` is an RFC 1123 DNS label (the rule for namespace, Service and app names). */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL.test(value);
}
