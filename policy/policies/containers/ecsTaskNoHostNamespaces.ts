import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { computePolicy } from "../../lib/aws/compute/computePolicy";

/** An ECS task shares no namespace with its host. */
export const ecsTaskNoHostNamespaces = computePolicy(
  {
    name: "aws-ecs-task-no-host-namespaces",
    description:
      "An ECS task definition or AWS Batch job definition (classic and aws-native) must not use the host's network, process or IPC namespace.",
    severity: "high",
    framework: awsFoundationalControl(
      "ECS.17, ECS.3",
      "ECS task definitions should not use host network mode or share the host's process namespace",
    ),
    tags: [groupTag("containers"), "aws"],
    remediationSteps: 'Use networkMode awsvpc (Fargate\'s only mode) and leave pidMode and ipcMode unset or "task".',
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode",
  },
  ({ namespaces }, report) => {
    for (const key of ["networkMode", "pidMode", "ipcMode"] as const) {
      if (namespaces[key] === "host")
        report(
          `${key} is "host": the task shares the host's ${key === "networkMode" ? "network" : key === "pidMode" ? "processes" : "IPC"}.`,
        );
    }
  },
);
