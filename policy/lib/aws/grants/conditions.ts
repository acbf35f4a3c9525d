/**
 * Condition keys that tie a request to the owner's own sources, accounts, organisation or
 * network, so a statement for everyone is not public (the keys IAM Access Analyzer and S3 Block
 * Public Access treat as narrowing).
 */
export const NARROWING_KEYS = [
  "aws:SourceArn",
  "aws:SourceAccount",
  "aws:SourceOwner",
  "aws:SourceOrgID",
  "aws:SourceOrgPaths",
  "aws:SourceVpc",
  "aws:SourceVpce",
  "aws:PrincipalOrgID",
  "aws:PrincipalOrgPaths",
  "aws:PrincipalAccount",
  "aws:PrincipalArn",
  "aws:userid",
  "kms:CallerAccount",
  "kms:ViaService",
  "sns:Endpoint",
];

const narrowing = new Set(NARROWING_KEYS.map((k) => k.toLowerCase()));

/** A value that pins the key (not a bare wildcard). */
function pins(value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.length > 0 && values.every((v) => typeof v === "string" && v !== "" && v !== "*");
}

/**
 * Whether a Condition narrows a statement to known callers: one positive operator (no `Not…`,
 * no `…IfExists`, no `Null`) on a narrowing key with a pinned value.
 */
export function narrowsToKnownCallers(condition: unknown): boolean {
  if (!condition || typeof condition !== "object") return false;
  return Object.entries(condition as Record<string, unknown>).some(([operator, keys]) => {
    if (/Not|IfExists$|^Null$/.test(operator) || !keys || typeof keys !== "object") return false;
    return Object.entries(keys as Record<string, unknown>).some(
      ([key, value]) => narrowing.has(key.toLowerCase()) && pins(value),
    );
  });
}
