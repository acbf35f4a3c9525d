import * as pulumi from "@pulumi/pulumi";
import type { DataEndpoint } from "../data/endpoint";
import { NetworkPeer } from "../kube/network";
import type { ScrapeTarget } from "../monitoring/teamMonitoring";
import {
  WebService,
  WebServiceArgs,
  WebServiceCommonArgs,
  webServiceIdentity,
  WebServiceIdentity,
  WebServiceIngress,
  WebServiceScaling,
} from "./webService";

/** Ingress settings every public app of a tier shares. */
export type SharedIngress = Pick<
  WebServiceIngress,
  "className" | "clusterIssuer" | "controllerNamespace" | "controllerPodLabels" | "hstsMaxAgeSeconds" | "acmeSolver"
>;

/** What one app of an {@link AppTier} says besides how it scales. */
export interface AppTierAppOptions extends Omit<
  WebServiceCommonArgs,
  "namespace" | "partOf" | "ingress" | "allowFrom" | "allowTo" | "secretStore"
> {
  /** App name, unique in the tier: the default host's first label and the name other apps list in `dependsOn`. */
  readonly name: string;
  /** Name of the app's Kubernetes objects. @default `<tier name>-<app name>`, unique per tier */
  readonly objectName?: string;
  /** Public exposure with per-app tuning; the host defaults to `<name>.<domain>`. @default none */
  readonly ingress?: Partial<Omit<WebServiceIngress, keyof SharedIngress>>;
  /** Names of apps and data services this one calls; NetworkPolicies admit exactly these paths. @default [] */
  readonly dependsOn?: readonly string[];
}

/** One app of an {@link AppTier}: a {@link WebService} plus the apps and data services it calls. */
export type AppTierApp = AppTierAppOptions & WebServiceScaling;

/** Arguments of {@link AppTier}. */
export interface AppTierArgs {
  /** Namespace the apps run in. */
  readonly namespace: pulumi.Input<string>;
  /** Platform name (`app.kubernetes.io/part-of`). */
  readonly partOf: string;
  /** Public DNS domain of the stack. */
  readonly domain: string;
  /** Ingress settings shared by every public app. */
  readonly ingress: SharedIngress;
  /** The apps. */
  readonly apps: readonly AppTierApp[];
  /** Data services apps may list in `dependsOn`, by name (e.g. `postgres`); an app waits only for those it lists. @default {} */
  readonly dataServices?: Readonly<Record<string, DataEndpoint>>;
  /** The store External Secrets reads `externalSecretEnv` from. @default WebService's default store */
  readonly secretStore?: WebServiceArgs["secretStore"];
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
  /** What the shared Prometheus scrapes: each app's with metrics and a port, in the order of the apps. */
  public readonly scrapeTargets: ScrapeTarget[] = [];

  /** The Kubernetes name an app of the tier `tierName` gets (its own `objectName`, else `<tier>-<app>`). */
  static objectNameOf(tierName: string, app: Pick<AppTierApp, "name" | "objectName">): string {
    return app.objectName ?? `${tierName}-${app.name}`;
  }

  /** The names and pod labels the WebService of `app` in the tier `tierName` gets; known before the tier exists. */
  static identityOf(
    tierName: string,
    partOf: string,
    app: Pick<AppTierApp, "name" | "objectName" | "migrations">,
  ): WebServiceIdentity {
    return webServiceIdentity(`${tierName}-${app.name}`, {
      objectName: AppTier.objectNameOf(tierName, app),
      partOf,
      migrations: app.migrations,
    });
  }

  /** The pods of every app that lists `target` in `dependsOn`, with its migration Job's: what `target` must admit. */
  static callersOf(tierName: string, partOf: string, apps: readonly AppTierApp[], target: string): NetworkPeer[] {
    return apps
      .filter((app) => app.dependsOn?.includes(target))
      .flatMap((app) => {
        const id = AppTier.identityOf(tierName, partOf, app);
        return [
          { podLabels: id.selectorLabels },
          ...(id.migration ? [{ podLabels: id.migration.selectorLabels }] : []),
        ];
      });
  }

  constructor(name: string, args: AppTierArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:AppTier", name, {}, opts);
    const byName = new Map(args.apps.map((app) => [app.name, app]));
    const podLabels = (app: AppTierApp) => AppTier.identityOf(name, args.partOf, app).selectorLabels;
    const data: Readonly<Record<string, DataEndpoint>> = args.dataServices ?? {};
    const callersOf = new Map<string, AppTierApp[]>();
    for (const app of args.apps) {
      for (const dep of app.dependsOn ?? []) callersOf.set(dep, [...(callersOf.get(dep) ?? []), app]);
    }

    for (const app of args.apps) {
      const { name: appName, dependsOn = [], ingress, ...rest } = app;
      for (const dep of dependsOn) {
        if (!byName.has(dep) && !data[dep])
          throw new pulumi.ResourceError(`app "${appName}" depends on unknown app or data service "${dep}"`, this);
      }
      const appDeps = dependsOn.flatMap((dep) => byName.get(dep) ?? []);
      const dataNames = dependsOn.filter((dep) => !byName.has(dep));
      const dataDeps = dataNames.map((dep) => data[dep]);
      const service = new WebService(
        `${name}-${appName}`,
        {
          ...rest,
          objectName: AppTier.objectNameOf(name, app),
          namespace: args.namespace,
          partOf: args.partOf,
          ingress: ingress
            ? { ...args.ingress, ...ingress, host: ingress.host ?? `${appName}.${args.domain}` }
            : undefined,
          allowFrom: (callersOf.get(appName) ?? []).map((caller) => ({ podLabels: podLabels(caller) })),
          secretRefs: Object.assign({}, rest.secretRefs, ...dataDeps.map((d) => d.secretEnv)),
          allowTo: [
            ...appDeps.map((dep) => ({
              podLabels: podLabels(dep),
              port: dep.port,
              name: dep.name,
              service: AppTier.objectNameOf(name, dep),
            })),
            ...dataDeps.map((d, i) => ({ ...d.peer, name: dataNames[i] })),
          ],
          secretStore: args.secretStore,
          podsAfter: [...(rest.podsAfter ?? []), ...dataDeps.flatMap((d) => d.readyAfter)],
        },
        { parent: this, dependsOn: opts?.dependsOn },
      );
      this.services[appName] = service;
      if (service.url) this.urls[appName] = service.url;
      if (service.scrapeTarget) this.scrapeTargets.push(service.scrapeTarget);
    }
    this.registerOutputs({ urls: this.urls });
  }
}
