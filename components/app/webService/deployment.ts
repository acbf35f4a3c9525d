import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { hardenedContainer, hardenedPodSpec, SecretKeyRef } from "../../kube/podSpec";
import { renderProbe } from "../../kube/probes";
import { deepMerge } from "../../merge";
import { childName } from "../../naming";
import { declarationAnnotations } from "./declarations";
import { WEB_SERVICE_DEFAULTS as D } from "./defaults";
import { ResolvedWebService } from "./resolve";

/** What the app's pods get from the objects rendered before them. */
export interface PodWiring {
  /** The ServiceAccount the pods run as. */
  readonly serviceAccountName: pulumi.Input<string>;
  /** Every secret variable, each a Secret key. */
  readonly secretRefs: Readonly<Record<string, SecretKeyRef>>;
}

/** The Deployment and its name as its args state it (naming it so does not wait for its rollout). */
export interface RenderedDeployment {
  /** The Deployment. */
  readonly deployment: k8s.apps.v1.Deployment;
  /** Its name, from its args (an override may set it). */
  readonly name: pulumi.Output<string>;
}

/** The Deployment: one hardened container, rolled out without losing capacity, spread over zones and nodes. */
export function renderDeployment(
  r: ResolvedWebService,
  pod: PodWiring,
  opts: pulumi.CustomResourceOptions,
): RenderedDeployment {
  const { args } = r;
  const declared = declarationAnnotations(args.allowTo, args.database);
  const deploymentArgs = deepMerge<k8s.apps.v1.DeploymentArgs>(
    {
      metadata: Object.keys(declared).length ? { ...r.metadata, annotations: declared } : r.metadata,
      spec: {
        ...(r.scaling.mode === "fixed" ? { replicas: r.scaling.replicas } : {}),
        revisionHistoryLimit: D.revisionHistoryLimit,
        selector: { matchLabels: r.selectorLabels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels: r.labels, ...(args.podAnnotations ? { annotations: args.podAnnotations } : {}) },
          spec: hardenedPodSpec({
            serviceAccountName: pod.serviceAccountName,
            runAsUser: r.runAsUser,
            runAsGroup: r.runAsGroup,
            scratch: r.scratch,
            spreadLabels: r.selectorLabels,
            containers: [
              hardenedContainer({
                name: r.objectName,
                image: args.image,
                command: args.command,
                args: args.args,
                ports: r.ports,
                env: args.env,
                secretEnv: pod.secretRefs,
                resources: args.resources,
                runAsUser: r.runAsUser,
                runAsGroup: r.runAsGroup,
                scratch: r.scratch,
                probes: {
                  liveness: renderProbe("liveness", r.probes.liveness),
                  readiness: r.probes.readiness ? renderProbe("readiness", r.probes.readiness) : undefined,
                  startup: renderProbe("startup", r.probes.startup),
                },
              }),
            ],
          }),
        },
      },
    },
    args.overrides?.deployment,
  );
  return {
    deployment: new k8s.apps.v1.Deployment(childName(r.name, "deployment"), deploymentArgs, opts),
    name: pulumi.output(deploymentArgs.metadata).apply((m) => m?.name ?? r.objectName),
  };
}
