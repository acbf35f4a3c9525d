/**
 * Values that refer to a credential instead of holding it: template and variable syntaxes that
 * something fills in later, and pointers to where the credential is kept.
 */

/** One syntax that stands for a value filled in later. */
export interface TemplateSyntax {
  /** Short name, for tests. */
  id: string;
  /** What fills it in. */
  description: string;
  /** Where it occurs in a value. */
  pattern: RegExp;
  /** Whether a shell expands it (so not inside single quotes). */
  shell: boolean;
}

/** Every template syntax a credential-named value may hold instead of the credential. */
export const TEMPLATE_SYNTAXES: readonly TemplateSyntax[] = [
  {
    id: "shell-variable",
    description: "a shell or config-file variable: $VAR, ${VAR}, ${VAR:-default}, ${file:/path:key}",
    pattern: /\$\{[^}\s]+\}|\$[A-Za-z_][A-Za-z0-9_]*/,
    shell: true,
  },
  {
    id: "command-substitution",
    description: "a shell command substitution: $(cat /run/secrets/token), `cat /run/secrets/token`",
    pattern: /\$\(|`[^`]+`/,
    shell: true,
  },
  {
    id: "kubernetes-variable",
    description: "a Kubernetes dependent variable: $(VAR)",
    pattern: /\$\([A-Za-z_][A-Za-z0-9_]*\)/,
    shell: false,
  },
  {
    id: "grafana-expansion",
    description: "a Grafana provisioning expansion: $__file{/path}, $__env{VAR}, $__vault{ref}",
    pattern: /\$__(?:file|env|vault)\{[^}]*\}/,
    shell: false,
  },
  {
    id: "go-template",
    description: "a Go template action: Vault Agent {{ .Data.password }}, {{ with secret … }}, Helm {{ .Values.x }}",
    pattern: /\{\{[\s\S]*?\}\}/,
    shell: false,
  },
  {
    id: "erb-jinja",
    description: "an ERB or Jinja expression: <%= … %>, {% … %}",
    pattern: /<%=?[\s\S]*?%>|\{%[\s\S]*?%\}/,
    shell: false,
  },
  {
    id: "symfony-env",
    description: "a Symfony environment processor: %env(VAR)%",
    pattern: /%env\([^)]+\)%/,
    shell: false,
  },
];

/** Whole values that point at where a credential is kept: a path, a file or env reference, a Vault or AWS reference, a placeholder. */
const REFERENCE = /^(\/\S*|(file|env|vault|secret|ref\+\w+):\S*|arn:aws[\w-]*:(secretsmanager|ssm|kms):\S*|<[^<>]+>)$/i;

/** Values that say there is no credential. */
const NO_VALUE = /^(|true|false|null|nil|none|~)$/i;

/**
 * Whether a value refers to a credential rather than holding it: it holds a template syntax, or
 * it is a pointer (a path, `file:`, `env:`, an ARN of a secret, a `<placeholder>`), or says there is
 * none. A single-quoted shell value is literal to the shell, so only non-shell syntaxes count there.
 */
export function isReference(value: string, singleQuotedShell = false): boolean {
  const v = value.trim();
  if (NO_VALUE.test(v) || REFERENCE.test(v)) return true;
  return TEMPLATE_SYNTAXES.some((t) => (!singleQuotedShell || !t.shell) && t.pattern.test(v));
}
