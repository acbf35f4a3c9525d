import { ComputeContainer } from "./definition";

/** A property given as JSON text (classic) or as an object (aws-native, some state files); `problem` when unreadable. */
export function parsed(value: unknown, what: string): { value?: any; problem?: string } {
  if (typeof value !== "string") return { value };
  try {
    return { value: JSON.parse(value) };
  } catch {
    return { problem: `${what} is not valid JSON` };
  }
}

/** ECS-shaped containers (ECS, Batch container and ECS properties), labelled by name or position. */
export function ecsContainers(list: unknown, path: string): ComputeContainer[] | string {
  if (!Array.isArray(list)) return list === undefined ? `${path} is missing` : `${path} is not a JSON array`;
  if (!list.every((c) => typeof c === "object" && c !== null)) return `${path} has an entry that is not an object`;
  return list.map((spec: Record<string, any>, i) => ({
    label: typeof spec.name === "string" && spec.name ? `container "${spec.name}"` : `${path}[${i}]`,
    spec,
  }));
}

/** A Batch EKS container in ECS names: the security context's user, privilege, root filesystem and capabilities. */
export function eksContainer(c: Record<string, any>, i: number): ComputeContainer {
  const sc = c.securityContext ?? {};
  const user = sc.runAsUser !== undefined ? String(sc.runAsUser) : sc.runAsNonRoot === true ? "non-root" : undefined;
  return {
    label:
      typeof c.name === "string" && c.name ? `container "${c.name}"` : `eksProperties.podProperties.containers[${i}]`,
    spec: {
      name: c.name,
      image: c.image,
      user,
      privileged: sc.privileged,
      readonlyRootFilesystem: sc.readOnlyRootFilesystem,
      linuxParameters: { capabilities: { add: sc.capabilities?.add } },
    },
  };
}
