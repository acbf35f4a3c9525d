import * as pulumi from "@pulumi/pulumi";
import { AppTier, AppTierApp } from "./app/appTier";
import { WebServiceIngress } from "./app/webService";
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
  /** Name of the namespace. */
  public readonly namespaceName: pulumi.Output<string>;
  /** Public URLs by app name. */
  public readonly urls: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:index:Platform", name, {}, opts);
    const partOf = args.partOf ?? args.baseline.namespace;
    this.baseline = new SecurityBaseline(childName(name, "baseline"), { partOf, ...args.baseline }, { parent: this });
    this.namespaceName = this.baseline.namespaceName;
    this.apps = new AppTier(childName(name, "appTier"), {
      namespace: this.namespaceName,
      partOf,
      domain: args.domain,
      ingress: args.ingress,
      apps: args.apps,
    }, { parent: this, dependsOn: [this.baseline.resourceQuota, this.baseline.limitRange] });
    this.urls = this.apps.urls;
    this.registerOutputs({ namespaceName: this.namespaceName, urls: this.urls });
  }
}
