import { knownOrUndefined } from "../unknowns";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A base64 value as text, when it decodes to UTF-8 without control bytes other than whitespace; `undefined` for binary. */
export function decodedText(base64: unknown): string | undefined {
  if (typeof base64 !== "string") return undefined;
  try {
    const text = UTF8.decode(Buffer.from(base64, "base64"));
    return /[\x00-\x08\x0e-\x1f\x7f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** A ConfigMap's `binaryData` with every entry that is text decoded, binary entries left out; values unknown in a preview are left out too. */
export function decodedBinaryData(binaryData: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!binaryData || typeof binaryData !== "object") return out;
  for (const key of Object.keys(binaryData)) {
    const text = decodedText(knownOrUndefined(() => (binaryData as Record<string, unknown>)[key]));
    if (text !== undefined) out[key] = text;
  }
  return out;
}
