import { CLUSTER_SCOPED_KINDS } from "../core/clusterScopedKinds";
import { CapturedResource, isObject, isSecretEnvelope, UNKNOWN_VALUE } from "../core/resourceModel";

/** Settings of the default providers (those a resource gets when it names none), from the stack's config. */
export interface DefaultProviderSettings {
  /** `kubernetes:namespace`. @default none */
  kubernetesNamespace?: string;
  /** The tags of `aws:defaultTags`. @default none */
  awsDefaultTags?: Record<string, unknown>;
}

/** A provider input, which generated provider classes JSON-encode when it is an object. */
function decoded(value: unknown): unknown {
  const v = isSecretEnvelope(value) ? value.value : value;
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function tagsOf(defaultTags: unknown): Record<string, unknown> | undefined {
  const d = decoded(defaultTags);
  const tags = isObject(d) ? decoded(d.tags) : undefined;
  return isObject(tags) && Object.keys(tags).length ? tags : undefined;
}

/** The default providers' settings in a stack's config (`"<namespace>:<key>"` → value). */
export function defaultProviderSettings(config: Record<string, string>): DefaultProviderSettings {
  const namespace = config["kubernetes:namespace"];
  return { kubernetesNamespace: namespace || undefined, awsDefaultTags: tagsOf(config["aws:defaultTags"]) };
}

/** A Kubernetes object type of a namespaced kind (not a Helm, YAML or kustomize component). */
function namespacedKubernetesObject(r: CapturedResource): boolean {
  const m = /^kubernetes:([^:]+)\/[^:/]+:([^:]+)$/.exec(r.type);
  if (!m || !r.custom || ["helm.sh", "yaml", "kustomize"].includes(m[1])) return false;
  return !CLUSTER_SCOPED_KINDS.has(m[2]) && !m[2].endsWith("List");
}

/**
 * The resources as their providers create them: a Kubernetes object with no namespace gets its
 * provider's default namespace (an explicit `kubernetes` provider's `namespace`, else the stack's
 * `kubernetes:namespace`), and an AWS resource with `tags` gets its provider's `defaultTags`
 * merged under its own, as the AWS provider does before any policy sees the resource.
 */
export function withProviderDefaults(
  resources: CapturedResource[],
  defaults: DefaultProviderSettings = {},
): CapturedResource[] {
  const providers = new Map(resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => [r.urn, r]));
  const providerOf = (r: CapturedResource) => {
    const ref = r.options.provider;
    return ref ? providers.get(ref.slice(0, ref.lastIndexOf("::"))) : undefined;
  };
  return resources.map((r) => {
    const provider = providerOf(r);
    if (namespacedKubernetesObject(r)) {
      const metadata = isObject(r.inputs.metadata) ? r.inputs.metadata : {};
      if (metadata.namespace !== undefined && metadata.namespace !== null && metadata.namespace !== "") return r;
      const own = provider ? decoded(provider.inputs.namespace) : defaults.kubernetesNamespace;
      if (typeof own !== "string" || !own || own === UNKNOWN_VALUE) return r;
      return { ...r, inputs: { ...r.inputs, metadata: { ...metadata, namespace: own } } };
    }
    if (r.custom && r.type.startsWith("aws:") && !r.type.startsWith("pulumi:") && r.inputs.tags !== undefined) {
      const tags = provider ? tagsOf(provider.inputs.defaultTags) : defaults.awsDefaultTags;
      const own = isSecretEnvelope(r.inputs.tags) ? undefined : r.inputs.tags;
      if (!tags || !(isObject(own) || own === null)) return r;
      return { ...r, inputs: { ...r.inputs, tags: { ...tags, ...(own ?? {}) } } };
    }
    return r;
  });
}
