import { groupTag, podSecurityStandards } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

const ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

function allowedAnnotation(value: string): boolean {
  return value === "runtime/default" || value.startsWith("localhost/");
}

function allowedProfile(profile: any): boolean {
  return profile?.type === undefined || profile.type === "RuntimeDefault" || profile.type === "Localhost";
}

/** PSS baseline: AppArmor may be the runtime default or a local profile, never unconfined. */
export const appArmor = podPolicy(
  {
    name: "pss-apparmor",
    description: "AppArmor must not be disabled (no Unconfined profile).",
    severity: "high",
    framework: podSecurityStandards("Baseline"),
    tags: [groupTag("pod-security"), "pss-baseline"],
    remediationSteps:
      "Use appArmorProfile.type RuntimeDefault or Localhost (or leave it unset); remove 'unconfined' AppArmor annotations.",
    url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
  },
  (pod, report) => {
    const annotations = pod.metadata?.annotations ?? {};
    for (const key of Object.keys(annotations)) {
      if (key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(String(annotations[key]))) {
        report(`annotation ${key} is "${annotations[key]}"; use runtime/default or localhost/<profile>.`);
      }
    }
    if (!allowedProfile(pod.spec.securityContext?.appArmorProfile)) {
      report(
        `${pod.specPath}.securityContext.appArmorProfile.type is ${pod.spec.securityContext.appArmorProfile.type}.`,
      );
    }
    for (const c of containersOf(pod)) {
      const profile = c.container.securityContext?.appArmorProfile;
      if (!allowedProfile(profile)) report(`${where(c)} sets appArmorProfile.type ${profile.type}.`);
    }
  },
);
