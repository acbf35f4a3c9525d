import * as pulumi from "@pulumi/pulumi";

/** Resource options for stateful children: protected and retained when `protect` is set (prod). */
export function statefulOptions(parent: pulumi.Resource, protect: boolean | undefined): pulumi.CustomResourceOptions {
  return protect ? { parent, protect: true, retainOnDelete: true } : { parent };
}
