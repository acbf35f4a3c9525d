import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../core/errors";
import {
  CapturedResource,
  defaultOptions,
  isObject,
  isSecretEnvelope,
  SECRET_SIG,
  SECRET_SIG_KEY,
  UNKNOWN_VALUE,
} from "../core/resourceModel";
import { parseYamlDocuments, readYamlDocuments } from "../core/yamlFiles";
import { withProviderDefaults } from "./providerDefaults";

/** YAML the provider expands into child resources during a real preview; offline the checker expands it. */
const MANIFEST_TYPES = ["kubernetes:yaml/v2:ConfigGroup", "kubernetes:yaml/v2:ConfigFile"];

/** What expanding manifests gave: the resources with the children added, and what could not be read, by URN. */
export interface Expansion {
  /** The resources, each manifest followed by the objects it holds. */
  resources: CapturedResource[];
  /** Why a manifest (or part of it) could not be expanded here, by its URN. */
  unexpanded: Map<string, string>;
}

/** The value inside a secret envelope, with whether it was one. */
function plain(value: unknown): { value: unknown; secret: boolean } {
  return isSecretEnvelope(value) ? { value: value.value, secret: true } : { value, secret: false };
}

/** The type token of a Kubernetes object: `apps/v1` `Deployment` → `kubernetes:apps/v1:Deployment`, `v1` `Pod` → `kubernetes:core/v1:Pod`. */
export function kubernetesTypeToken(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  return `kubernetes:${group}/${version}:${kind}`;
}

/** The objects of a list of items, where a `kind: List` (or `…List`) holds more. */
function flatten(items: unknown[]): unknown[] {
  return items.flatMap((item) =>
    isObject(item) && Array.isArray(item.items) && String(item.kind ?? "").endsWith("List")
      ? flatten(item.items)
      : [item],
  );
}

/**
 * Whether `child` is an object the provider rendered for `parent` in a real run: not registered
 * by the program, and named as the provider names them (`<prefix>:…`).
 */
export function renderedChildOf(parent: CapturedResource, child: CapturedResource): boolean {
  const prefix = String(plain(parent.inputs.resourcePrefix).value ?? parent.name);
  return (
    child.parent === parent.urn &&
    !child.registeredByProgram &&
    child.custom &&
    child.type.startsWith("kubernetes:") &&
    child.name.startsWith(`${prefix}:`)
  );
}

/**
 * Adds the objects of every ConfigGroup and ConfigFile (yaml/v2) by what it holds, whatever is
 * parented to it — under the mock engine the provider never expands them — so policies and
 * schemas see them: inline `objs` and `yaml`, and `files`/`file` read from the project. Children
 * are named as the provider names them (`<prefix>:<name>`, `<prefix>:<namespace>/<name>` when the
 * namespace is written); an object already present under that URN (a preview digest, where the
 * provider expanded it) is not added again. URLs, globs and values unknown offline cannot be read
 * here and are returned in `unexpanded`, unless the provider's own children are present. A child
 * with no namespace gets its manifest's explicit provider's default namespace.
 * @throws UsageError for a manifest file that cannot be read or is not valid YAML.
 */
export function expandManifests(resources: CapturedResource[], projectDir: string): Expansion {
  const present = new Set(resources.map((r) => r.urn));
  const out: CapturedResource[] = [];
  const unexpanded = new Map<string, string>();
  for (const r of resources) {
    out.push(r);
    if (!MANIFEST_TYPES.includes(r.type)) continue;
    const objects: { object: unknown; secret: boolean }[] = [];
    const missed: string[] = [];
    const inputs = r.inputs;
    const take = (value: unknown, label: string, read: (v: unknown) => unknown[]) => {
      const { value: v, secret } = plain(value);
      if (v === undefined || v === null) return;
      if (v === UNKNOWN_VALUE) {
        missed.push(`${label} is not known offline`);
        return;
      }
      for (const object of read(v)) objects.push({ object, secret });
    };
    take(inputs.objs, "objs", (v) => (Array.isArray(v) ? v.flatMap((o) => (Array.isArray(o) ? o : [o])) : [v]));
    take(inputs.yaml, "yaml", (v) =>
      (Array.isArray(v) ? v : [v]).flatMap((text) => parseYamlDocuments(String(text), `${r.name}: yaml`)),
    );
    const files = [
      ...(Array.isArray(plain(inputs.files).value) ? (plain(inputs.files).value as unknown[]) : []),
      ...(inputs.file !== undefined ? [inputs.file] : []),
    ];
    for (const entry of files) {
      take(entry, "a file", (v) => {
        const file = String(v);
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
          missed.push(`${file} is a URL, which check does not fetch`);
          return [];
        }
        if (/[*?[\]{}]/.test(file)) {
          missed.push(`${file} is a glob pattern, which check does not expand`);
          return [];
        }
        const abs = path.resolve(projectDir, file);
        if (!fs.existsSync(abs))
          throw new UsageError(`${r.name}: no manifest file ${abs} (the provider would fail on it too)`);
        return readYamlDocuments(abs, `${r.name}: ${file}`, "the manifest");
      });
    }
    if (missed.length && !resources.some((child) => renderedChildOf(r, child)))
      unexpanded.set(r.urn, missed.join("; "));
    const prefix = String(plain(inputs.resourcePrefix).value ?? r.name);
    const typePrefix = r.urn.slice(0, r.urn.lastIndexOf("::"));
    for (const { object, secret } of objects.flatMap((o) =>
      flatten([o.object]).map((object) => ({ object, secret: o.secret })),
    )) {
      if (!isObject(object)) continue;
      const apiVersion = String(object.apiVersion ?? "");
      const kind = String(object.kind ?? "");
      const name = object.metadata?.name;
      if (!apiVersion || !kind || typeof name !== "string") {
        throw new UsageError(
          `${r.name}: every object needs apiVersion, kind and metadata.name (got ${apiVersion || "no apiVersion"} ${kind || "no kind"})`,
        );
      }
      const type = kubernetesTypeToken(apiVersion, kind);
      const namespace = object.metadata?.namespace;
      const childName = `${prefix}:${typeof namespace === "string" && namespace ? `${namespace}/` : ""}${name}`;
      const urn = `${typePrefix}$${type}::${childName}`;
      if (present.has(urn)) continue;
      present.add(urn);
      out.push({
        urn,
        type,
        name: childName,
        custom: true,
        parent: r.urn,
        dependencies: [],
        propertyDependencies: {},
        options: { ...defaultOptions(), provider: r.options.provider },
        inputs: secret
          ? {
              ...object,
              ...Object.fromEntries(
                Object.entries(object)
                  .filter(([k]) => !["apiVersion", "kind", "metadata"].includes(k))
                  .map(([k, v]) => [k, { [SECRET_SIG_KEY]: SECRET_SIG, value: v }]),
              ),
            }
          : object,
      });
    }
  }
  return { resources: withProviderDefaults(out), unexpanded };
}
