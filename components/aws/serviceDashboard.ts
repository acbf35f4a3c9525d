import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../naming";
import { accountContext } from "./accountContext";

/** One graph of a {@link ServiceDashboard}. */
export interface DashboardGraph {
  /** Title. */
  readonly title: string;
  /** Metric names in the namespace, each with its statistic (`Sum`, `Average`, `p95`…). */
  readonly metrics: readonly { readonly name: string; readonly stat: string }[];
}

/** Arguments of {@link ServiceDashboard}. */
export interface ServiceDashboardArgs {
  /** CloudWatch namespace of the metrics. */
  readonly namespace: string;
  /** Dimensions every metric carries (the collector's `job`). */
  readonly dimensions: Readonly<Record<string, pulumi.Input<string>>>;
  /** The graphs, two per row. */
  readonly graphs: readonly DashboardGraph[];
  /** Dashboard name. @default the component name */
  readonly dashboardName?: string;
}

/** A CloudWatch dashboard of a service's own metrics: one graph per group, two per row. */
export class ServiceDashboard extends pulumi.ComponentResource {
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(name: string, args: ServiceDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:aws:ServiceDashboard", name, {}, opts);
    const region = accountContext(this).region;
    const body = pulumi.all([region, pulumi.output(args.dimensions)]).apply(([r, dims]) =>
      JSON.stringify({
        widgets: args.graphs.map((g, i) => ({
          type: "metric",
          x: (i % 2) * 12,
          y: Math.floor(i / 2) * 6,
          width: 12,
          height: 6,
          properties: {
            title: g.title,
            region: r,
            view: "timeSeries",
            period: 60,
            metrics: g.metrics.map((m) => [
              args.namespace,
              m.name,
              ...Object.entries(dims).flatMap(([k, v]) => [k, v]),
              { stat: m.stat },
            ]),
          },
        })),
      }),
    );
    this.dashboard = new cloudwatch.Dashboard(
      childName(name, "dashboard"),
      { dashboardName: args.dashboardName ?? name, dashboardBody: body },
      { parent: this },
    );
    this.registerOutputs({ dashboardName: this.dashboard.dashboardName });
  }
}
