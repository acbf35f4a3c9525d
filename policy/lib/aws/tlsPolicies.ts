/** Which service's security policy names a name belongs to. */
export type TlsPolicyFamily = "elb" | "cloudfront" | "apigateway";

/** What a security policy's name says about the protocols it accepts. */
export interface TlsPolicyReading {
  /** The oldest protocol the policy accepts, e.g. `TLS 1.2`; unset when the name follows no documented pattern. */
  minimum?: string;
  /** Whether the policy is acceptable: TLS 1.2 or newer (and, for CloudFront, ciphers of 2021 or later). */
  ok: boolean;
  /** Why it is refused, for a message. @default none (it is acceptable) */
  reason?: string;
}

/** A documented naming pattern: the protocol minimum (`[major, minor]`, SSL 3 as `[0, 3]`) and cipher year it encodes. */
interface NamePattern {
  re: RegExp;
  read: (m: RegExpMatchArray) => { version: [number, number]; year?: number };
}

const tls1 = (minor: string): [number, number] => [1, Number(minor)];

/** Documented name patterns per family, newest style first. */
const PATTERNS: Record<TlsPolicyFamily, NamePattern[]> = {
  elb: [
    // ELBSecurityPolicy-TLS13-1-2-2021-06, -TLS13-1-2-Res-PQ-2025-09, -TLS13-1-3-FIPS-2023-04
    { re: /^ELBSecurityPolicy-TLS13-1-([0-3])-(?:[A-Za-z0-9]+-)*\d{4}-\d{2}$/, read: (m) => ({ version: tls1(m[1]) }) },
    // ELBSecurityPolicy-TLS-1-2-2017-01, -TLS-1-2-Ext-2018-06, -TLS-1-1-2017-01
    { re: /^ELBSecurityPolicy-TLS-1-([0-3])-(?:[A-Za-z0-9]+-)*\d{4}-\d{2}$/, read: (m) => ({ version: tls1(m[1]) }) },
    // ELBSecurityPolicy-FS-1-2-Res-2020-10, -FS-1-1-2019-08
    { re: /^ELBSecurityPolicy-FS-1-([0-3])-(?:[A-Za-z0-9]+-)*\d{4}-\d{2}$/, read: (m) => ({ version: tls1(m[1]) }) },
    // ELBSecurityPolicy-2016-08, -2015-05, -FS-2018-06: the dated defaults, TLS 1.0 and up
    { re: /^ELBSecurityPolicy-(?:FS-)?\d{4}-\d{2}$/, read: () => ({ version: [1, 0] }) },
  ],
  cloudfront: [
    // TLSv1.2_2021, TLSv1.2_2019, TLSv1.3_2025, TLSv1.1_2016
    { re: /^TLSv1\.([0-3])_(\d{4})$/, read: (m) => ({ version: tls1(m[1]), year: Number(m[2]) }) },
    // TLSv1, TLSv1_2016
    { re: /^TLSv1(?:_(\d{4}))?$/, read: (m) => ({ version: [1, 0], year: m[1] ? Number(m[1]) : undefined }) },
    { re: /^SSLv3$/, read: () => ({ version: [0, 3] }) },
  ],
  apigateway: [
    // TLS_1_2, TLS_1_0
    { re: /^TLS_1_([0-3])$/, read: (m) => ({ version: tls1(m[1]) }) },
    // SecurityPolicy_TLS13_1_3_2025_09, SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09
    { re: /^SecurityPolicy_TLS13_1_([0-3])_(?:[A-Za-z0-9]+_)*\d{4}_\d{2}$/, read: (m) => ({ version: tls1(m[1]) }) },
    // SecurityPolicy_TLS13_2025_EDGE, SecurityPolicy_TLS12_PFS_2025_EDGE
    {
      re: /^SecurityPolicy_TLS1([23])_(?:[A-Za-z0-9]+_)*\d{4}(?:_[A-Za-z0-9]+)*$/,
      read: (m) => ({ version: tls1(m[1]) }),
    },
  ],
};

/** CloudFront viewer policies before this year keep CBC and SHA-1 suites even at TLS 1.2. */
const CLOUDFRONT_MIN_YEAR = 2021;

function label([major, minor]: [number, number]): string {
  return major === 0 ? `SSL ${minor}.0` : `TLS ${major}.${minor}`;
}

/**
 * Reads a security policy's name by the pattern its service documents for it, so a policy
 * published after this code (e.g. `ELBSecurityPolicy-TLS13-1-3-PQ-2026-01`) is judged without a
 * list update. A name that follows no documented pattern fails closed.
 */
export function readTlsPolicy(family: TlsPolicyFamily, name: string): TlsPolicyReading {
  for (const { re, read } of PATTERNS[family]) {
    const m = re.exec(name);
    if (!m) continue;
    const { version, year } = read(m);
    const minimum = label(version);
    if (version[0] < 1 || version[1] < 2)
      return { minimum, ok: false, reason: `its name says it accepts ${minimum}; TLS 1.2 or newer is required` };
    if (family === "cloudfront" && year !== undefined && year < CLOUDFRONT_MIN_YEAR)
      return {
        minimum,
        ok: false,
        reason: `it predates TLSv1.2_${CLOUDFRONT_MIN_YEAR} and still offers CBC and SHA-1 cipher suites`,
      };
    return { minimum, ok: true };
  }
  return {
    ok: false,
    reason: `the name follows no documented ${family} security policy pattern, so the protocols it accepts are unknown`,
  };
}

/**
 * Judges a policy name: an explicit `allowed` list (a team's config) decides alone when given —
 * a name in it passes, any other is refused — otherwise the name is read ({@link readTlsPolicy}).
 */
export function judgeTlsPolicy(
  family: TlsPolicyFamily,
  name: string,
  allowed: readonly string[] | undefined,
): TlsPolicyReading {
  if (allowed === undefined) return readTlsPolicy(family, name);
  return allowed.includes(name) ? { ok: true } : { ok: false, reason: "it is not in the configured allow-list" };
}
