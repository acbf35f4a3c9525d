import { isObject } from "./resourceModel";

/** The types Pulumi's project schema lets `Pulumi.yaml` declare for a config key (`object` is not one). */
const DECLARABLE_TYPES = ["string", "integer", "boolean", "array"] as const;
type DeclarableType = (typeof DECLARABLE_TYPES)[number];
const DECLARATION_KEYS = ["type", "items", "description", "secret", "default"];

/** Problems of one `items` declaration of an array type, as Pulumi's project schema states them. */
function itemsProblems(items: unknown, at: string): string[] {
  if (!isObject(items) || typeof items.type !== "string")
    return [`${at}: expected {type: …} (string, integer, boolean or array)`];
  if (!(DECLARABLE_TYPES as readonly string[]).includes(items.type)) {
    return [`${at}.type: expected string, integer, boolean or array, got "${items.type}"`];
  }
  return items.type === "array" ? itemsProblems(items.items, `${at}.items`) : [];
}

/** Problems of `Pulumi.yaml`'s `config:` block that make the Pulumi CLI refuse the project. */
export function declarationProblems(declared: Record<string, unknown>): string[] {
  return Object.entries(declared).flatMap(([key, decl]) => {
    const at = `Pulumi.yaml: config.${key}`;
    if (!isObject(decl))
      return ["string", "number", "boolean"].includes(typeof decl) ? [] : [`${at}: expected a value or a declaration`];
    if ("value" in decl) return [];
    const problems = Object.keys(decl)
      .filter((k) => !DECLARATION_KEYS.includes(k))
      .map((k) => `${at}.${k}: unknown key (expected ${DECLARATION_KEYS.join(", ")})`);
    if (typeof decl.type !== "string" || !(DECLARABLE_TYPES as readonly string[]).includes(decl.type)) {
      const got = decl.type === undefined ? "nothing" : JSON.stringify(decl.type);
      problems.push(
        `${at}.type: expected string, integer, boolean or array (Pulumi declares no object type), got ${got}`,
      );
    } else if (decl.type === "array") {
      problems.push(...itemsProblems(decl.items, `${at}.items`));
    }
    return problems;
  });
}

function typeOfValue(value: unknown): DeclarableType | "object" | "number" {
  if (Array.isArray(value)) return "array";
  if (isObject(value)) return "object";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  return "string";
}

/**
 * What the Pulumi CLI refuses in a stack file against the project's declarations: a declared key
 * with no default that the stack does not set, a value of another type than declared.
 * @param values The stack's values by key in the project's namespace (secrets decrypted or not).
 */
export function declaredValueProblems(
  declared: Record<string, unknown>,
  values: Record<string, unknown>,
  project: string,
  stackFile: string,
): string[] {
  return Object.entries(declared).flatMap(([key, decl]) => {
    if (!isObject(decl) || "value" in decl || typeof decl.type !== "string") return [];
    const full = `${project}:${key}`;
    const value = values[full];
    if (value === undefined) {
      return "default" in decl
        ? []
        : [`${stackFile}: ${full}: required key is missing (Pulumi.yaml declares it with no default)`];
    }
    const isSecret = isObject(value) && Object.keys(value).length === 1 && "secure" in value;
    const actual = isSecret ? "string" : typeOfValue(value);
    return actual === decl.type
      ? []
      : [`${stackFile}: ${full}: expected ${decl.type} (as Pulumi.yaml declares it), got ${actual}`];
  });
}
