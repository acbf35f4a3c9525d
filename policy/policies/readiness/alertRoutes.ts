import { readinessPolicy, ReadinessReport } from "../../lib/readiness/readinessPolicy";
import { KubeObject } from "../../lib/readiness/stackModel";

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** A sub-route as v1alpha1 may hold it (raw JSON) or as v1beta1 types it. */
const routeOf = (v: unknown): any => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
};

/** The notifier lists of a receiver (`slackConfigs`, `pagerdutyConfigs`, `snsConfigs`, … with at least one entry). */
const notifiers = (receiver: any): string[] =>
  Object.keys(receiver ?? {}).filter((k) => k.endsWith("Configs") && list(receiver[k]).length > 0);

function judgeRoute(
  c: KubeObject,
  route: any,
  path: string,
  inherited: string | undefined,
  receivers: Map<string, any>,
  report: ReadinessReport,
): void {
  if (!route || typeof route !== "object") return;
  const name: string | undefined = route.receiver || inherited;
  const where = `AlertmanagerConfig "${c.namespace}/${c.name}" ${path}`;
  if (!name) report(c, `${where} names no receiver: the alerts it takes reach no one.`);
  else if (!receivers.has(name))
    report(
      c,
      `${where} ends at receiver "${name}", which the AlertmanagerConfig does not define: the operator rejects it.`,
    );
  else if (!notifiers(receivers.get(name)).length)
    report(
      c,
      `${where} ends at receiver "${name}", which has no notifier (no *Configs entry): the alerts it takes reach no one.`,
    );
  list(route.routes).forEach((sub, i) => judgeRoute(c, routeOf(sub), `${path}.routes[${i}]`, name, receivers, report));
}

/** Every route of an AlertmanagerConfig ends at a receiver that exists and notifies someone. */
export const alertRoutes = readinessPolicy(
  {
    name: "readiness-alert-routes",
    description:
      "Every route and sub-route of an AlertmanagerConfig (v1alpha1 and v1beta1) ends, by its own receiver or the one it inherits, at a receiver the object defines with at least one notifier (slackConfigs, pagerdutyConfigs, webhookConfigs, emailConfigs, snsConfigs, …): a receiver without a target is a black hole.",
    severity: "high",
    remediationSteps:
      "Point the route at a receiver with a notifier, or give the receiver one (for the platform's severity routes: a receiver in monitoring.receivers taking that severity).",
    url: "https://prometheus-operator.dev/docs/developer/alerting/",
  },
  {
    subjects: (model) => model.ofKind("AlertmanagerConfig", "monitoring.coreos.com"),
    judge: (c, _model, report) => {
      const route = c.props.spec?.route;
      if (!route) return;
      const receivers = new Map(list(c.props.spec?.receivers).map((r) => [r?.name, r]));
      judgeRoute(c, route, "spec.route", undefined, receivers, report);
    },
  },
);
