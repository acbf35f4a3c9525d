import { containersOfTask } from "../../ecsTasks";
import { ecsContainers, eksContainer, parsed } from "./containers";
import { ComputeContainer, ComputeKind, ComputeReading, ComputeVolume } from "./definition";

/** How one resource type reads as a compute definition: a row of the model's table. */
interface ComputeRow {
  readonly kind: ComputeKind;
  readonly read: (props: Record<string, any>) => ComputeReading;
}

/** A volume of ECS shape: classic `hostPath`, aws-native and Batch `host.sourcePath`, EKS `hostPath.path`. */
function volumesOf(list: unknown, path: string): ComputeVolume[] {
  return (Array.isArray(list) ? list : []).map((v: any, i) => ({
    label: typeof v?.name === "string" && v.name ? `volume "${v.name}"` : `${path}[${i}]`,
    hostPath: [v?.hostPath, v?.host?.sourcePath, v?.hostPath?.path].find((p) => typeof p === "string"),
  }));
}

const namespacesOf = (p: Record<string, any> | undefined) => ({
  networkMode: p?.networkMode,
  pidMode: p?.pidMode,
  ipcMode: p?.ipcMode,
});

/** An ECS task definition: classic `containerDefinitions` JSON text, aws-native an array. */
function ecsTask(props: Record<string, any>): ComputeReading {
  const read = containersOfTask(props);
  if (read.problem !== undefined) return { problem: read.problem };
  const containers = ecsContainers(read.containers, "containerDefinitions") as ComputeContainer[];
  return {
    definition: {
      kind: "ecs-task",
      containers,
      volumes: volumesOf(props.volumes, "volumes"),
      namespaces: namespacesOf(props),
    },
  };
}

/**
 * A Batch job definition: one container (`containerProperties`), ECS task properties
 * (`ecsProperties.taskProperties`) or an EKS pod (`eksProperties.podProperties`), each JSON text
 * (classic) or an object (aws-native); a job of none of them (multi-node) is left unread.
 */
function batchJob(props: Record<string, any>): ComputeReading {
  const containers: ComputeContainer[] = [];
  const volumes: ComputeVolume[] = [];
  let namespaces = namespacesOf(undefined);
  for (const key of ["containerProperties", "ecsProperties", "eksProperties"]) {
    if (!(key in props)) continue;
    const { value, problem } = parsed(props[key], key);
    if (problem) return { problem };
    if (!value || typeof value !== "object") return { problem: `${key} is not an object` };
    if (key === "containerProperties") {
      containers.push({ label: "containerProperties", spec: value });
      volumes.push(...volumesOf(value.volumes, "containerProperties.volumes"));
    } else if (key === "ecsProperties") {
      for (const [t, task] of (Array.isArray(value.taskProperties) ? value.taskProperties : []).entries()) {
        const listed = ecsContainers(task?.containers, `ecsProperties.taskProperties[${t}].containers`);
        if (typeof listed === "string") return { problem: listed };
        containers.push(...listed);
        volumes.push(...volumesOf(task.volumes, `ecsProperties.taskProperties[${t}].volumes`));
        namespaces = { ...namespaces, ...Object.fromEntries(Object.entries(namespacesOf(task)).filter(([, v]) => v)) };
      }
    } else {
      const pod = value.podProperties ?? {};
      containers.push(...(Array.isArray(pod.containers) ? pod.containers : []).map(eksContainer));
      volumes.push(...volumesOf(pod.volumes, "eksProperties.podProperties.volumes"));
      namespaces = {
        networkMode: pod.hostNetwork === true ? "host" : namespaces.networkMode,
        pidMode: pod.hostPID === true ? "host" : namespaces.pidMode,
        ipcMode: pod.hostIPC === true ? "host" : namespaces.ipcMode,
      };
    }
  }
  return { definition: { kind: "batch-job", containers, volumes, namespaces } };
}

/** Every resource type the model reads, by type token. */
export const COMPUTE_ROWS: Readonly<Record<string, ComputeRow>> = {
  "aws:ecs/taskDefinition:TaskDefinition": { kind: "ecs-task", read: ecsTask },
  "aws-native:ecs:TaskDefinition": { kind: "ecs-task", read: ecsTask },
  "aws:batch/jobDefinition:JobDefinition": { kind: "batch-job", read: batchJob },
  "aws-native:batch:JobDefinition": { kind: "batch-job", read: batchJob },
};

/** The resource as a compute definition; `undefined` when the model does not read its type. */
export function computeDefinitionOf(type: string, props: Record<string, any>): ComputeReading | undefined {
  return COMPUTE_ROWS[type]?.read(props);
}
