import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** SELinux types Pod Security Standards "baseline" allows. */
const ALLOWED_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

function problems(options: any): string[] {
  if (!options) return [];
  const out: string[] = [];
  if (options.type !== undefined && !ALLOWED_TYPES.has(options.type)) out.push(`type "${options.type}"`);
  if (options.user) out.push(`user "${options.user}"`);
  if (options.role) out.push(`role "${options.role}"`);
  return out;
}

/** PSS baseline: no custom SELinux user or role, and only container SELinux types. */
export const seLinux = podPolicy(
  {
    name: "pss-selinux",
    description: "SELinux options must not set a custom user or role, and the type must be a container type.",
    severity: "high",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps:
      "Remove seLinuxOptions.user and .role; use type container_t, container_init_t, container_kvm_t or container_engine_t.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    const podLevel = problems(pod.spec.securityContext?.seLinuxOptions);
    if (podLevel.length) report(`${pod.specPath}.securityContext.seLinuxOptions sets ${podLevel.join(", ")}.`);
    for (const c of containersOf(pod)) {
      const own = problems(c.container.securityContext?.seLinuxOptions);
      if (own.length) report(`${where(c)} seLinuxOptions sets ${own.join(", ")}.`);
    }
  },
);
