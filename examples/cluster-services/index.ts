import * as pulumi from "@pulumi/pulumi";
import {
  awsArn,
  CertificateIssuers,
  certificateIssuersSchema,
  ClusterMonitoring,
  clusterMonitoringSchema,
  clusterSchema,
  IngressControllerSettings,
  ingressControllerSettingsSchema,
  kubernetesProvider,
  LogShipping,
  logShippingSchema,
  readProjectConfig,
  receiverSecretUses,
} from "@acme/platform";
import { z } from "zod";

/*
 * The platform team's cluster services: the one monitoring stack every team stack on the cluster
 * reports to, log shipping for every container, the cert-manager ClusterIssuers and the
 * ingress-nginx settings team stacks rely on. Everything is in Pulumi.<stack>.yaml (services:* keys).
 */
const config = readProjectConfig(
  z.strictObject({
    environment: z.enum(["staging", "prod"]),
    cluster: clusterSchema,
    oidcProviderArn: awsArn,
    monitoring: clusterMonitoringSchema,
    logs: logShippingSchema,
    issuers: certificateIssuersSchema,
    ingress: ingressControllerSettingsSchema,
  }),
  {
    secretKeys: (values) =>
      receiverSecretUses((values.monitoring as { receivers?: unknown } | undefined)?.receivers, [
        "monitoring",
        "receivers",
      ]),
  },
);

const partOf = `cluster-services-${config.environment}`;
const secrets = new pulumi.Config();
const provider = kubernetesProvider(`${partOf}-k8s`, config.cluster);
const opts = { providers: { kubernetes: provider } };

const { receivers, ...monitoring } = config.monitoring;
const metrics = new ClusterMonitoring(
  "monitoring",
  {
    ...monitoring,
    partOf,
    receivers: receivers.map(({ secret, ...r }) => ({ ...r, secret: secrets.requireSecret(secret) })),
  },
  opts,
);
const logs = new LogShipping("logs", { ...config.logs, partOf, oidcProviderArn: config.oidcProviderArn }, opts);
const issuers = new CertificateIssuers(
  "issuers",
  { ...config.issuers, partOf, oidcProviderArn: config.oidcProviderArn },
  opts,
);
new IngressControllerSettings("ingress", { ...config.ingress, partOf }, opts);

/** Namespace of the shared monitoring stack (team stacks' monitoring.clusterNamespace). */
export const monitoringNamespace = metrics.namespaceName;
/** CloudWatch Logs group of every container's logs. */
export const logGroup = logs.logGroupName;
/** The ClusterIssuers team stacks name. */
export const clusterIssuers = issuers.names;
