import { z } from "zod";

type Def = { type: string; [k: string]: unknown };

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** The schemas `schema` stands for once wrappers (optional, default, pipe, lazy …) and unions are looked through. */
function alternatives(schema: z.ZodType, depth = 0): z.ZodType[] {
  if (depth > 32) return [];
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return alternatives(def.innerType as z.ZodType, depth + 1);
    case "pipe":
      return alternatives(def.in as z.ZodType, depth + 1);
    case "lazy":
      return alternatives((def.getter as () => z.ZodType)(), depth + 1);
    case "union":
      return (def.options as z.ZodType[]).flatMap((o) => alternatives(o, depth + 1));
    case "intersection":
      return [...alternatives(def.left as z.ZodType, depth + 1), ...alternatives(def.right as z.ZodType, depth + 1)];
    default:
      return [schema];
  }
}

/** The schemas at `path` under `schema` (several where a union leaves it open). */
export function schemasAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  let nodes = alternatives(schema);
  for (const seg of path) {
    nodes = nodes.flatMap((node): z.ZodType[] => {
      const def = defOf(node);
      if (def.type === "object" && typeof seg === "string") {
        const child = (def.shape as Record<string, z.ZodType>)[seg];
        return child ? alternatives(child) : [];
      }
      if (def.type === "array" && typeof seg === "number") return alternatives(def.element as z.ZodType);
      if (def.type === "tuple" && typeof seg === "number") {
        const item = (def.items as z.ZodType[])[seg];
        return item ? alternatives(item) : [];
      }
      if (def.type === "record") return alternatives(def.valueType as z.ZodType);
      return [];
    });
  }
  return nodes;
}

/** The keys an object at `path` under `schema` may have: what a misspelt key there is compared with. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = schemasAt(schema, path).flatMap((node) => {
    const def = defOf(node);
    return def.type === "object" ? Object.keys(def.shape as Record<string, unknown>) : [];
  });
  return [...new Set(keys)];
}
