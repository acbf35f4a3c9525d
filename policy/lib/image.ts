/** Parts of a container image reference. */
export interface ImageReference {
  /** Registry and repository, e.g. `registry.example/lending/api`. */
  repository: string;
  /** Tag, if any. */
  tag?: string;
  /** Content digest (`sha256:…`), if any. */
  digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Splits an image reference into repository, tag and digest; `undefined` when malformed. */
export function parseImage(image: string): ImageReference | undefined {
  if (!image || /\s/.test(image)) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.indexOf(":", lastSlash + 1);
  const repository = colon >= 0 ? rest.slice(0, colon) : rest;
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  if (!repository || (tag !== undefined && !TAG.test(tag))) return undefined;
  return { repository, tag, digest };
}

/**
 * Tags that name a release: a version (`1.2.3`, `v0.16.0`, `16.4-alpine`, `2026-12-01`) or a
 * commit (`sha-3f2a9c1`, a 7–40 digit hex id). Words — `latest`, `main`, `develop`, `stable` —
 * name whatever was pushed last under them.
 */
const RELEASE_TAG = /^(v?\d|(sha-|git-)?[0-9a-f]{7,40}$)/i;

/** Whether a tag names one release (a version or a commit) rather than a moving branch or channel. */
export function isReleaseTag(tag: string): boolean {
  return RELEASE_TAG.test(tag);
}

/** Whether an image is pinned: it has a digest, or a tag naming one release (not `latest`, not a branch). */
export function isPinnedImage(image: string): boolean {
  const ref = parseImage(image);
  return !!ref && (!!ref.digest || (!!ref.tag && isReleaseTag(ref.tag)));
}
