import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { alsoAfter } from "../dependsOn";
import type { ScrapeTarget } from "../monitoring/teamMonitoring";
import { WebServiceArgs } from "./webService/args";
import { renderHorizontalAutoscaler, renderVerticalAutoscaler } from "./webService/autoscaling";
import { renderDeployment } from "./webService/deployment";
import { renderDisruptionBudget } from "./webService/disruptionBudget";
import { publicUrl, renderIngress } from "./webService/ingress";
import { renderMigration } from "./webService/migration";
import { renderAcmeSolverPolicy, renderNetworkPolicy } from "./webService/network";
import { resolveWebService } from "./webService/resolve";
import { renderSecrets } from "./webService/secrets";
import { renderService } from "./webService/service";
import { renderServiceAccount } from "./webService/serviceAccount";

export * from "./webService/args";
export { PRIVATE_RANGES, WEB_SERVICE_DEFAULTS } from "./webService/defaults";
export { externalPeers, resolveWebService, webServiceIdentity, webServiceProblems } from "./webService/resolve";
export type { ResolvedWebService, WebServiceIdentity } from "./webService/resolve";

/**
 * One application on Kubernetes, secure by default: a Deployment with a fully hardened container,
 * its ServiceAccount (no token mounted), Service, HPA and VPA, PDB, NetworkPolicy, its own
 * Secret for secret environment, schema migrations as a Job that gates every rollout, and — for
 * public apps — an Ingress with TLS from cert-manager, forced HTTPS redirect and HSTS.
 */
export class WebService extends pulumi.ComponentResource {
  /** The Deployment. */
  public readonly deployment: k8s.apps.v1.Deployment;
  /** The ServiceAccount the pods run as, unless an existing one was given. */
  public readonly serviceAccount?: k8s.core.v1.ServiceAccount;
  /** The ClusterIP Service, when the app has a port. */
  public readonly service?: k8s.core.v1.Service;
  /** The HorizontalPodAutoscaler, when autoscaling is set. */
  public readonly autoscaler?: k8s.autoscaling.v2.HorizontalPodAutoscaler;
  /** The VerticalPodAutoscaler, when vertical autoscaling is set. */
  public readonly verticalAutoscaler?: k8s.apiextensions.CustomResource;
  /** The PodDisruptionBudget. */
  public readonly disruptionBudget: k8s.policy.v1.PodDisruptionBudget;
  /** The Ingress, when the app is public. */
  public readonly ingress?: k8s.networking.v1.Ingress;
  /** The NetworkPolicy admitting the app's callers and allowing its dependencies. */
  public readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
  /** The NetworkPolicy admitting the ingress controller to cert-manager's HTTP-01 solver pods, when public. */
  public readonly acmeSolverPolicy?: k8s.networking.v1.NetworkPolicy;
  /** The Secret holding the secret environment, when there is any. */
  public readonly secret?: k8s.core.v1.Secret;
  /** The ExternalSecret syncing `externalSecretEnv` into the app's external Secret, when there is any. */
  public readonly externalSecret?: k8s.apiextensions.CustomResource;
  /** Names of the Secrets the pods read, by environment variable (`secretRefs` and the app's own Secrets). */
  public readonly secretNames: Readonly<Record<string, pulumi.Input<string>>>;
  /** The migration Job, when migrations are set; the Deployment waits for it. */
  public readonly migrationJob?: k8s.batch.v1.Job;
  /** Name of the migration Job, when migrations are set. */
  public readonly migrationJobName?: string;
  /** Pod labels that select this app (for peers' NetworkPolicies). */
  public readonly selectorLabels: Record<string, string>;
  /** Pod labels of the migration Job (for the data services it must reach). */
  public readonly migrationLabels?: Record<string, string>;
  /** Name of the Kubernetes objects it created. */
  public readonly objectName: string;
  /** What the shared Prometheus scrapes, when the app has metrics and a port. */
  public readonly scrapeTarget?: ScrapeTarget;
  /** `https://host/path` when public. */
  public readonly url?: pulumi.Output<string>;

  constructor(name: string, args: WebServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:app:WebService", name, {}, opts);
    const r = resolveWebService(name, args, this);
    this.objectName = r.objectName;
    this.selectorLabels = r.selectorLabels;
    this.migrationLabels = r.migration?.selectorLabels;
    this.migrationJobName = r.migration?.jobName;
    this.scrapeTarget = r.scrapeTarget;
    const child = { parent: this, dependsOn: opts?.dependsOn };
    const podsAfter = args.podsAfter ?? [];
    const workload = { parent: this, dependsOn: alsoAfter(opts?.dependsOn, podsAfter) };

    const account = renderServiceAccount(r, child);
    this.serviceAccount = account.serviceAccount;
    const secrets = renderSecrets(this, r, child);
    this.secret = secrets.secret;
    this.externalSecret = secrets.externalSecret;
    this.secretNames = Object.fromEntries(Object.entries(secrets.refs).map(([key, ref]) => [key, ref.secretName]));
    const pod = { serviceAccountName: account.serviceAccountName, secretRefs: secrets.refs };
    if (r.migration) this.migrationJob = renderMigration(r, r.migration, pod, child, workload);

    const rolloutAfter = this.migrationJob ? [...podsAfter, this.migrationJob] : podsAfter;
    const rendered = renderDeployment(r, pod, { parent: this, dependsOn: alsoAfter(opts?.dependsOn, rolloutAfter) });
    this.deployment = rendered.deployment;
    // The autoscalers name the Deployment rather than wait for its rollout: they are in place when its first pods start.
    const deploymentName = rendered.name;

    if (args.port !== undefined) this.service = renderService(r, child);
    if (r.scaling.mode === "autoscaled")
      this.autoscaler = renderHorizontalAutoscaler(r, r.scaling, deploymentName, child);
    if (r.verticalAutoscaling)
      this.verticalAutoscaler = renderVerticalAutoscaler(r, r.verticalAutoscaling, deploymentName, child);
    this.disruptionBudget = renderDisruptionBudget(r, child);
    if (r.ingress && this.service) {
      this.ingress = renderIngress(r, r.ingress, this.service, child);
      if (r.ingress.acmeSolver === "http01") this.acmeSolverPolicy = renderAcmeSolverPolicy(r, r.ingress, child);
      this.url = publicUrl(r.ingress);
    }
    this.networkPolicy = renderNetworkPolicy(r, child);
    this.registerOutputs({ url: this.url });
  }
}
