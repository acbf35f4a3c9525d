import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";

/** Namespaced sysctls Pod Security Standards "baseline" considers safe. */
export const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
]);

/** PSS baseline: only safe sysctls. */
export const sysctls = podPolicy(
  {
    name: "pss-sysctls",
    description: "Pods may set only the safe, namespaced sysctls.",
    severity: "high",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps: "Remove unsafe sysctls from spec.securityContext.sysctls; tune the node instead.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    const list: unknown = pod.spec.securityContext?.sysctls;
    if (!Array.isArray(list)) return;
    for (const s of list) {
      if (!SAFE_SYSCTLS.has(s?.name))
        report(`${pod.specPath}.securityContext.sysctls sets unsafe sysctl "${s?.name}".`);
    }
  },
);
