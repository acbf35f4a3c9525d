/** A policy statement as written (keys as IAM spells them). */
export type Statement = Record<string, any>;

/** The statements of a policy document, or why it cannot be read. */
export type ReadDocument = { statements: Statement[]; error?: undefined } | { statements?: undefined; error: string };

/** Reads a policy document given as a JSON string or an object, with `Statement` single or a list. */
export function readDocument(doc: unknown): ReadDocument {
  let parsed: any = doc;
  if (typeof doc === "string") {
    try {
      parsed = JSON.parse(doc);
    } catch {
      return { error: "is not valid JSON" };
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { error: "is not a policy document" };
  const s = parsed.Statement;
  if (s === undefined) return { statements: [] };
  return { statements: (Array.isArray(s) ? s : [s]).filter((x: unknown) => x && typeof x === "object") };
}

/** A statement's label for messages: its Sid, else its position. */
export function statementLabel(s: Statement, index: number): string {
  return typeof s.Sid === "string" && s.Sid ? `statement ${s.Sid}` : `Statement[${index}]`;
}

/** A value IAM lets be one string or a list, as a list of strings. */
export function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Whether a statement allows (Deny statements never grant anything). */
export function allows(s: Statement): boolean {
  return s.Effect === "Allow";
}
