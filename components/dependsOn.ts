import * as pulumi from "@pulumi/pulumi";

/** `dependsOn` with more resources, whatever form the caller gave it in. */
export function alsoAfter(
  dependsOn: pulumi.ComponentResourceOptions["dependsOn"],
  extra: readonly pulumi.Resource[],
): pulumi.Input<pulumi.Input<pulumi.Resource>[]> {
  if (dependsOn === undefined) return [...extra];
  if (Array.isArray(dependsOn)) return [...dependsOn, ...extra];
  if (dependsOn instanceof pulumi.Resource) return [dependsOn, ...extra];
  return pulumi
    .output(dependsOn as pulumi.Input<pulumi.Resource[]>)
    .apply((d) => [...(Array.isArray(d) ? d : [d]), ...extra]);
}
