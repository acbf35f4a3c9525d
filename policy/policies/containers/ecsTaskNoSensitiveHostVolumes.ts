import { computePolicy } from "../../lib/aws/compute/computePolicy";
import { sensitiveHostPath } from "../../lib/aws/compute/hostPaths";
import { cisDocker, groupTag } from "../../lib/metadata";

/** No ECS task or Batch job mounts the host's root, kernel interfaces or container runtime socket. */
export const ecsTaskNoSensitiveHostVolumes = computePolicy(
  {
    name: "aws-ecs-task-no-sensitive-host-volumes",
    description:
      "An ECS task definition or AWS Batch job definition (classic and aws-native) must not mount a sensitive host path: /, /proc, /sys, /etc, the Docker or containerd socket, or a directory holding one.",
    severity: "critical",
    framework: cisDocker("5.5", "Ensure sensitive host system directories are not mounted on containers"),
    tags: [groupTag("containers"), "aws"],
    remediationSteps:
      "Use a task volume (bind mount without a host path), an EFS volume or a Docker volume instead; build images with a remote builder (CodeBuild, Kaniko) rather than through the host's Docker socket.",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html",
  },
  ({ volumes }, report) => {
    for (const v of volumes) {
      if (v.hostPath === undefined) continue;
      const exposed = sensitiveHostPath(v.hostPath);
      if (exposed)
        report(
          `${v.label} mounts host path ${v.hostPath}${exposed === v.hostPath ? "" : `, which exposes ${exposed}`}: the container reaches the host beneath it.`,
        );
    }
  },
);
