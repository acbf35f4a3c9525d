import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { taskPolicy } from "../../lib/ecsTasks";

/** An ECS task shares no namespace with its host. */
export const ecsTaskNoHostNamespaces = taskPolicy(
  {
    name: "aws-ecs-task-no-host-namespaces",
    description: "An ECS task definition must not use the host's network, process or IPC namespace.",
    severity: "high",
    framework: awsFoundationalControl("ECS.17", "ECS task definitions should not use host network mode"),
    tags: [groupTag("containers"), "aws"],
    remediationSteps: 'Use networkMode awsvpc (Fargate\'s only mode) and leave pidMode and ipcMode unset or "task".',
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode",
  },
  (_containers, props, report) => {
    for (const key of ["networkMode", "pidMode", "ipcMode"]) {
      if (props[key] === "host")
        report(
          `${key} is "host": the task shares the host's ${key === "networkMode" ? "network" : key === "pidMode" ? "processes" : "IPC"}.`,
        );
    }
  },
);
