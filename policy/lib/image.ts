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

/** Whether an image is pinned: it has a digest, or a tag other than `latest`. */
export function isPinnedImage(image: string): boolean {
  const ref = parseImage(image);
  return !!ref && (!!ref.digest || (!!ref.tag && ref.tag !== "latest"));
}
