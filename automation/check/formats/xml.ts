/** Characters XML 1.0 does not allow at all (control characters other than tab, newline, carriage return). */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** `text` safe in XML content and in a double- or single-quoted attribute; characters XML cannot carry become U+FFFD. */
export function xmlEscape(text: string): string {
  return text
    .replace(INVALID, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** An element: `<name a="…">children</name>`, or `<name a="…"/>` with none. Attribute values are escaped; children are markup already. */
export function element(
  name: string,
  attributes: Record<string, string | number | undefined>,
  children: string[] = [],
): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join("");
  return children.length ? `<${name}${attrs}>${children.join("")}</${name}>` : `<${name}${attrs}/>`;
}
