import * as fs from "node:fs";
import * as path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { main } from "../automation/cli";

/** Where the generated CLI reference lives. */
export const CLI_REFERENCE_FILE = path.resolve(__dirname, "..", "docs", "reference", "cli.md");

/** The commands, in the order the page shows them. */
const COMMANDS = ["check", "plan", "preview", "up", "destroy", "refresh", "outputs"];

/** What `platform <argv> --help` prints, at commander's fixed width whatever the terminal. */
async function helpOf(argv: string[]): Promise<string> {
  let text = "";
  const io = { out: (s: string) => void (text += s), err: (s: string) => void (text += s) };
  const tty = Object.getOwnPropertyDescriptor(process.stdout, "isTTY");
  Object.defineProperty(process.stdout, "isTTY", { value: false, configurable: true });
  try {
    await main([...argv, "--help"], io);
  } finally {
    if (tty) Object.defineProperty(process.stdout, "isTTY", tty);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
  }
  return stripVTControlCharacters(text).trimEnd();
}

/** The whole `docs/reference/cli.md`: the commander definitions' own help, command by command. */
export async function cliReferenceDocument(): Promise<string> {
  const out = [
    "# CLI reference: `platform`",
    "",
    "The `platform` bin of `@acme/platform` (`npx platform …` in a team's project, `npm run platform -- …` in this",
    "repository). Generated from the CLI's own command definitions (`automation/cli.ts`) by `npm run docs`; a test",
    "fails when this page and the code disagree. What `check` does: [first check](../get-started/first-check.md);",
    "its `--json` document: [report](report.md); the library the stack operations run on: [Automation API](automation-api.md).",
    "",
    "Exit codes of `check`: **0** clean; **1** a mandatory violation, a schema error, a duplicate identity, a resource",
    "not inspected or a mandatory policy stopped by an unknown value, and not accepted; **2** a usage, config or input",
    'error (one line naming the flag, file or key; with `--json` also one `{ "error", "exitCode" }` document on',
    "stdout); **3** the program or a policy could not be evaluated (the cause, the resource, the program file and",
    "line). Stack operations: **0** ok; **1** the operation",
    "failed or mandatory policies blocked it; **2** a usage or config error, an unconfirmed `up` or `destroy`, or no",
    "Pulumi CLI. `--help` and `--version` exit 0.",
    "",
    "## `platform`",
    "",
    "```",
    await helpOf([]),
    "```",
    "",
  ];
  for (const command of COMMANDS) out.push(`## \`platform ${command}\``, "", "```", await helpOf([command]), "```", "");
  return out.join("\n");
}

if (require.main === module) {
  void cliReferenceDocument().then((next) => {
    const current = fs.existsSync(CLI_REFERENCE_FILE) ? fs.readFileSync(CLI_REFERENCE_FILE, "utf8") : "";
    fs.mkdirSync(path.dirname(CLI_REFERENCE_FILE), { recursive: true });
    if (next !== current) fs.writeFileSync(CLI_REFERENCE_FILE, next);
    console.log(next !== current ? "docs/reference/cli.md updated" : "docs/reference/cli.md up to date");
  });
}
