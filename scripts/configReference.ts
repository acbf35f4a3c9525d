import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { databaseBackupPlanSchema } from "../components/aws/databaseBackupPlanSchema";
import { fargateServiceSchema } from "../components/aws/fargateServiceSchema";
import { kafkaClusterSchema } from "../components/aws/kafkaClusterSchema";
import { loadBalancerSchema } from "../components/aws/loadBalancerSchema";
import { serviceNetworkSchema } from "../components/aws/serviceNetworkSchema";
import { staticSiteSchema } from "../components/aws/staticSiteSchema";
import { stackConfigSchema } from "../components/config/schema";
import { managedPostgresSchema } from "../components/data/postgresDatabaseSchema";
import { managedRedisSchema } from "../components/data/redisCacheSchema";
import { alertRuleSchema } from "../components/monitoring/alertRuleSchema";
import { clusterMonitoringSchema } from "../components/monitoring/clusterMonitoringSchema";
import { logShippingSchema } from "../components/monitoring/logShippingSchema";
import { certificateIssuersSchema } from "../components/security/certificateIssuersSchema";
import { ingressControllerSettingsSchema } from "../components/security/ingressControllerSettingsSchema";

/** Where the generated config reference lives. */
export const REFERENCE_FILE = path.resolve(__dirname, "..", "docs", "reference", "config.md");

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
}

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  if (variantsOf(s)) return "object";
  if (s.anyOf) return s.anyOf.map(typeOf).join(" or ");
  if (s.type === "array") return `list of ${s.items ? typeOf(s.items) : "values"}`;
  if (s.type === "object" && !s.properties && typeof s.additionalProperties === "object")
    return `map of ${typeOf(s.additionalProperties)}`;
  return s.type ?? "any";
}

/** The object variants of a discriminated union (one shape per `mode`), if the schema is one. */
function variantsOf(s: JsonSchema): JsonSchema[] | undefined {
  const members = s.oneOf ?? s.anyOf;
  return members && members.length > 1 && members.every((m) => m.properties) ? members : undefined;
}

/** The discriminator value of a union member, e.g. `managed`. */
function variantName(member: JsonSchema): string | undefined {
  const discriminator = Object.values(member.properties ?? {}).find((p) => p.const !== undefined);
  return discriminator ? String(discriminator.const) : undefined;
}

function rows(schema: JsonSchema, prefix: string, out: string[], only?: string): void {
  const required = new Set(schema.required ?? []);
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const keyPath = prefix ? `${prefix}.${key}` : key;
    const need =
      "default" in prop ? `default \`${JSON.stringify(prop.default)}\`` : required.has(key) ? "required" : "optional";
    const scope = only && prop.const === undefined ? ` (${only} only)` : "";
    out.push(
      `| \`${keyPath}\` | ${typeOf(prop)} | ${need}${scope} | ${(prop.description ?? "").replace(/\|/g, "\\|")} |`,
    );
    if (prop.properties) rows(prop, keyPath, out, only);
    const variants = variantsOf(prop);
    if (variants) unionRows(variants, keyPath, out);
    if (prop.type === "array" && prop.items?.properties) rows(prop.items, `${keyPath}[]`, out, only);
  }
}

/** Rows of a discriminated union: keys every variant shares once, the rest marked with their variant. */
function unionRows(variants: JsonSchema[], prefix: string, out: string[]): void {
  const keysOf = (v: JsonSchema) => Object.keys(v.properties ?? {});
  const shared = keysOf(variants[0]).filter((k) => variants.every((v) => keysOf(v).includes(k)));
  const discriminator = shared.find((k) => variants.every((v) => v.properties![k].const !== undefined));
  const pick = (v: JsonSchema, keys: string[]): JsonSchema => ({
    ...v,
    properties: Object.fromEntries(keys.map((k) => [k, v.properties![k]])),
  });
  if (discriminator) {
    const d = variants[0].properties![discriminator];
    out.push(
      `| \`${prefix}.${discriminator}\` | ${variants.map((v) => JSON.stringify(v.properties![discriminator].const)).join(" \\| ")} | required | ${(d.description ?? "").replace(/\|/g, "\\|")} |`,
    );
  }
  rows(
    pick(
      variants[0],
      shared.filter((k) => k !== discriminator),
    ),
    prefix,
    out,
  );
  for (const v of variants)
    rows(
      pick(
        v,
        keysOf(v).filter((k) => !shared.includes(k)),
      ),
      prefix,
      out,
      variantName(v),
    );
}

