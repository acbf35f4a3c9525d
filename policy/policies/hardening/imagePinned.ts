import { isPinnedImage } from "../../lib/image";
import { groupTag } from "../../lib/metadata";
import { podPolicy } from "../../lib/podPolicy";
import { containersOf, where } from "../../lib/workloads";

/** Every container image is pinned to a version tag or a digest. */
export const imagePinned = podPolicy(
  {
    name: "image-pinned",
    description:
      "Container images must be pinned to a version tag or digest (no tag, no :latest, no branch name such as :main).",
    severity: "medium",
    tags: [groupTag("hardening")],
    remediationSteps: "Reference images as registry/repo:1.2.3 or registry/repo@sha256:<digest>.",
    url: "https://kubernetes.io/docs/concepts/containers/images/#image-names",
    configSchema: {
      properties: { requireDigest: { type: "boolean", default: false } },
    },
  },
  (pod, report, args) => {
    const { requireDigest } = args.getConfig<{ requireDigest?: boolean }>();
    for (const c of containersOf(pod)) {
      const image = String(c.container.image ?? "");
      if (!isPinnedImage(image))
        report(
          `${where(c)} image "${image}" is not pinned to a version tag or digest (a tag without one, or a word like latest or main, moves).`,
        );
      else if (requireDigest && !image.includes("@sha256:"))
        report(`${where(c)} image "${image}" is not pinned to a digest.`);
    }
  },
);
