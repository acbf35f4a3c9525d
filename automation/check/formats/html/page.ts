import { xmlEscape as esc } from "../xml";
import { REPORT_STYLES } from "./styles";

/**
 * A self-contained HTML document: inline styles, an optional inline script, and a content
 * security policy that lets it load nothing from anywhere.
 */
export function htmlPage(title: string, body: string, script = ""): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_STYLES}</style>`,
    "</head>",
    "<body>",
    body,
    script ? `<script>${script}</script>` : "",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