/** A config reference table of an object schema (the stack config, or a fragment). */
export function configReferenceMarkdown(of: z.ZodType = stackConfigSchema): string {
  const schema = z.toJSONSchema(of, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const out = ["| Key | Type | Required / default | Description |", "| --- | --- | --- | --- |"];
  const variants = variantsOf(schema);
  if (variants) unionRows(variants, "", out);
  else rows(schema, "", out);
  return out.join("\n").replace(/`\./g, "`");
}

/** The fragments AWS projects compose their own config from, by the export name a program imports. */
const AWS_FRAGMENTS: [string, string, z.ZodType][] = [
  ["serviceNetworkSchema", "The VPC (`serviceNetwork()`).", serviceNetworkSchema],
  ["loadBalancerSchema", "An Application Load Balancer (`loadBalancerArgs()` → `LoadBalancer`).", loadBalancerSchema],
  [
    "fargateServiceSchema",
    "One ECS Fargate service (`fargateServiceArgs()` → `FargateService`).",
    fargateServiceSchema,
  ],
  ["staticSiteSchema", "A static front end on S3 + CloudFront (`staticSiteArgs()` → `StaticSite`).", staticSiteSchema],
  ["kafkaClusterSchema", "Kafka on MSK (`KafkaCluster`).", kafkaClusterSchema],
  ["managedPostgresSchema", "RDS PostgreSQL (`PostgresDatabase` in managed mode).", managedPostgresSchema],
  ["managedRedisSchema", "ElastiCache Redis (`RedisCache` in managed mode).", managedRedisSchema],
  ["databaseBackupPlanSchema", "Nightly AWS Backup snapshots (`DatabaseBackupPlan`).", databaseBackupPlanSchema],
  [
    "alertRuleSchema",
    "One alerting rule (`PrometheusWorkspace` rule groups); `expr` is parsed as PromQL.",
    alertRuleSchema,
  ],
];

/** The fragments of the platform team's cluster services project. */
const CLUSTER_FRAGMENTS: [string, string, z.ZodType][] = [
  ["clusterMonitoringSchema", "The cluster's one monitoring stack (`ClusterMonitoring`).", clusterMonitoringSchema],
  ["logShippingSchema", "Fluent Bit to CloudWatch Logs (`LogShipping`).", logShippingSchema],
  ["certificateIssuersSchema", "The cert-manager ClusterIssuers (`CertificateIssuers`).", certificateIssuersSchema],
  [
    "ingressControllerSettingsSchema",
    "The ingress-nginx settings (`IngressControllerSettings`).",
    ingressControllerSettingsSchema,
  ],
];

function fragmentSections(fragments: [string, string, z.ZodType][]): string[] {
  return fragments.flatMap(([name, what, schema]) => [
    `### \`${name}\``,
    "",
    what,
    "",
    configReferenceMarkdown(schema),
    "",
  ]);
}

/** The whole `docs/reference/config.md`: what the keys are, then the table. */
export function configReferenceDocument(): string {
  return [
    "# Config reference",
    "",
    "Every key a platform program built with `platformProgram()` or `readStackConfig()` reads from its stack file,",
    "generated from the schema in `components/config/schema.ts` (`npm run docs`; a test fails when this",
    "file and the schema disagree). Keys live in the project's namespace: write `platform:environment` in this",
    "repository's stacks (project `platform`), `nexus:environment` in `examples/exams` (project `nexus`), and so",
    "on. Unknown keys are errors, and every error names the stack file and the key.",
    "",
    "The stack's guardrails are declared beside them in the `guardrails:` namespace (see",
    "[guardrails and enforcement](../concepts/guardrails-and-enforcement.md)).",
    "",
    configReferenceMarkdown(),
    "",
    "## Fragments for AWS projects",
    "",
    "A project on the AWS runtime (`examples/core-banking`, `examples/lending-aws`) composes its own schema from",
    "these fragments and reads it with `readProjectConfig(z.strictObject({ api: fargateServiceSchema, … }))`;",
    "keys below are relative to where the project puts the fragment (`nexum:api.cpu`, say).",
    "",
    ...fragmentSections(AWS_FRAGMENTS),
    "## Fragments for cluster services",
    "",
    "`examples/cluster-services` (project `services`) composes these, keys relative to where it puts them (`services:logs.retentionDays`).",
    "",
    ...fragmentSections(CLUSTER_FRAGMENTS),
  ].join("\n");
}

if (require.main === module) {
  const next = configReferenceDocument();
  const current = fs.existsSync(REFERENCE_FILE) ? fs.readFileSync(REFERENCE_FILE, "utf8") : "";
  if (next !== current) fs.writeFileSync(REFERENCE_FILE, next);
  console.log(next !== current ? "docs/reference/config.md updated" : "docs/reference/config.md up to date");
}
