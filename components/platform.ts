import * as pulumi from "@pulumi/pulumi";
import type { AlertTopicOption } from "./aws/alertTopic";
import { AppTier, AppTierApp, AppTierArgs, SharedIngress } from "./app/appTier";
import { DataTier, DataTierArgs } from "./data/dataTier";
import { CloudWatchThresholds, DataAlarms } from "./monitoring/dataAlarms";
import { TeamMonitoring, TeamMonitoringArgs } from "./monitoring/teamMonitoring";
import { childName } from "./naming";
import { namespaceNameOf, SecurityBaseline, SecurityBaselineArgs } from "./security/securityBaseline";

/** Arguments of {@link Platform}. */
export interface PlatformArgs {
  /** Platform name (`app.kubernetes.io/part-of`). @default the namespace */
  partOf?: string;
  /** Public DNS domain; apps' hosts default to `<app>.<domain>`. */
  domain: string;
  /** The namespace and its guardrails. */
  baseline: SecurityBaselineArgs;
  /** Ingress settings shared by public apps. */
  ingress: SharedIngress;
  /** The apps. */
  apps: readonly AppTierApp[];
  /** The External Secrets store of apps' `externalSecretEnv`. @default the ClusterSecretStore "aws-secrets-manager" */
  secretStore?: AppTierArgs["secretStore"];
  /** The data tier; apps reach its services by listing `postgres` / `redis` in `dependsOn`. @default none */
  data?: Omit<DataTierArgs, "namespace" | "namespaceName" | "partOf" | "clients">;
  /** The team's monitoring on the cluster's shared stack; apps with `metrics` and in-cluster data exporters are scraped. @default none */
  monitoring?: Omit<
    TeamMonitoringArgs,
    "namespace" | "namespaceName" | "partOf" | "scrapeTargets" | "postgres" | "backupCronJob" | "restoreDrillCronJob"
  > & {
    /** CloudWatch alarm thresholds for managed data services. @default the defaults of DataAlarms */
    cloudwatch?: Partial<CloudWatchThresholds>;
    /** The SNS topic of those alarms (its own, with `subscriptions`, or an `existing` one). @default its own, unsubscribed */
    alarmTopic?: AlertTopicOption;
  };
}

/**
 * A product team's platform: the {@link SecurityBaseline} namespace and the {@link AppTier} inside
 * it. The data tier and monitoring stack join here as further children; each takes the baseline's
 * namespace output, so Kubernetes objects are always created after their namespace. An app waits
 * for the quota and limit range and for the endpoints of the data services it lists, nothing else.
 */
export class Platform extends pulumi.ComponentResource {
  /** Namespace, quota, limits, default-deny, RBAC. */
  public readonly baseline: SecurityBaseline;
  /** The apps. */
  public readonly apps: AppTier;
  /** The data tier, when configured. */
  public readonly data?: DataTier;
  /** The team's monitoring, when configured. */
  public readonly monitoring?: TeamMonitoring;
  /** CloudWatch alarms, when a data service is managed and monitoring is configured. */
  public readonly dataAlarms?: DataAlarms;
  /** Name of the namespace. */
  public readonly namespaceName: pulumi.Output<string>;
  /** Public URLs by app name. */
  public readonly urls: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:index:Platform", name, {}, opts);
    const namespace = namespaceNameOf(args.baseline.namespace);
    const partOf = args.partOf ?? namespace;
    this.baseline = new SecurityBaseline(childName(name, "baseline"), { partOf, ...args.baseline }, { parent: this });
    this.namespaceName = this.baseline.namespaceName;
    const guardrails = [this.baseline.resourceQuota, this.baseline.limitRange];
    const tierName = childName(name, "appTier");
    if (args.data) {
      const clientsOf = (service: string) => AppTier.callersOf(tierName, partOf, args.apps, service);
      this.data = new DataTier(
        childName(name, "dataTier"),
        {
          ...args.data,
          namespace: this.namespaceName,
          namespaceName: namespace,
          partOf,
          clients: { postgres: clientsOf("postgres"), redis: clientsOf("redis") },
        },
        { parent: this, dependsOn: guardrails },
      );
    }
    this.apps = new AppTier(
      tierName,
      {
        namespace: this.namespaceName,
        partOf,
        domain: args.domain,
        ingress: args.ingress,
        apps: args.apps,
        dataServices: this.data?.endpoints,
        secretStore: args.secretStore,
      },
      { parent: this, dependsOn: guardrails },
    );
    this.urls = this.apps.urls;
    if (args.monitoring) {
      const { cloudwatch, alarmTopic, ...monitoring } = args.monitoring;
      this.monitoring = new TeamMonitoring(
        childName(name, "monitoring"),
        {
          ...monitoring,
          partOf,
          namespace: this.namespaceName,
          namespaceName: namespace,
          scrapeTargets: [...this.apps.scrapeTargets, ...(this.data?.metricsTargets ?? [])],
          postgres: !!this.data?.postgres,
          backupCronJob: this.data?.backup?.objectName,
          restoreDrillCronJob: this.data?.backup?.restoreDrillName,
        },
        { parent: this },
      );
      const db = this.data?.postgres;
      const redis = this.data?.redis;
      const cache = redis?.replicationGroup;
      if (db?.instance || cache) {
        this.dataAlarms = new DataAlarms(
          childName(name, "dataAlarms"),
          {
            partOf,
            rds: db?.instance ? { primary: db.instance.identifier, replica: db.replica?.identifier } : undefined,
            cache: cache
              ? {
                  replicationGroupId: cache.id,
                  nodes: redis.nodes,
                }
              : undefined,
            thresholds: cloudwatch,
            topic: alarmTopic,
          },
          { parent: this },
        );
      }
    }
    this.registerOutputs({ namespaceName: this.namespaceName, urls: this.urls });
  }
}
