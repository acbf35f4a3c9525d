import { CapturedResource, unwrap, UNKNOWN_VALUE } from "../core/resourceModel";

/** A Kubernetes object that does not match its API schema. */
export interface SchemaError {
  /** URN of the resource. */
  urn: string;
  /** Type token. */
  type: string;
  /** Logical name. */
  name: string;
  /** What is wrong, with the JSON path of the field. */
  message: string;
}

/** Type-token groups that are Pulumi constructs rather than Kubernetes objects. */
const NOT_OBJECTS = new Set(["helm.sh", "yaml", "kustomize"]);

/** Where each group's models live; CRD groups are added as their packages are. */
const MODEL_PACKAGES: Record<string, string> = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const modelCache = new Map<string, Promise<ModelClass | undefined>>();

/** `kubernetes:apps/v1:Deployment` → `{ group: "apps", version: "v1", kind: "Deployment" }`. */
export function parseKubernetesType(type: string): { group: string; version: string; kind: string } | undefined {
  const m = /^kubernetes:(?:(.+)\/)?([^/:]+):([A-Za-z0-9]+)$/.exec(type);
  if (!m) return undefined;
  const group = m[1] === "core" || m[1] === undefined ? "" : m[1];
  if (NOT_OBJECTS.has(group) || m[3].endsWith("Patch") || m[3].endsWith("List")) return undefined;
  return { group, version: m[2], kind: m[3] };
}

function modulePath(group: string, version: string, kind: string): string {
  const pkg = MODEL_PACKAGES[group] ?? "kubernetes-models";
  return group ? `${pkg}/${group}/${version}/${kind}` : `${pkg}/${version}/${kind}`;
}

async function loadModel(specifier: string): Promise<ModelClass | undefined> {
  let cached = modelCache.get(specifier);
  if (!cached) {
    const kind = specifier.slice(specifier.lastIndexOf("/") + 1);
    cached = import(specifier).then(
      (mod: Record<string, unknown>) => mod[kind] as ModelClass | undefined,
      () => undefined,
    );
    modelCache.set(specifier, cached);
  }
  return cached;
}

interface AjvError {
  instancePath?: string;
  message?: string;
  params?: { missingProperty?: string };
}

/**
 * Removes values not known until apply and records their JSON pointers: a preview cannot check
 * them, so errors at or under those pointers (including "required" for them) are dropped.
 */
function withoutUnknowns(value: unknown, at: string, unknown: string[]): unknown {
  if (Array.isArray(value)) {
    return value.map((v, i) => (v === UNKNOWN_VALUE ? (unknown.push(`${at}/${i}`), null) : withoutUnknowns(v, `${at}/${i}`, unknown)));
  }
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === UNKNOWN_VALUE) unknown.push(`${at}/${k}`);
    else out[k] = withoutUnknowns(v, `${at}/${k}`, unknown);
  }
  return out;
}

function concernsUnknown(e: AjvError, unknown: string[]): boolean {
  const at = e.instancePath ?? "";
  const target = e.params?.missingProperty !== undefined ? `${at}/${e.params.missingProperty}` : at;
  return unknown.some((u) => target === u || target.startsWith(`${u}/`));
}

function describe(errors: AjvError[]): string {
  // Report each field once: ajv lists every failed branch of a oneOf.
  const byPath = new Map<string, string[]>();
  for (const e of errors) {
    const at = e.instancePath || "/";
    const list = byPath.get(at) ?? [];
    if (e.message && !e.message.startsWith("must match exactly one schema")) list.push(e.message);
    byPath.set(at, list);
  }
  return [...byPath.entries()].map(([at, msgs]) => `${at}: ${[...new Set(msgs)].join(" or ")}`).join("; ");
}

/**
 * Validates one Kubernetes object against the API schema of its kind (from `kubernetes-models`).
 * Returns `undefined` when the resource is valid or is not a Kubernetes object.
 */
export async function validateKubernetesResource(res: CapturedResource): Promise<SchemaError | undefined> {
  const gvk = parseKubernetesType(res.type);
  if (!gvk) return undefined;
  const where = { urn: res.urn, type: res.type, name: res.name };
  const Model = await loadModel(modulePath(gvk.group, gvk.version, gvk.kind));
  if (!Model) return { ...where, message: `no schema is known for ${res.type}; it cannot be validated` };
  const unknown: string[] = [];
  const data = withoutUnknowns(unwrap(res.inputs), "", unknown);
  try {
    new Model(data).validate();
    return undefined;
  } catch (err) {
    const all = (err as { errors?: AjvError[] }).errors;
    if (!Array.isArray(all) || !all.length) return { ...where, message: String((err as Error).message ?? err) };
    const errors = all.filter((e) => !concernsUnknown(e, unknown));
    return errors.length ? { ...where, message: describe(errors) } : undefined;
  }
}

/** Validates every Kubernetes object among `resources`. */
export async function validateKubernetesResources(resources: CapturedResource[]): Promise<SchemaError[]> {
  const results = await Promise.all(resources.map(validateKubernetesResource));
  return results.filter((r): r is SchemaError => !!r);
}
