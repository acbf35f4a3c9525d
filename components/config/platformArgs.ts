import { AppTierApp } from "../app/appTier";
import { PlatformArgs } from "../platform";
import { AppConfig, StackConfig } from "./schema";

/** Maps one validated app entry to the {@link AppTierApp} the components take. */
export function appFromConfig(app: AppConfig): AppTierApp {
  return {
    name: app.name,
    image: app.image,
    component: app.component,
    port: app.port,
    ingress: app.ingress,
    metrics: app.metrics,
    probes: app.probes,
    replicas: app.autoscaling ? undefined : (app.replicas ?? 1),
    autoscaling: app.autoscaling,
    disruptionBudget: app.disruptionBudget,
    resources: app.resources,
    runAsUser: app.runAsUser,
    runAsGroup: app.runAsGroup,
    env: app.env,
    command: app.command,
    args: app.args,
    dependsOn: app.dependsOn,
  };
}

/** Maps validated stack config to {@link PlatformArgs}. */
export function platformArgsFromConfig(config: StackConfig): PlatformArgs {
  return {
    partOf: config.namespace,
    domain: config.domain,
    baseline: {
      namespace: config.namespace,
      quota: config.quota,
      limitRange: config.limitRange,
      deployers: config.rbac.deployers,
      auditors: config.rbac.auditors,
    },
    ingress: config.ingress,
    apps: config.apps.map(appFromConfig),
  };
}
