import { MAX_NESTING, readUserFile, tooDeep, UsageError } from "../core/errors";
import {
  CapturedResource,
  defaultOptions,
  isObject,
  SECRET_SIG,
  SECRET_SIG_KEY,
  SECRET_TEXT,
  UNKNOWN_VALUE,
  urnName,
} from "../core/resourceModel";

/** A secret whose value the file does not reveal: policies that read it are skipped, as in a preview. */
const hiddenSecret = () => ({ [SECRET_SIG_KEY]: SECRET_SIG, value: UNKNOWN_VALUE });

/**
 * Normalises the encodings of preview digests and state exports to the wire form: `"[secret]"`
 * and encrypted secrets become secrets of unknown value, decrypted (`plaintext`) secrets become
 * secrets of their value, the unknown marker stays.
 */
export function normaliseValue(value: unknown): unknown {
  if (value === SECRET_TEXT) return hiddenSecret();
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (!isObject(value)) return value;
  if (value[SECRET_SIG_KEY] === SECRET_SIG) {
    if ("value" in value) return { [SECRET_SIG_KEY]: SECRET_SIG, value: normaliseValue(value.value) };
    if (typeof value.plaintext === "string") {
      let plain: unknown = value.plaintext;
      try {
        plain = JSON.parse(value.plaintext);
      } catch {
        /* a bare string */
      }
      return { [SECRET_SIG_KEY]: SECRET_SIG, value: normaliseValue(plain) };
    }
    return hiddenSecret();
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseValue(v)]));
}

function fromState(state: Record<string, unknown>, where: string, file: string): CapturedResource {
  if (typeof state.urn !== "string" || typeof state.type !== "string") {
    throw new UsageError(`--input ${file}: ${where}: expected "urn" and "type" strings`);
  }
  const props = state.inputs ?? state.outputs ?? {};
  if (!isObject(props)) throw new UsageError(`--input ${file}: ${where}.inputs: expected an object`);
  return {
    urn: state.urn,
    type: state.type,
    name: urnName(state.urn),
    custom: state.custom !== false,
    parent: typeof state.parent === "string" && state.parent ? state.parent : null,
    dependencies: Array.isArray(state.dependencies) ? state.dependencies : [],
    propertyDependencies: isObject(state.propertyDependencies) ? state.propertyDependencies : {},
    options: {
      ...defaultOptions(),
      protect: state.protect === true,
      retainOnDelete: state.retainOnDelete === true,
      provider: typeof state.provider === "string" ? state.provider : undefined,
    },
    inputs: normaliseValue(props) as Record<string, unknown>,
  };
}

function fromArray(items: unknown[], file: string, stack: string): CapturedResource[] {
  return items.map((item, i) => {
    if (!isObject(item) || typeof item.type !== "string" || typeof item.name !== "string") {
      throw new UsageError(
        `--input ${file}: [${i}]: expected an object with "type" and "name" strings and a "props" object`,
      );
    }
    if (item.props !== undefined && !isObject(item.props))
      throw new UsageError(`--input ${file}: [${i}].props: expected an object`);
    return fromState(
      { urn: `urn:pulumi:${stack}::input::${item.type}::${item.name}`, type: item.type, inputs: item.props ?? {} },
      `[${i}]`,
      file,
    );
  });
}

/**
 * Reads resources from a JSON array of `{type, name, props}`, a `pulumi preview --json` digest
 * (`steps[].newState`) or a `pulumi stack export` document (`deployment.resources[]`).
 * @throws UsageError naming the file and what is wrong.
 */
export function readInputFile(file: string, stack = "input"): CapturedResource[] {
  const text = readUserFile(file, (reason) => `--input: cannot read ${file} (${reason})`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--input ${file}: not valid JSON: ${(err as Error).message}`);
  }
  if (tooDeep(doc)) throw new UsageError(`--input ${file}: nested deeper than ${MAX_NESTING} levels`);
  if (Array.isArray(doc)) return fromArray(doc, file, stack);
  if (isObject(doc) && Array.isArray(doc.steps)) {
    return doc.steps
      .map((step: unknown, i: number) => ({ step, i }))
      .flatMap(({ step, i }: { step: unknown; i: number }) =>
        isObject(step) && isObject(step.newState) ? [fromState(step.newState, `steps[${i}].newState`, file)] : [],
      );
  }
  if (isObject(doc) && isObject(doc.deployment)) {
    const list = doc.deployment.resources ?? [];
    if (!Array.isArray(list)) throw new UsageError(`--input ${file}: deployment.resources: expected an array`);
    return list.map((r: unknown, i: number) => {
      if (!isObject(r)) throw new UsageError(`--input ${file}: deployment.resources[${i}]: expected an object`);
      return fromState(r, `deployment.resources[${i}]`, file);
    });
  }
  throw new UsageError(
    `--input ${file}: expected a JSON array of {type, name, props}, a "pulumi preview --json" document (steps[]) or a "pulumi stack export" document (deployment.resources[])`,
  );
}
