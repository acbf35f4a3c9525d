/**
 * How the pack tells a credential from configuration, by name and by value, the way a reviewer
 * would: `JWT_SECRET`, `DB_PASSWORD`, `ENCRYPTION_KEY` and `GITHUB_TOKEN` are credentials;
 * `ACCESS_TOKEN_EXPIRE_MINUTES`, `NEXUM_RATE_LIMIT_AUTH`, `NEXUM_PASSWORD_MIN_LENGTH` and
 * `NEXUM_JWT_ALGORITHM` describe one. Any value shaped like a credential (a URL with a password,
 * a private key, an AWS key id, a JWT, a Slack webhook) is one whatever its name.
 */

/** Words that make a name a credential's. */
const CREDENTIAL_WORDS = new Set([
  "PASSWORD",
  "PASSWD",
  "PWD",
  "PASSPHRASE",
  "SECRET",
  "SECRETS",
  "TOKEN",
  "CREDENTIAL",
  "CREDENTIALS",
  "APIKEY",
  "PRIVATEKEY",
  "KUBECONFIG",
]);

/** Words that make a name a credential's on their own (`ENCRYPTION_*`, `JWT*`). */
const CREDENTIAL_PREFIXES = new Set(["ENCRYPTION", "JWT"]);

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
]);

/** Values that are credentials whatever their name. */
const CREDENTIAL_VALUES = [
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i, // a URL with a password (and a user, or none)
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/, // a PEM private key
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // an AWS access key id
  /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+$/, // a signed JWT
  /^https:\/\/hooks\.slack\.com\/services\//, // a Slack webhook
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/, // a GitHub token
];

/** The words of an environment variable name: `NEXUM_JWT_SECRET_KEY` → [NEXUM, JWT, SECRET, KEY]. */
function words(name: string): string[] {
  return name
    .split(/[_.-]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/**
 * Whether a variable of this name holds a credential (so a literal value is a leak): a credential
 * word anywhere (`*_SECRET*`, `*PASSWORD*`, `*TOKEN*`), a last word `KEY` (`*_KEY`), or an
 * `ENCRYPTION` or `JWT` word — unless the last word says the name describes one (`*_EXPIRE_MINUTES`,
 * `*_ALGORITHM`, `*_ENABLED`, `*_URL`, …) or it is a public key.
 */
export function isCredentialName(name: string): boolean {
  const w = words(name);
  if (!w.length) return false;
  const last = w[w.length - 1];
  if (DESCRIPTOR_WORDS.has(last) || w.includes("PUBLIC")) return false;
  return (
    w.some((x) => CREDENTIAL_WORDS.has(x) || CREDENTIAL_PREFIXES.has(x)) ||
    CREDENTIAL_WORDS.has(w.join("")) ||
    (last === "KEY" && w.length > 1)
  );
}

/** Whether a literal value is a credential whatever its name. */
export function looksSecret(value: string): boolean {
  return CREDENTIAL_VALUES.some((re) => re.test(value));
}
