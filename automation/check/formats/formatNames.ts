/** The formats `platform check --format` writes. */
export const CHECK_FORMATS = ["text", "json", "sarif", "junit", "html"] as const;

/** A format of `platform check --format`. */
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** The formats `platform plan --format` writes. */
export const PLAN_FORMATS = ["text", "json", "html"] as const;

/** A format of `platform plan --format`. */
export type PlanFormat = (typeof PLAN_FORMATS)[number];
