/** The kinds of compute definition the model reads. */
export type ComputeKind = "ecs-task" | "batch-job";

/** One container of a definition, in the ECS container-definition shape (`user`, `privileged`, `linuxParameters`, …). */
export interface ComputeContainer {
  /** How messages name it: `container "api"`, `containerProperties`. */
  readonly label: string;
  /** Its settings; Batch EKS containers are translated into the ECS names. */
  readonly spec: Record<string, any>;
}

/** A volume of a definition. */
export interface ComputeVolume {
  /** How messages name it: `volume "data"`. */
  readonly label: string;
  /** The host path it mounts, when it is a host (bind) volume. @default not a host volume */
  readonly hostPath?: string;
}

/**
 * An ECS task definition or an AWS Batch job definition as the container policies judge it,
 * whichever provider (classic `@pulumi/aws` or `@pulumi/aws-native`) declared it.
 */
export interface ComputeDefinition {
  /** What the resource is. */
  readonly kind: ComputeKind;
  /** Its containers. */
  readonly containers: readonly ComputeContainer[];
  /** Its volumes. */
  readonly volumes: readonly ComputeVolume[];
  /** Host namespaces it shares: `networkMode`, `pidMode`, `ipcMode` as ECS names them (`"host"`). */
  readonly namespaces: Readonly<Record<"networkMode" | "pidMode" | "ipcMode", string | undefined>>;
}

/** A definition, or why its containers cannot be read (then it is reported, never passed). */
export type ComputeReading =
  { definition: ComputeDefinition; problem?: undefined } | { problem: string; definition?: undefined };
