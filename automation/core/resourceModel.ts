/** Resource options as the engine received them. */
export interface CapturedOptions {
  /** `protect`. */
  protect: boolean;
  /** `retainOnDelete`. */
  retainOnDelete: boolean;
  /** `ignoreChanges` property paths. */
  ignoreChanges: string[];
  /** `deleteBeforeReplace`. */
  deleteBeforeReplace: boolean;
  /** `additionalSecretOutputs`. */
  additionalSecretOutputs: string[];
  /** `replaceOnChanges` property paths. */
  replaceOnChanges: string[];
  /** `deletedWith` URN, if any. */
  deletedWith?: string;
  /** Provider reference (`<provider urn>::<id>`), if explicit or inherited. */
  provider?: string;
  /** Requested provider plugin version, if pinned. */
  version?: string;
  /** Custom timeouts, when set. */
  customTimeouts?: { create?: string; update?: string; delete?: string };
}

/** A place in the project's source: what Pulumi records as a resource's source position. */
export interface SourcePosition {
  /** The file, relative to the project directory, with `/` separators. */
  uri: string;
  /** Line, 1-based. */
  line: number;
  /** Column, 1-based. */
  column: number;
}

/** One resource the program registered, as the engine would see it in a preview. */
export interface CapturedResource {
  /** Full URN. */
  urn: string;
  /** Type token, e.g. `kubernetes:apps/v1:Deployment`. */
  type: string;
  /** Logical name (last URN segment). */
  name: string;
  /** Custom (provider-managed) resource, or component. */
  custom: boolean;
  /** Parent URN, or `null` for the stack itself. */
  parent: string | null;
  /** URNs this resource depends on. */
  dependencies: string[];
  /** Property name → URNs the property's value came from. */
  propertyDependencies: Record<string, string[]>;
  /** Resource options. */
  options: CapturedOptions;
  /**
   * Inputs as deserialized from the registration, with Pulumi's wire markers intact:
   * secrets as `{ [SECRET_SIG_KEY]: SECRET_SIG, value }`, unknowns as {@link UNKNOWN_VALUE}.
   */
  inputs: Record<string, unknown>;
  /**
   * Registered only when the program ran as an update: inside an `apply` callback whose value a
   * preview does not know, so `pulumi preview` never shows it and its policies first run at `up`.
   * @default false (absent)
   */
  createdInApply?: boolean;
  /**
   * Registered by the program's own process under the offline mock engine: no provider rendered
   * it, whatever it is named or parented to.
   * @default false (absent: read from a preview digest or stack export, or expanded by the checker)
   */
  registeredByProgram?: boolean;
  /**
   * Where the project's own code created it (the first stack frame in the project's files).
   * @default absent (no project frame: created inside an `apply` callback, read from a file, or expanded by the checker)
   */
  sourcePosition?: SourcePosition;
}

/** The property key that marks a special value on the wire. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret value. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The signature of a resource reference. */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** Pulumi's marker for a value not known until apply (also used by `pulumi preview --json`). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** How reports print a secret value. */
export const SECRET_TEXT = "[secret]";

/** The options of a resource registered without any. */
export function defaultOptions(): CapturedOptions {
  return {
    protect: false,
    retainOnDelete: false,
    ignoreChanges: [],
    deleteBeforeReplace: false,
    additionalSecretOutputs: [],
    replaceOnChanges: [],
  };
}

/** Whether a value is a plain JSON object (not an array, not null). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read from files and wire values; callers narrow each field they use
export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whether a wire value is a secret envelope. */
export function isSecretEnvelope(v: unknown): v is { value: unknown } {
  return isObject(v) && v[SECRET_SIG_KEY] === SECRET_SIG;
}

/**
 * The report view of wire values: secrets become `"[secret]"`, resource references their URN,
 * unknowns stay as {@link UNKNOWN_VALUE}.
 */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (!isObject(value)) return value;
  if (isSecretEnvelope(value)) return SECRET_TEXT;
  if (value[SECRET_SIG_KEY] === RESOURCE_SIG) return value.urn;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
}

/** The plain view of wire values: secrets unwrapped, resource references as their URN. */
export function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrap);
  if (!isObject(value)) return value;
  if (isSecretEnvelope(value)) return unwrap(value.value);
  if (value[SECRET_SIG_KEY] === RESOURCE_SIG) return value.urn;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)]));
}

/** Logical name of a URN (its last `::` segment). */
export function urnName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Fields that hold secrets by the resource's type, whether or not the program marked them. */
const SECRET_FIELDS: Record<string, readonly string[]> = {
  "kubernetes:core/v1:Secret": ["data", "stringData"],
  "kubernetes:core/v1:SecretPatch": ["data", "stringData"],
};

/**
 * The resource with every field its type makes secret (a Kubernetes Secret's `data` and
 * `stringData`) wrapped as a secret, so reports and messages never show it.
 */
export function withTypedSecrets(resource: CapturedResource): CapturedResource {
  const fields = SECRET_FIELDS[resource.type];
  if (!fields || !fields.some((f) => resource.inputs[f] !== undefined && !isSecretEnvelope(resource.inputs[f])))
    return resource;
  const inputs = { ...resource.inputs };
  for (const f of fields) {
    if (inputs[f] !== undefined && !isSecretEnvelope(inputs[f]))
      inputs[f] = { [SECRET_SIG_KEY]: SECRET_SIG, value: inputs[f] };
  }
  return { ...resource, inputs };
}
