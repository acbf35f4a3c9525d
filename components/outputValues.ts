import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";

/*
 * Values the components build from Outputs. Every callback here is this file's own and only builds
 * a value, so the checker (automation/check/applies.ts) knows that a preview skipping one cannot
 * hide a resource, and renders a program once. Take no caller's function here.
 */

/** The items of `list` joined with `separator`. */
export function joined(list: pulumi.Input<pulumi.Input<string>[]>, separator: string): pulumi.Output<string> {
  return pulumi.output(list).apply((items) => items.join(separator));
}

/** The non-empty parts of `text` between `separator`s; none when `text` is undefined. */
export function splitList(text: pulumi.Input<string | undefined>, separator: string): pulumi.Output<string[]> {
  return pulumi.output(text).apply((t) => (t ?? "").split(separator).filter(Boolean));
}

/** `text` with its first `search` replaced by `replacement`. */
export function replacedOnce(text: pulumi.Input<string>, search: string, replacement: string): pulumi.Output<string> {
  return pulumi.output(text).apply((t) => t.replace(search, replacement));
}

/** `value` (Outputs anywhere inside) as a YAML document. */
export function yamlText<T extends object>(value: pulumi.Input<T>): pulumi.Output<string> {
  return pulumi.output(value).apply((v) => stringify(v));
}
