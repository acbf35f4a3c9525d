import { isCredentialName, looksSecret } from "./credentials";

/** `$(VAR)` (expanded by Kubernetes into the arguments) and `$VAR` / `${VAR}` (expanded by a shell into its children's). */
const REFERENCES = /\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;
/** A shell assignment (`PGPASSWORD="$DB_PASSWORD" pg_dump …`, `export X=$Y`) ends right before the reference: the value goes to the environment, not to argv. */
const ASSIGNMENT = /(^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*=["']?$/;
/** `--password=…`, `-p …`. */
const FLAG = /^--?([A-Za-z][A-Za-z0-9_-]*)(?:=(.*))?$/;

/** What a container's environment says about the variables its arguments may name. */
export interface ArgvEnvironment {
  /** Variables that hold credentials (from a Secret, or by name). */
  secretVars: Set<string>;
  /** Whether whole Secrets are imported (`envFrom`), so any credential-named variable may be one. */
  importsSecrets: boolean;
  /** Whether `$(VAR)` is expanded into the arguments (Kubernetes does; ECS does not). */
  expandsParentheses: boolean;
}

/**
 * Why an argument list carries a credential, one reason per finding, values never included:
 * a literal credential, a credential-named flag with a value, or a secret variable that is
 * expanded into the arguments (by Kubernetes, or by a shell that passes it on to a child).
 */
export function argvCredentialFindings(argv: string[], env: ArgvEnvironment): string[] {
  const findings: string[] = [];
  argv.forEach((arg, i) => {
    const flag = FLAG.exec(arg);
    const value = flag ? (flag[2] ?? argv[i + 1]) : undefined;
    if (looksSecret(arg)) findings.push(`argument ${i} holds a credential (value not shown)`);
    else if (flag && isCredentialName(flag[1]) && value && !value.startsWith("-"))
      findings.push(`passes ${flag[1]} as an argument (value not shown)`);
    for (const m of arg.matchAll(REFERENCES)) {
      const shell = m[1] === undefined;
      const name = m[1] ?? m[2];
      if (!shell && !env.expandsParentheses) continue;
      if (shell && ASSIGNMENT.test(arg.slice(0, m.index))) continue;
      if (env.secretVars.has(name) || (shell && env.importsSecrets && isCredentialName(name))) {
        findings.push(
          `expands ${name} into ${shell ? "a command line its shell runs" : "its arguments"}, where any process on the node can read it`,
        );
      }
    }
  });
  return findings;
}
