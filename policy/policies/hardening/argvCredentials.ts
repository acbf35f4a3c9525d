import { argvCredentialFindings } from "../../lib/argv";
import { isCredentialName } from "../../lib/credentials";
import { groupTag } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * Credentials never reach a process's arguments, which any process on the node and every
 * `ps` can read: no literal credential, no `--password=…`, and no reference to a secret variable
 * that Kubernetes (`$(VAR)`) or a shell (`$VAR`) expands into an argument list.
 */
export const argvCredentials = podPolicy(
  {
    name: "no-credentials-in-args",
    description:
      "Container command and args must not carry credentials, literally or through a variable expanded into them.",
    severity: "high",
    tags: [groupTag("hardening")],
    remediationSteps:
      "Let the program read the credential from its environment or a mounted file (PGPASSWORD, REDISCLI_AUTH, a config file from a Secret) instead of a flag.",
    url: "https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/",
  },
  (pod, report) => {
    for (const c of containersOf(pod)) {
      const env: any[] = Array.isArray(c.container.env) ? c.container.env : [];
      const secretVars = new Set(
        env
          .filter((e) => e?.valueFrom?.secretKeyRef || isCredentialName(String(e?.name ?? "")))
          .map((e) => String(e.name)),
      );
      const importsSecrets = (Array.isArray(c.container.envFrom) ? c.container.envFrom : []).some(
        (e: any) => e?.secretRef,
      );
      const argv = [...strings(c.container.command), ...strings(c.container.args)];
      for (const finding of argvCredentialFindings(argv, { secretVars, importsSecrets, expandsParentheses: true }))
        report(`${where(c)} ${finding}.`);
    }
  },
);
