import * as pulumi from "@pulumi/pulumi";

/** The label the platform stamps on everything it manages. */
export const MANAGED_BY = "pulumi-platform-sdk";

/** Identity of one workload, from which its recommended labels are derived. */
export interface WorkloadIdentity {
  /** Name of its objects (`app.kubernetes.io/name`), e.g. `api`. */
  name: string;
  /** The platform (Kubernetes `part-of`) the app belongs to, e.g. `lending`. */
  partOf: string;
  /** Image the workload runs; its tag (or digest) becomes `app.kubernetes.io/version`. */
  image?: pulumi.Input<string>;
  /** Architectural role, e.g. `backend`, `frontend`, `worker`, `database`. */
  component?: string;
}

/** The labels on every object the platform manages that is not a workload's own (namespace guardrails, Secrets). */
export function ownerLabels(partOf: string): Record<string, string> {
  return { "app.kubernetes.io/part-of": partOf, "app.kubernetes.io/managed-by": MANAGED_BY };
}

/**
 * The labels that select a workload's pods. Kept minimal and immutable: a Deployment's
 * selector cannot change after creation, so only identity labels go in it.
 */
export function selectorLabels(id: Pick<WorkloadIdentity, "name" | "partOf">): Record<string, string> {
  return {
    "app.kubernetes.io/name": id.name,
    "app.kubernetes.io/part-of": id.partOf,
  };
}

/** Kubernetes' recommended `app.kubernetes.io/*` labels for a workload and its objects. */
export function recommendedLabels(id: WorkloadIdentity): Record<string, pulumi.Input<string>> {
  const version =
    typeof id.image === "string" || id.image === undefined
      ? id.image === undefined
        ? undefined
        : versionFromImage(id.image)
      : (pulumi.output(id.image).apply(versionFromImage) as pulumi.Output<string>);
  return {
    ...selectorLabels(id),
    "app.kubernetes.io/instance": `${id.partOf}-${id.name}`,
    ...(version !== undefined ? { "app.kubernetes.io/version": version } : {}),
    ...(id.component ? { "app.kubernetes.io/component": id.component } : {}),
    "app.kubernetes.io/managed-by": MANAGED_BY,
  };
}

/** Version label value from an image reference: the tag, or the digest's first 12 hex characters. */
export function versionFromImage(image: string): string | undefined {
  const at = image.indexOf("@");
  if (at >= 0)
    return image
      .slice(at + 1)
      .replace(/^sha256:/, "")
      .slice(0, 12);
  const lastSlash = image.lastIndexOf("/");
  const colon = image.indexOf(":", lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1).slice(0, 63) : undefined;
}
