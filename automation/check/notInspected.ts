import { CapturedResource } from "../core/resourceModel";
import { renderedChildOf } from "./expand";
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

/** Types whose objects the checker never sees unless the provider's rendered children come with them (a preview digest of a real run), and why. */
const UNSEEN: Record<string, string> = {
  "kubernetes:helm.sh/v4:Chart":
    "a Helm chart: the provider renders its objects in a real preview (where the pack judges them); offline there is no helm to render them",
  "kubernetes:helm.sh/v3:Chart": "a Helm chart rendered through helm template, which offline cannot run",
  "kubernetes:helm.sh/v3:Release":
    "a Helm release: Helm renders and applies its objects inside the provider, so no policy sees them offline or in a real preview",
  "kubernetes:kustomize/v2:Directory": "a kustomization the provider builds in a real preview; offline it is not built",
  "kubernetes:yaml:ConfigGroup": "a yaml (v1) ConfigGroup, decoded by a provider call offline cannot make",
  "kubernetes:yaml:ConfigFile": "a yaml (v1) ConfigFile, decoded by a provider call offline cannot make",
};

/** Types never inspected, whatever the input: their objects never reach a policy. */
const NEVER_SEEN = new Set(["kubernetes:helm.sh/v3:Release"]);

/**
 * The resources of a run whose contents are not inspected — charts, releases, kustomizations,
 * and manifests `expandManifests` could not read (`unexpanded`) — with the stack's acceptances
 * applied. A chart or kustomization counts as inspected by what came with it, not by having
 * children: only objects the provider rendered for it (named `<prefix>:…`) do; a resource the
 * program parented to it does not.
 */
export function findNotInspected(
  resources: CapturedResource[],
  acceptances: Acceptance[],
  unexpanded: ReadonlyMap<string, string> = new Map(),
): NotInspected[] {
  const accepted = new Map(acceptances.filter((a) => a.notInspected).map((a) => [a.name, a.reason]));
  const rendered = (r: CapturedResource) => resources.some((child) => renderedChildOf(r, child));
  const reasonOf = (r: CapturedResource): string | undefined => {
    if (unexpanded.has(r.urn)) return `manifests check could not read: ${unexpanded.get(r.urn)}`;
    if (!(r.type in UNSEEN)) return undefined;
    return NEVER_SEEN.has(r.type) || !rendered(r) ? UNSEEN[r.type] : undefined;
  };
  return resources.flatMap((r) => {
    const reason = reasonOf(r);
    if (reason === undefined) return [];
    const because = accepted.get(r.name);
    return [
      {
        urn: r.urn,
        type: r.type,
        name: r.name,
        reason,
        accepted: because !== undefined,
        ...(because !== undefined ? { acceptedBecause: because } : {}),
      },
    ];
  });
}
