import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { stackConfigSchema } from "../components/config/schema";
import { CONFIG_NAMESPACE } from "../components/config/load";

/** Markers around the generated config reference in the README. */
export const REFERENCE_MARKERS = { start: "<!-- config-reference:start -->", end: "<!-- config-reference:end -->" };

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" or ");
  if (s.type === "array") return `list of ${s.items ? typeOf(s.items) : "values"}`;
  if (s.type === "object" && !s.properties && typeof s.additionalProperties === "object") return `map of ${typeOf(s.additionalProperties)}`;
  return s.type ?? "any";
}

function rows(schema: JsonSchema, prefix: string, out: string[]): void {
  const required = new Set(schema.required ?? []);
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const keyPath = prefix ? `${prefix}.${key}` : `${CONFIG_NAMESPACE}:${key}`;
    const need = "default" in prop ? `default \`${JSON.stringify(prop.default)}\`` : required.has(key) ? "required" : "optional";
    out.push(`| \`${keyPath}\` | ${typeOf(prop)} | ${need} | ${(prop.description ?? "").replace(/\|/g, "\\|")} |`);
    if (prop.properties) rows(prop, keyPath, out);
    if (prop.type === "array" && prop.items?.properties) rows(prop.items, `${keyPath}[]`, out);
  }
}

/** The config reference table, generated from {@link stackConfigSchema}. */
export function configReferenceMarkdown(): string {
  const schema = z.toJSONSchema(stackConfigSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const out = ["| Key | Type | Required / default | Description |", "| --- | --- | --- | --- |"];
  rows(schema, "", out);
  return out.join("\n");
}

/** Rewrites the README's config reference section; returns whether it changed. */
export function writeConfigReference(readmePath: string): boolean {
  const text = fs.readFileSync(readmePath, "utf8");
  const start = text.indexOf(REFERENCE_MARKERS.start);
  const end = text.indexOf(REFERENCE_MARKERS.end);
  if (start < 0 || end < start) throw new Error(`${readmePath}: config reference markers not found`);
  const next = `${text.slice(0, start + REFERENCE_MARKERS.start.length)}\n${configReferenceMarkdown()}\n${text.slice(end)}`;
  if (next !== text) fs.writeFileSync(readmePath, next);
  return next !== text;
}

if (require.main === module) {
  const readme = path.resolve(__dirname, "..", "README.md");
  console.log(writeConfigReference(readme) ? "README.md: config reference updated" : "README.md: config reference up to date");
}
