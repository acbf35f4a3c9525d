import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { recommendedLabels } from "../../kube/labels";
import { trafficPolicySpec } from "../../kube/network";
import { hardenedContainer, hardenedPodSpec } from "../../kube/podSpec";
import { deepMerge } from "../../merge";
import { childName } from "../../naming";
import { PodWiring } from "./deployment";
import { ResolvedMigration, ResolvedWebService } from "./resolve";

/** Seconds Pulumi waits for the Job beyond its own deadline. */
const WAIT_MARGIN_SECONDS = 120;

/**
 * The migration Job, with the app's environment and egress, and its NetworkPolicy. The Job's pod
 * template cannot change in place: a new version replaces the Job, whose name stays.
 */
export function renderMigration(
  r: ResolvedWebService,
  m: ResolvedMigration,
  pod: PodWiring,
  child: pulumi.CustomResourceOptions,
  workload: pulumi.CustomResourceOptions,
): k8s.batch.v1.Job {
  const { args } = r;
  const labels = recommendedLabels({ name: m.jobName, partOf: args.partOf, image: m.image, component: "migration" });
  new k8s.networking.v1.NetworkPolicy(
    childName(r.name, "migrationPolicy"),
    {
      metadata: { name: m.jobName, namespace: args.namespace, labels },
      spec: trafficPolicySpec(m.selectorLabels, { egress: r.egress }),
    },
    child,
  );
  const wait = `${m.activeDeadlineSeconds + WAIT_MARGIN_SECONDS}s`;
  return new k8s.batch.v1.Job(
    childName(r.name, "migrationJob"),
    deepMerge<k8s.batch.v1.JobArgs>(
      {
        metadata: { name: m.jobName, namespace: args.namespace, labels },
        spec: {
          backoffLimit: m.backoffLimit,
          activeDeadlineSeconds: m.activeDeadlineSeconds,
          template: {
            metadata: { labels },
            spec: hardenedPodSpec({
              serviceAccountName: pod.serviceAccountName,
              runAsUser: r.runAsUser,
              runAsGroup: r.runAsGroup,
              scratch: r.scratch,
              restartPolicy: "Never",
              containers: [
                hardenedContainer({
                  name: "migrate",
                  image: m.image,
                  command: m.command,
                  args: m.args,
                  env: args.env,
                  secretEnv: pod.secretRefs,
                  resources: args.resources,
                  runAsUser: r.runAsUser,
                  runAsGroup: r.runAsGroup,
                  scratch: r.scratch,
                }),
              ],
            }),
          },
        },
      },
      args.overrides?.migrationJob,
    ),
    { ...workload, deleteBeforeReplace: true, customTimeouts: { create: wait, update: wait } },
  );
}
