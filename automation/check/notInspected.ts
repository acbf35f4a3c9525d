import { CapturedResource } from "../core/resourceModel";
import type { Acceptance } from "../policy/stackPolicy";

/** A resource whose contents no policy or schema sees offline. */
export interface NotInspected {
  /** URN. */
  urn: string;
  /** Type token. */
  type: string;
  /** Logical name. */
  name: string;
  /** Why it cannot be inspected. */
  reason: string;
  /** Whether the stack accepts that (`guardrails:accepted` with `notInspected: true`). */
  accepted: boolean;
  /** The stack's reason, when accepted. */
  acceptedBecause?: string;
}

/** Types that stand for objects the checker never sees, and why. */
const UNSEEN: Record<string, string> = {
  "kubernetes:helm.sh/v4:Chart": "a Helm chart: the provider renders its objects in a real preview (where the pack judges them); offline there is no helm to render them",
  "kubernetes:helm.sh/v3:Chart": "a Helm chart rendered through helm template, which offline cannot run",
  "kubernetes:helm.sh/v3:Release": "a Helm release: Helm renders and applies its objects inside the provider, so no policy sees them offline or in a real preview",
  "kubernetes:yaml/v2:ConfigGroup": "YAML the provider expands in a real preview; offline its objects are not rendered",
  "kubernetes:yaml/v2:ConfigFile": "a YAML file the provider expands in a real preview; offline its objects are not rendered",
  "kubernetes:kustomize/v2:Directory": "a kustomization the provider builds in a real preview; offline it is not built",
};

/** The resources of a run whose contents are not inspected, with the stack's acceptances applied. */
export function findNotInspected(resources: CapturedResource[], acceptances: Acceptance[]): NotInspected[] {
  const accepted = new Map(acceptances.filter((a) => a.notInspected).map((a) => [a.name, a.reason]));
  return resources.filter((r) => r.type in UNSEEN).map((r) => {
    const because = accepted.get(r.name);
    return { urn: r.urn, type: r.type, name: r.name, reason: UNSEEN[r.type], accepted: because !== undefined, ...(because !== undefined ? { acceptedBecause: because } : {}) };
  });
}
