import { CredentialFinding, findCredentials } from "./credentials/detector";
import { isCredentialName } from "./credentials/names";
import { isReference } from "./credentials/templates";

/** `$(VAR)` (expanded by Kubernetes into the arguments) and `$VAR` / `${VAR}` (expanded by a shell into its children's). */
const REFERENCES = /\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;
/** A shell assignment (`PGPASSWORD="$DB_PASSWORD" pg_dump …`, `export X=$Y`) ends right before the reference: the value goes to the environment, not to argv. */
const ASSIGNMENT = /(^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*=["']?$/;
/** A flag whose value is the next argument: `--password`, `-p`. */
const BARE_FLAG = /^--?([A-Za-z][A-Za-z0-9_-]*)$/;

/** What a container's environment says about the variables its arguments may name. */
export interface ArgvEnvironment {
  /** Variables that hold credentials (from a Secret, or by name). */
  secretVars: Set<string>;
  /** Whether whole Secrets are imported (`envFrom`), so any credential-named variable may be one. */
  importsSecrets: boolean;
  /** Whether `$(VAR)` is expanded into the arguments (Kubernetes does in command and args; not in probes, hooks or ECS). */
  expandsParentheses: boolean;
}

/** One argument and where it sits (`args[1]`, `livenessProbe.exec.command[2]`). */
export interface Argument {
  /** Path for messages. */
  path: string;
  /** The argument. */
  value: string;
}

/** The arguments of a list read from a resource: each as a string, with its path. */
export function argumentsAt(list: unknown, path: string): Argument[] {
  return Array.isArray(list) ? list.map((value, i) => ({ path: `${path}[${i}]`, value: String(value) })) : [];
}

/** A secret variable expanded into the arguments — by Kubernetes, or by a shell that passes it on to a child. */
function expansions(arg: Argument, env: ArgvEnvironment): CredentialFinding[] {
  const found: CredentialFinding[] = [];
  for (const m of arg.value.matchAll(REFERENCES)) {
    const shell = m[1] === undefined;
    const name = m[1] ?? m[2];
    if (!shell && !env.expandsParentheses) continue;
    if (shell && ASSIGNMENT.test(arg.value.slice(0, m.index))) continue;
    if (env.secretVars.has(name) || (shell && env.importsSecrets && isCredentialName(name))) {
      found.push({
        path: arg.path,
        rule: shell ? "shell-expansion" : "kubernetes-expansion",
        what: `expands ${name} into ${shell ? "a command line its shell runs" : "the arguments"}, where any process on the node can read it`,
        literal: false,
      });
    }
  }
  return found;
}

/**
 * Why an argument list carries a credential, values never included: what the detector finds in
 * each argument (a credential shape, `--password=…`, a `PGPASSWORD='…'` assignment in a shell
 * script), a credential-named flag followed by a literal value, and a secret variable expanded
 * into the arguments.
 */
export function argvCredentialFindings(argv: Argument[], env: ArgvEnvironment): CredentialFinding[] {
  return argv.flatMap((arg, i) => {
    const flag = BARE_FLAG.exec(arg.value);
    const next = argv[i + 1];
    const flagged =
      flag && next && isCredentialName(flag[1]) && !next.value.startsWith("-") && !isReference(next.value)
        ? [{ path: next.path, rule: "flag", what: `${flag[1]} flag with a literal value`, literal: true }]
        : [];
    return [...findCredentials(arg.value, arg.path), ...flagged, ...expansions(arg, env)];
  });
}
