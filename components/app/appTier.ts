import * as pulumi from "@pulumi/pulumi";
import type { DataEndpoint } from "../data/endpoint";
import { selectorLabels } from "../labels";
import { WebService, WebServiceArgs, WebServiceIngress, WebServiceOverrides } from "./webService";

/** One app of an {@link AppTier}: a {@link WebService} plus the apps it calls. */
export interface AppTierApp extends Omit<WebServiceArgs, "namespace" | "partOf" | "appName" | "ingress" | "allowFrom" | "allowTo" | "overrides"> {
  /** App name, unique in the tier. */
  name: string;
  /** Public exposure; the host defaults to `<name>.<domain>`. @default none */
  ingress?: { host?: string; path?: string };
  /** Names of apps this one calls; NetworkPolicies admit exactly these paths. @default [] */
  dependsOn?: string[];
  /** Overrides for this app's children. @default {} */
  overrides?: WebServiceOverrides;
}

/** Arguments of {@link AppTier}. */
export interface AppTierArgs {
  /** Namespace the apps run in. */
  namespace: pulumi.Input<string>;
  /** Platform name (`app.kubernetes.io/part-of`). */
  partOf: string;
  /** Public DNS domain of the stack. */
  domain: string;
  /** Ingress settings shared by every public app. */
  ingress: Omit<WebServiceIngress, "host" | "path">;
  /** The apps. */
  apps: AppTierApp[];
  /** Data services apps may list in `dependsOn`, by name (e.g. `postgres`). @default {} */
  dataServices?: Record<string, DataEndpoint>;
}

/**
 * Every app of a platform, wired together: each app's NetworkPolicy admits the apps that declare
 * it in `dependsOn` and lets it reach the apps it declares itself.
 */
export class AppTier extends pulumi.ComponentResource {
  /** The services, by app name. */
  public readonly services: Record<string, WebService> = {};
  /** Public URLs, by app name. */
  public readonly urls: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: AppTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:AppTier", name, {}, opts);
    const byName = new Map(args.apps.map((app) => [app.name, app]));
    const podLabels = (app: string) => selectorLabels({ name: app, partOf: args.partOf });
    const data = args.dataServices ?? {};
    const callersOf = new Map<string, string[]>();
    for (const app of args.apps) {
      for (const dep of app.dependsOn ?? []) callersOf.set(dep, [...(callersOf.get(dep) ?? []), app.name]);
    }

    for (const app of args.apps) {
      const { name: appName, dependsOn = [], ingress, overrides, ...rest } = app;
      for (const dep of dependsOn) {
        if (!byName.has(dep) && !data[dep]) throw new pulumi.ResourceError(`app "${appName}" depends on unknown app or data service "${dep}"`, this);
      }
      const appDeps = dependsOn.filter((dep) => byName.has(dep));
      const dataDeps = dependsOn.filter((dep) => !byName.has(dep)).map((dep) => data[dep]);
      const service = new WebService(`${name}-${appName}`, {
        ...rest,
        appName,
        namespace: args.namespace,
        partOf: args.partOf,
        ingress: ingress ? { ...args.ingress, host: ingress.host ?? `${appName}.${args.domain}`, path: ingress.path } : undefined,
        allowFrom: (callersOf.get(appName) ?? []).map((caller) => ({ podLabels: podLabels(caller) })),
        secretEnv: Object.assign({}, rest.secretEnv, ...dataDeps.map((d) => d.secretEnv)),
        allowTo: [...appDeps.map((dep) => ({ podLabels: podLabels(dep), port: byName.get(dep)!.port })), ...dataDeps.map((d) => d.peer)],
        overrides,
      }, { parent: this, dependsOn: opts?.dependsOn });
      this.services[appName] = service;
      if (service.url) this.urls[appName] = service.url;
    }
    this.registerOutputs({ urls: this.urls });
  }
}
