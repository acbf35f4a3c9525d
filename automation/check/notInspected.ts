import { parseKubernetesType } from "../../policy/lib/kubernetesType";
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
 * Kinds that make the cluster deploy or change content the stack does not hold — GitOps and
 * release controllers that render charts and kustomizations in the cluster, admission mutators
 * that rewrite every pod they admit — by `<group>:<Kind>`, every API version and their patches.
 * A kind whose content decides (a Kyverno policy mutates only with a `mutate` rule) names its test.
 */
const DEPLOYS_UNSEEN: Record<string, { reason: string; when?: (props: Record<string, unknown>) => boolean }> = {
  "helm.toolkit.fluxcd.io:HelmRelease": {
    reason: "a Flux HelmRelease: Flux renders and applies the chart in the cluster",
  },
  "kustomize.toolkit.fluxcd.io:Kustomization": {
    reason: "a Flux Kustomization: Flux builds and applies the kustomization in the cluster",
  },
  "argoproj.io:Application": { reason: "an Argo CD Application: Argo CD renders and syncs its source in the cluster" },
  "argoproj.io:ApplicationSet": { reason: "an Argo CD ApplicationSet: it generates Applications in the cluster" },
  "helm.cattle.io:HelmChart": {
    reason: "a HelmChart of the k3s/RKE2 Helm controller: the chart is installed in the cluster",
  },
  "fleet.cattle.io:GitRepo": { reason: "a Fleet GitRepo: Fleet deploys the repository's content in the cluster" },
  "fleet.cattle.io:Bundle": { reason: "a Fleet Bundle: Fleet deploys its resources in the cluster" },
  "kappctrl.k14s.io:App": { reason: "a kapp-controller App: it fetches, templates and deploys content in the cluster" },
  "packaging.carvel.dev:PackageInstall": { reason: "a Carvel PackageInstall: the package is deployed in the cluster" },
  "admissionregistration.k8s.io:MutatingWebhookConfiguration": {
    reason: "a mutating admission webhook: it rewrites objects at admission, after every policy has judged them",
  },
  "admissionregistration.k8s.io:MutatingAdmissionPolicy": {
    reason: "a mutating admission policy: it rewrites objects at admission, after every policy has judged them",
  },
  "mutations.gatekeeper.sh:Assign": { reason: "a Gatekeeper mutation: it rewrites objects at admission" },
  "mutations.gatekeeper.sh:AssignMetadata": { reason: "a Gatekeeper mutation: it rewrites objects at admission" },
  "mutations.gatekeeper.sh:ModifySet": { reason: "a Gatekeeper mutation: it rewrites objects at admission" },
  "mutations.gatekeeper.sh:AssignImage": { reason: "a Gatekeeper mutation: it rewrites objects at admission" },
  "kyverno.io:ClusterPolicy": {
    reason: "a Kyverno policy with mutate rules: it rewrites objects at admission",
    when: mutates,
  },
  "kyverno.io:Policy": {
    reason: "a Kyverno policy with mutate rules: it rewrites objects at admission",
    when: mutates,
  },
};

function mutates(props: Record<string, unknown>): boolean {
  const rules = (props.spec as { rules?: unknown } | undefined)?.rules;
  return !Array.isArray(rules) || rules.some((rule: { mutate?: unknown } | null) => rule?.mutate !== undefined);
}

/** Why an object's kind deploys content the checker cannot see, or `undefined`. */
function deploysUnseen(r: CapturedResource): string | undefined {
  const kind = parseKubernetesType(r.type);
  const entry = kind && DEPLOYS_UNSEEN[`${kind.group}:${kind.kind}`];
  return entry && (!entry.when || entry.when(r.inputs)) ? entry.reason : undefined;
}

/**
 * The resources of a run whose contents are not inspected — charts, releases, kustomizations,
 * kinds that deploy or rewrite content in the cluster, and manifests `expandManifests` could not
 * read (`unexpanded`) — with the stack's acceptances
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
    const deploys = deploysUnseen(r);
    if (deploys) return deploys;
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
