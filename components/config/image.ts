/** Image references, shared with the policy pack so config checks and policies agree. */
export { isPinnedImage, parseImage } from "../../policy/lib/image";
export type { ImageReference } from "../../policy/lib/image";
