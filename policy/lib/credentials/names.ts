/**
 * How the pack tells a credential's name from a setting's, the way a reviewer would:
 * `JWT_SECRET`, `DB_PASS`, `ENCRYPTION_KEY`, `GITHUB_BEARER`, `dbPassword` and `apiKey` name
 * credentials; `ACCESS_TOKEN_EXPIRE_MINUTES`, `NEXUM_PASSWORD_MIN_LENGTH`, `JWT_ALGORITHM` and
 * `EVENTS_PARTITION_KEY` describe one or name something else.
 */

/** Words that make a name a credential's. */
const CREDENTIAL_WORDS = new Set([
  "PASSWORD",
  "PASSWD",
  "PASS",
  "PWD",
  "PASSPHRASE",
  "SECRET",
  "SECRETS",
  "TOKEN",
  "BEARER",
  "AUTHORIZATION",
  "CREDENTIAL",
  "CREDENTIALS",
  "CREDS",
  "APIKEY",
  "PRIVATEKEY",
  "KUBECONFIG",
]);

/** Words that make a name a credential's on their own (`ENCRYPTION_*`, `JWT*`). */
const CREDENTIAL_PREFIXES = new Set(["ENCRYPTION", "JWT"]);

/** Whole names of well-known variables that hold a credential under no credential word. */
const CREDENTIAL_NAMES = new Set(["PGPASSWORD", "REDISCLI_AUTH", "MYSQL_PWD"]);

/** Words after `KEY` that say the name holds the key itself (`TLS_KEY_CONTENT`, `SIGNING_KEY_PEM`). */
const KEY_MATERIAL_WORDS = new Set([
  "CONTENT",
  "CONTENTS",
  "DATA",
  "PEM",
  "MATERIAL",
  "BASE64",
  "B64",
  "BODY",
  "VALUE",
]);

/** Words before `KEY` that make it a data key (a partition, sort or cache key), not a credential. */
const DATA_KEY_WORDS = new Set([
  "PARTITION",
  "SORT",
  "CACHE",
  "ROUTING",
  "IDEMPOTENCY",
  "PRIMARY",
  "FOREIGN",
  "SHARD",
  "RANGE",
  "DEDUP",
  "DEDUPLICATION",
  "LOOKUP",
  "GROUPING",
  "ORDERING",
  "OBJECT",
  "INDEX",
  "UNIQUE",
  "COMPOSITE",
  "SEARCH",
  "MESSAGE",
  "PUBLIC",
]);

/** Last words that make a name describe a credential rather than hold one: its lifetime, size, limits, location, switches. */
const DESCRIPTOR_WORDS = new Set([
  "EXPIRE",
  "EXPIRES",
  "EXPIRY",
  "EXPIRATION",
  "TTL",
  "LIFETIME",
  "AGE",
  "TIMEOUT",
  "MINUTES",
  "MINS",
  "SECONDS",
  "SECS",
  "HOURS",
  "DAYS",
  "MS",
  "LIMIT",
  "LIMITS",
  "RATE",
  "COUNT",
  "MAX",
  "MIN",
  "SIZE",
  "LENGTH",
  "LEN",
  "BYTES",
  "BITS",
  "ROUNDS",
  "ITERATIONS",
  "ATTEMPTS",
  "RETRIES",
  "ENABLED",
  "DISABLED",
  "ENABLE",
  "DISABLE",
  "REQUIRED",
  "FILE",
  "PATH",
  "DIR",
  "URL",
  "URI",
  "ENDPOINT",
  "HOST",
  "PORT",
  "HEADER",
  "NAME",
  "TYPE",
  "ALGORITHM",
  "ALG",
  "ISSUER",
  "AUDIENCE",
  "ID",
  "ROTATION",
  "VERSION",
  "REGION",
  "FORMAT",
  "MODE",
  "WINDOW",
  "INTERVAL",
  "PERIOD",
  "LOCATION",
  "ARN",
  "FIELD",
  "PREFIX",
  "SUFFIX",
  "PROVIDER",
  "STRATEGY",
  "POLICY",
  "LEVEL",
  "COOKIE",
  "SCOPE",
  "SCOPES",
  "LEEWAY",
  "TEMPLATE",
  "PATTERN",
  "REGEX",
  "REF",
  "REFERENCE",
  "STORE",
  "MOUNT",
]);

/** Words that make a name a digest of a credential, not the credential (`checksum/secret`, `PASSWORD_HASH`). */
const DIGEST_WORDS = new Set(["CHECKSUM", "HASH", "DIGEST", "SHA", "SHA256"]);

/** Names whose values point at a credential elsewhere: the Vault Agent injector's annotations. */
const REFERENCE_NAMES = [/^vault\.hashicorp\.com\//i];

/**
 * The words of a name, whatever its style: `NEXUM_JWT_SECRET_KEY`, `jwt-secret-key`,
 * `jwt.secret.key` and `jwtSecretKey` → [JWT, SECRET, KEY]. A path-like name
 * (`/app/prod/db_password`, `secret.reloader.stakater.com/reload`) is judged by its last segment.
 */
export function nameWords(name: string): string[] {
  const segment =
    name
      .split("/")
      .filter((s) => s.trim())
      .at(-1) ?? "";
  return segment
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/** Whether the name holds key material: a last word `KEY`, or `KEY` followed by a word such as `CONTENT`, and not a data key. */
function namesKey(w: string[]): boolean {
  const at = w.lastIndexOf("KEY");
  if (at < 1 || DATA_KEY_WORDS.has(w[at - 1])) return false;
  return at === w.length - 1 || w.slice(at + 1).every((x) => KEY_MATERIAL_WORDS.has(x));
}

/**
 * Whether a value under this name is a credential (so a literal value is a leak): a credential
 * word anywhere (`*_SECRET*`, `*PASSWORD*`, `*_PASS`, `*_BEARER`, `*TOKEN*`), key material
 * (`*_KEY`, `*_KEY_CONTENT`, but not `SORT_KEY` or `EVENTS_PARTITION_KEY`), or an `ENCRYPTION` or
 * `JWT` word — unless the last word says the name describes one (`*_EXPIRE_MINUTES`,
 * `*_ALGORITHM`, `*_ENABLED`, `*_URL`, `*_TEMPLATE`, …), it is a public key, or a digest.
 */
export function isCredentialName(name: string): boolean {
  if (REFERENCE_NAMES.some((re) => re.test(name))) return false;
  const w = nameWords(name);
  if (!w.length) return false;
  if (CREDENTIAL_NAMES.has(w.join("_"))) return true;
  const digest = nameWords(name.replace(/\//g, "_")).some((x) => DIGEST_WORDS.has(x));
  if (digest || DESCRIPTOR_WORDS.has(w[w.length - 1]) || w.includes("PUBLIC")) return false;
  return (
    w.some((x) => CREDENTIAL_WORDS.has(x) || CREDENTIAL_PREFIXES.has(x) || /PASSWO?R?D$/.test(x)) ||
    CREDENTIAL_WORDS.has(w.join("")) ||
    namesKey(w)
  );
}
