import * as pulumi from "@pulumi/pulumi";
import { AppTier, AppTierApp } from "./app/appTier";
import { WebServiceIngress } from "./app/webService";
import { DataTier, DataTierArgs } from "./data/dataTier";
import { selectorLabels } from "./labels";
import { childName } from "./naming";
import { SecurityBaseline, SecurityBaselineArgs } from "./security/securityBaseline";

/** Arguments of {@link Platform}. */
export interface PlatformArgs {
  /** Platform name (`app.kubernetes.io/part-of`). @default the namespace */
  partOf?: string;
  /** Public DNS domain; apps' hosts default to `<app>.<domain>`. */
  domain: string;
  /** The namespace and its guardrails. */
  baseline: SecurityBaselineArgs;
  /** Ingress settings shared by public apps. */
  ingress: Omit<WebServiceIngress, "host" | "path">;
  /** The apps. */
  apps: AppTierApp[];
  /** The data tier; apps reach its services by listing `postgres` / `redis` in `dependsOn`. @default none */
  data?: Omit<DataTierArgs, "namespace" | "namespaceName" | "partOf" | "clients">;
}

/**
 * A product team's platform: the {@link SecurityBaseline} namespace and the {@link AppTier} inside
 * it. The data tier and monitoring stack join here as further children; each takes the baseline's
 * namespace output, so Kubernetes objects are always created after their namespace.
 */
export class Platform extends pulumi.ComponentResource {
  /** Namespace, quota, limits, default-deny, RBAC. */
  public readonly baseline: SecurityBaseline;
  /** The apps. */
  public readonly apps: AppTier;
  /** The data tier, when configured. */
  public readonly data?: DataTier;
  /** Name of the namespace. */
  public readonly namespaceName: pulumi.Output<string>;
  /** Public URLs by app name. */
  public readonly urls: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:index:Platform", name, {}, opts);
    const partOf = args.partOf ?? args.baseline.namespace;
    this.baseline = new SecurityBaseline(childName(name, "baseline"), { partOf, ...args.baseline }, { parent: this });
    this.namespaceName = this.baseline.namespaceName;
    const guardrails = [this.baseline.resourceQuota, this.baseline.limitRange];
    if (args.data) {
      const clientsOf = (service: string) => args.apps
        .filter((app) => app.dependsOn?.includes(service))
        .map((app) => ({ podLabels: selectorLabels({ name: app.name, partOf }) }));
      this.data = new DataTier(childName(name, "dataTier"), {
        ...args.data,
        namespace: this.namespaceName,
        namespaceName: args.baseline.namespace,
        partOf,
        clients: { postgres: clientsOf("postgres"), redis: clientsOf("redis") },
      }, { parent: this, dependsOn: guardrails });
    }
    this.apps = new AppTier(childName(name, "appTier"), {
      namespace: this.namespaceName,
      partOf,
      domain: args.domain,
      ingress: args.ingress,
      apps: args.apps,
      dataServices: this.data?.endpoints,
    }, { parent: this, dependsOn: this.data ? [...guardrails, this.data] : guardrails });
    this.urls = this.apps.urls;
    this.registerOutputs({ namespaceName: this.namespaceName, urls: this.urls });
  }
}
