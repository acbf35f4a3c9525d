import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { ValidateFunction } from "ajv";
import { UsageError } from "../core/errors";
import { readYamlDocuments } from "../core/yamlFiles";
import { isObject } from "../core/resourceModel";

/** One served version's schema, compiled the first time a resource of its kind is validated. */
class LazyValidator {
  private compiled: ValidateFunction | undefined;

  constructor(
    private readonly ajv: Ajv,
    private readonly schema: Record<string, unknown>,
    /** What the schema is and where it came from, for the error. */
    private readonly what: string,
  ) {}

  /** @throws UsageError when the schema does not compile. */
  get(): ValidateFunction {
    try {
      this.compiled ??= this.ajv.compile(this.schema);
    } catch (err) {
      throw new UsageError(`${this.what} does not compile (${(err as Error).message})`);
    }
    return this.compiled;
  }
}

/** Schemas of custom resources, by `group/version/Kind`, from CustomResourceDefinitions. */
export class CrdSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

  /** @param validators versions known already, their compiled schemas shared with every set holding them (the bundled ones). @default none */
  constructor(private readonly validators = new Map<string, LazyValidator>()) {}

  /** The validator of a kind, if a CRD for it was added. @throws UsageError when its schema does not compile. */
  validator(group: string, version: string, kind: string): ValidateFunction | undefined {
    return this.validators.get(`${group}/${version}/${kind}`)?.get();
  }

  /**
   * Adds every served version's `openAPIV3Schema` of a CustomResourceDefinition object.
   * Returns whether it was one.
   * @param compileNow compile every schema now, so a bad one fails here, naming `where`; else on first use. @default true
   * @throws UsageError for a CRD without group, kind or versions, or (compiling now) a schema that does not compile.
   */
  add(crd: unknown, where: string, compileNow = true): boolean {
    if (!isObject(crd) || crd.kind !== "CustomResourceDefinition" || !isObject(crd.spec)) return false;
    const { group, names, versions } = crd.spec;
    if (typeof group !== "string" || !isObject(names) || typeof names.kind !== "string" || !Array.isArray(versions)) {
      throw new UsageError(
        `${where}: expected a CustomResourceDefinition with spec.group, spec.names.kind and spec.versions`,
      );
    }
    for (const v of versions) {
      const schema = v?.schema?.openAPIV3Schema;
      if (typeof v?.name !== "string" || !isObject(schema)) continue;
      const what = `${where}: the schema of ${group}/${v.name} ${names.kind}`;
      const validator = new LazyValidator(this.ajv, jsonSchemaOf(schema) as Record<string, unknown>, what);
      this.validators.set(`${group}/${v.name}/${names.kind}`, validator);
      if (compileNow) validator.get();
    }
    return true;
  }

  /**
   * Adds every CustomResourceDefinition of a YAML or JSON file (one or more documents).
   * @param compileNow as {@link CrdSchemas.add}'s. @default true
   */
  addFile(file: string, label = file, compileNow = true): void {
    let found = 0;
    for (const [i, doc] of readYamlDocuments(file, label, "the CRD file").entries()) {
      if (this.add(doc, `${label} (document ${i + 1})`, compileNow)) found++;
    }
    if (!found) throw new UsageError(`${label}: expected at least one CustomResourceDefinition`);
  }
}

/** The CRDs the checker knows of its own (for the custom resources the components create). */
export const BUNDLED_CRD_DIR = path.join(__dirname, "crds");

let bundled: Map<string, LazyValidator> | undefined;

/**
 * A fresh set holding the bundled CRDs. They are read once per process and each version's schema
 * is compiled only when a resource of its kind is first validated, then shared by every set.
 */
export function bundledCrdSchemas(): CrdSchemas {
  if (!bundled) {
    const schemas = new CrdSchemas((bundled = new Map()));
    for (const file of fs.readdirSync(BUNDLED_CRD_DIR).filter((f) => /\.ya?ml$/.test(f)))
      schemas.addFile(path.join(BUNDLED_CRD_DIR, file), path.join(BUNDLED_CRD_DIR, file), false);
  }
  return new CrdSchemas(new Map(bundled));
}

/**
 * An OpenAPI v3 structural schema as JSON Schema: `nullable`, `x-kubernetes-int-or-string` and
 * `x-kubernetes-preserve-unknown-fields` become what they mean, and an object that lists its
 * properties accepts no others — unknown fields would be pruned, or refused by strict validation.
 */
function jsonSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-kubernetes-") || key === "nullable" || key === "format") continue;
    out[key] =
      ["properties", "patternProperties"].includes(key) && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSchemaOf(v)]))
        : jsonSchemaOf(value);
  }
  if (node["x-kubernetes-int-or-string"] === true) {
    delete out.type;
    const { pattern, ...rest } = out;
    return { ...rest, anyOf: [{ type: "integer" }, { type: "string", ...(pattern ? { pattern } : {}) }] };
  }
  if (node.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
  if (out.type === "object" && isObject(out.properties) && out.additionalProperties === undefined && !preserve)
    out.additionalProperties = false;
  return out;
}
