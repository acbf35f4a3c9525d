import { argumentsAt, ArgvEnvironment, argvCredentialFindings } from "../../lib/argv";
import { describeFinding } from "../../lib/credentials/detector";
import { isCredentialName } from "../../lib/credentials/names";
import { handlersOf } from "../../lib/credentials/podFields";
import { groupTag } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** The variables of a container's environment that hold credentials, and whether it imports whole Secrets. */
function environmentOf(container: any): Omit<ArgvEnvironment, "expandsParentheses"> {
  const env: any[] = Array.isArray(container.env) ? container.env : [];
  return {
    secretVars: new Set(
      env
        .filter((e) => e?.valueFrom?.secretKeyRef || isCredentialName(String(e?.name ?? "")))
        .map((e) => String(e.name)),
    ),
    importsSecrets: (Array.isArray(container.envFrom) ? container.envFrom : []).some((e: any) => e?.secretRef),
  };
}

/**
 * Credentials never reach a process's arguments, which any process on the node and every
 * `ps` can read: no literal credential, no `--password=…`, no `PGPASSWORD='…'` in a shell script,
 * and no reference to a secret variable that Kubernetes (`$(VAR)`) or a shell (`$VAR`) expands
 * into an argument list — in the container's command and args, and in its probes' and lifecycle
 * hooks' exec commands (where Kubernetes expands nothing).
 */
export const argvCredentials = podPolicy(
  {
    name: "no-credentials-in-args",
    description:
      "Container command and args, and probe and lifecycle-hook exec commands, must not carry credentials, literally or through a variable expanded into them.",
    severity: "high",
    tags: [groupTag("hardening")],
    remediationSteps:
      "Let the program read the credential from its environment or a mounted file (PGPASSWORD, REDISCLI_AUTH, a config file from a Secret) instead of a flag.",
    url: "https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/",
  },
  (pod, report) => {
    for (const c of containersOf(pod)) {
      const env = environmentOf(c.container);
      const argv = [...argumentsAt(c.container.command, "command"), ...argumentsAt(c.container.args, "args")];
      const found = argvCredentialFindings(argv, { ...env, expandsParentheses: true });
      for (const { handler, path } of handlersOf(c.container)) {
        const command = argumentsAt(handler.exec?.command, `${path}.exec.command`);
        found.push(...argvCredentialFindings(command, { ...env, expandsParentheses: false }));
      }
      for (const f of found) report(`${where(c)} ${describeFinding(f)}.`);
    }
  },
);
