import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { ensure, podPolicy } from "../../lib/podPolicy";
import { containersOf, isWindowsPod, where } from "../../lib/workloads";

/** PSS restricted: drop ALL capabilities and add back at most NET_BIND_SERVICE. */
export const capabilitiesRestricted = podPolicy(
  {
    name: "pss-capabilities-restricted",
    description: "Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE.",
    severity: "high",
    framework: podSecurityStandards("Restricted"),
    tags: [groupTag("pod-security"), "pss-restricted"],
    remediationSteps:
      'Set securityContext.capabilities.drop: ["ALL"] on every container; add only NET_BIND_SERVICE if the process binds a port below 1024.',
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
  },
  (pod, report) => {
    if (isWindowsPod(pod)) return;
    for (const c of containersOf(pod)) {
      const caps = c.container.securityContext?.capabilities;
      const drop: unknown = caps?.drop;
      if (!Array.isArray(drop) || !drop.includes("ALL")) report(`${where(c)} does not drop ALL capabilities.`);
      const add: unknown = caps?.add;
      const extra = Array.isArray(add) ? add.filter((cap: string) => cap !== "NET_BIND_SERVICE") : [];
      if (extra.length) report(`${where(c)} adds ${extra.join(", ")}; only NET_BIND_SERVICE may be added.`);
    }
  },
  (pod) => {
    if (isWindowsPod(pod)) return false;
    let changed = false;
    for (const c of containersOf(pod)) {
      const caps = ensure(ensure(c.container, "securityContext"), "capabilities");
      const drop: string[] = Array.isArray(caps.drop) ? [...caps.drop] : [];
      if (drop.includes("ALL")) continue;
      caps.drop = [...drop, "ALL"];
      changed = true;
    }
    return changed;
  },
);
