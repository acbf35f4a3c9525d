import { z } from "zod";
import { appSchema } from "../app/appTierSchema";
import { checkWebServiceOptions, ingressSettingsSchema } from "../app/webServiceSchema";
import { clusterSchema } from "../clusterSchema";
import { dataSchema } from "../data/dataTierSchema";
import { DATA_SERVICE_NAMES } from "../data/endpoint";
import { awsSchema } from "../data/networkSchema";
import { monitoringSchema } from "../monitoring/teamMonitoringSchema";
import { limitRangeSchema, quotaSchema, rbacSchema } from "../security/securityBaselineSchema";
import { parseImage } from "./image";
import { dnsLabel, hostname, notLess } from "./primitives";

/**
 * The one schema for everything the config-driven program reads from stack config (`<project>:*`
 * keys; `platform:*` in this repository's own program). It only composes: each component's
 * fragment sits next to the component and documents the defaults the component applies. Every
 * key is declared in the root `Pulumi.yaml`; `test/configReference.test.ts` keeps the two and
 * `docs/reference/config.md` in step.
 */
export const stackConfigSchema = z
  .strictObject({
    environment: z.enum(["staging", "prod"]).describe('Deployment environment; prod refuses ":latest" images.'),
    namespace: dnsLabel.describe("Namespace the platform creates and deploys into; also app.kubernetes.io/part-of."),
    domain: hostname.describe("Public DNS domain; app hosts default to <app>.<domain>."),
    cluster: clusterSchema,
    ingress: ingressSettingsSchema.describe("Ingress settings shared by public apps."),
    quota: quotaSchema,
    limitRange: limitRangeSchema,
    rbac: rbacSchema,
    apps: z.array(appSchema).min(1).describe("The applications."),
    data: dataSchema.optional().describe("Data tier: PostgreSQL, Redis and their backups."),
    aws: awsSchema
      .optional()
      .describe("AWS account details: IRSA for backups and the network of managed data services."),
    secretStore: z
      .strictObject({
        kind: z.enum(["ClusterSecretStore", "SecretStore"]).describe("Kind of the External Secrets store."),
        name: z.string().min(1).describe("Its name."),
      })
      .optional()
      .describe(
        'The External Secrets store apps\' {fromSecretsManager} values are read from; the ClusterSecretStore "aws-secrets-manager" when unset.',
      ),
    monitoring: monitoringSchema.describe(
      "The team's monitoring on the cluster's shared stack: scrapes, alert rules (the platform's and its own), dashboards, alert routes to its receivers, CloudWatch alarms.",
    ),
  })
  .superRefine(checkCrossFieldRules);

/** Validated stack config. */
export type StackConfig = z.output<typeof stackConfigSchema>;
/** One validated app entry. */
export type AppConfig = z.output<typeof appSchema>;

function checkCrossFieldRules(config: StackConfig, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", message, path });
  const names = new Map<string, number>();
  const domainValid = hostname.safeParse(config.domain).success;
  config.apps.forEach((app, i) => {
    const at = (...rest: (string | number)[]) => ["apps", i, ...rest];
    if (names.has(app.name))
      issue(at("name"), `expected a unique app name, but "${app.name}" is also apps[${names.get(app.name)}]`);
    else names.set(app.name, i);
    checkWebServiceOptions(app, at(), issue);
    const image = parseImage(app.image);
    if (config.environment === "prod" && image?.tag === "latest" && !image.digest)
      issue(at("image"), 'expected a version tag in prod, got ":latest"');
    if (
      domainValid &&
      app.ingress?.host &&
      app.ingress.host !== config.domain &&
      !app.ingress.host.endsWith(`.${config.domain}`)
    ) {
      issue(at("ingress", "host"), `expected a host under the stack domain "${config.domain}"`);
    }
    const max = config.limitRange.max;
    const { limits } = app.resources;
    if (!notLess(max.memory, limits.memory))
      issue(
        at("resources", "limits", "memory"),
        `expected at most limitRange.max.memory (${max.memory}), or admission rejects the pod`,
      );
    if (limits.cpu !== undefined && !notLess(max.cpu, limits.cpu))
      issue(
        at("resources", "limits", "cpu"),
        `expected at most limitRange.max.cpu (${max.cpu}), or admission rejects the pod`,
      );
  });
  const postgres = config.data?.postgres;
  const dataServices = [
    ...(postgres ? [DATA_SERVICE_NAMES.postgres] : []),
    ...(postgres?.mode === "managed" && postgres.readReplica ? [DATA_SERVICE_NAMES.postgresRead] : []),
    ...(config.data?.redis ? [DATA_SERVICE_NAMES.redis] : []),
  ];
  const targets = [...names.keys(), ...dataServices];
  config.apps.forEach((app, i) =>
    (app.dependsOn ?? []).forEach((dep, j) => {
      if (dep === app.name) issue(["apps", i, "dependsOn", j], "expected another app's name, not the app itself");
      else if (!targets.includes(dep))
        issue(
          ["apps", i, "dependsOn", j],
          `expected the name of an app or data service in this stack (${targets.join(", ")}), got "${dep}"`,
        );
    }),
  );
  checkAwsRules(config, issue);
}

function checkAwsRules(config: StackConfig, issue: (path: (string | number)[], message: string) => void): void {
  const data = config.data ?? {};
  if (data.backups && !config.aws?.oidcProviderArn)
    issue(
      config.aws ? ["aws", "oidcProviderArn"] : ["aws"],
      "required key is missing (expected aws.oidcProviderArn, because data.backups needs an IRSA role)",
    );
  const managed = (["postgres", "redis"] as const).filter((s) => data[s]?.mode === "managed");
  if (!managed.length) return;
  const because = `data.${managed[0]}.mode is managed`;
  const network = config.aws?.network;
  if (!network) {
    issue(
      ["aws", "network"],
      `required key is missing (expected the network of managed data services, because ${because})`,
    );
    return;
  }
  if (network.stackReference) return;
  for (const key of ["vpcId", "privateSubnetIds", "clusterSecurityGroupId", "vpcCidr"] as const) {
    if (network[key] === undefined)
      issue(
        ["aws", "network", key],
        `required key is missing (expected it, or network.stackReference, because ${because})`,
      );
  }
}
