/** How one database engine family is made to refuse plaintext connections. */
export interface EngineTlsRow {
  /** Engines of the family, as RDS and DocumentDB name them. */
  readonly engines: RegExp;
  /** The parameter that forces TLS. */
  readonly parameter: string;
  /** The values (lower case) that force it; the first is the one to set. */
  readonly values: readonly string[];
  /** Whether the parameter sits in the cluster parameter group even for an instance (Aurora, DocumentDB). */
  readonly clusterLevel: boolean;
  /** Whether the engine's default parameter group already forces TLS. */
  readonly defaultForces: boolean;
}

/** The engine families whose TLS a parameter forces; engines not listed (Oracle: an option group) are not judged. */
export const ENGINE_TLS: readonly EngineTlsRow[] = [
  { engines: /^postgres$/, parameter: "rds.force_ssl", values: ["1"], clusterLevel: false, defaultForces: false },
  {
    engines: /^(mysql|mariadb)$/,
    parameter: "require_secure_transport",
    values: ["1", "on"],
    clusterLevel: false,
    defaultForces: false,
  },
  {
    engines: /^sqlserver-(ee|se|ex|web)$/,
    parameter: "rds.force_ssl",
    values: ["1"],
    clusterLevel: false,
    defaultForces: false,
  },
  {
    engines: /^aurora-postgresql$/,
    parameter: "rds.force_ssl",
    values: ["1"],
    clusterLevel: true,
    defaultForces: false,
  },
  {
    engines: /^(aurora-mysql|aurora)$/,
    parameter: "require_secure_transport",
    values: ["1", "on"],
    clusterLevel: true,
    defaultForces: false,
  },
  {
    engines: /^docdb$/,
    parameter: "tls",
    values: ["enabled", "fips-140-3", "tls1.2+", "tls1.3+"],
    clusterLevel: true,
    defaultForces: true,
  },
];

/** The row of an engine, or `undefined` when no parameter forces its TLS. */
export function engineTls(engine: string): EngineTlsRow | undefined {
  return ENGINE_TLS.find((row) => row.engines.test(engine.toLowerCase()));
}
