import * as path from "node:path";

/**
 * Where the SDK's own code lives: the repository in a checkout, `dist/` in an installed package.
 * Both share one layout, so every path below holds in either.
 */
export const CODE_ROOT = path.resolve(__dirname, "..", "..");

/** The policy pack folder (`PulumiPolicy.yaml` and its entry) that `pulumi preview --policy-pack` takes. */
export const POLICY_PACK_DIR = path.join(CODE_ROOT, "policy");

/** The enforcement presets a stack can name (`<preset>.json`, in `--policy-pack-config` format). */
export const POLICY_PRESETS_DIR = path.join(POLICY_PACK_DIR, "config");
