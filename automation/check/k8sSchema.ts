import { CapturedResource, unwrap, UNKNOWN_VALUE } from "../core/resourceModel";
import { CrdSchemas } from "./crdSchemas";

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

/** A Kubernetes object the checker has no schema for: reported, not an error. */
export interface NotValidated {
  /** URN of the resource. */
  urn: string;
  /** Type token. */
  type: string;
  /** Logical name. */
  name: string;
  /** Why, and how to give the checker a schema. */
  reason: string;
}

/** What schema validation found. */
export interface SchemaFindings {
  /** Objects that break their schema. */
  schemaErrors: SchemaError[];
  /** Objects of kinds with no known schema. */
  notValidated: NotValidated[];
}

/** Where each CRD group's models live (the kubernetes-models CRD packages). */
const MODEL_PACKAGES: Record<string, string> = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "acme.cert-manager.io": "@kubernetes-models/cert-manager",
  "external-secrets.io": "@kubernetes-models/external-secrets",
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

/**
 * Group-versions whose kinds are all in the schema packages (stable, served ones of the oldest
 * groups): a kind not among them does not exist, where a kind missing from a newer group may only
 * be newer than the packages.
 */
const COMPLETE_GROUP_VERSIONS = new Set(["/v1", "apps/v1", "batch/v1"]);

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
  params?: { missingProperty?: string; additionalProperty?: string };
}

/**
 * Removes values not known until apply and records their JSON pointers: a preview cannot check
 * them, so errors at or under those pointers (including "required" for them) are dropped.
 */
function withoutUnknowns(value: unknown, at: string, unknown: string[]): unknown {
  if (Array.isArray(value)) {
    return value.map((v, i) =>
      v === UNKNOWN_VALUE ? (unknown.push(`${at}/${i}`), null) : withoutUnknowns(v, `${at}/${i}`, unknown),
    );
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
    if (e.message && !/^must match (exactly one schema|a schema in anyOf)/.test(e.message)) {
      list.push(e.params?.additionalProperty ? `${e.message} (${e.params.additionalProperty})` : e.message);
    }
    byPath.set(at, list);
  }
  return [...byPath.entries()].map(([at, msgs]) => `${at}: ${[...new Set(msgs)].join(" or ")}`).join("; ");
}

type Outcome = { error: SchemaError } | { notValidated: NotValidated } | undefined;

/**
 * Validates one Kubernetes object against the schema of its kind: a CustomResourceDefinition the
 * stack or project supplies (or the checker bundles), else the `kubernetes-models` packages.
 * Values not known until apply are left out, as a preview leaves them.
 */
async function validateOne(res: CapturedResource, crds: CrdSchemas): Promise<Outcome> {
  const gvk = parseKubernetesType(res.type);
  if (!gvk) return undefined;
  const where = { urn: res.urn, type: res.type, name: res.name };
  const unknown: string[] = [];
  const data = withoutUnknowns(unwrap(res.inputs), "", unknown);
  const crd = crds.validator(gvk.group, gvk.version, gvk.kind);
  if (crd) {
    if (crd(data)) return undefined;
    const errors = (crd.errors ?? []).filter((e) => !concernsUnknown(e as AjvError, unknown));
    return errors.length ? { error: { ...where, message: describe(errors as AjvError[]) } } : undefined;
  }
  const Model = await loadModel(modulePath(gvk.group, gvk.version, gvk.kind));
  if (!Model && COMPLETE_GROUP_VERSIONS.has(`${gvk.group}/${gvk.version}`)) {
    return {
      error: {
        ...where,
        message: `${gvk.group || "core"}/${gvk.version} serves no kind ${gvk.kind}: the API server refuses it (a kind of another group, or a custom kind, needs its own API group)`,
      },
    };
  }
  if (!Model) {
    return {
      notValidated: {
        ...where,
        reason: `no schema is known for ${gvk.group || "core"}/${gvk.version} ${gvk.kind}; list its CustomResourceDefinition file in the stack's guardrails:crds to validate it`,
      },
    };
  }
  try {
    new Model(data).validate();
    return undefined;
  } catch (err) {
    const all = (err as { errors?: AjvError[] }).errors;
    if (!Array.isArray(all) || !all.length)
      return { error: { ...where, message: String((err as Error).message ?? err) } };
    const errors = all.filter((e) => !concernsUnknown(e, unknown));
    return errors.length ? { error: { ...where, message: describe(errors) } } : undefined;
  }
}

/** Validates every Kubernetes object among `resources`, with the CRDs the stack registers added to `crds`. */
export async function validateKubernetesResources(
  resources: CapturedResource[],
  crds: CrdSchemas,
): Promise<SchemaFindings> {
  for (const r of resources) {
    if (r.type === "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition")
      crds.add(unwrap(r.inputs), `${r.type} ${r.name}`);
  }
  const outcomes = await Promise.all(resources.map((r) => validateOne(r, crds)));
  const findings: SchemaFindings = { schemaErrors: [], notValidated: [] };
  for (const o of outcomes) {
    if (o && "error" in o) findings.schemaErrors.push(o.error);
    else if (o) findings.notValidated.push(o.notValidated);
  }
  return findings;
}
