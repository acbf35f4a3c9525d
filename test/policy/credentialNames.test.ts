import { strict as assert } from "node:assert";
import { looksSecret } from "../../policy/lib/credentials/detector";
import { isCredentialName } from "../../policy/lib/credentials/names";
import { violations } from "./harness";
import { deploymentWith } from "./workloads";

/**
 * Every environment variable name the three teams' guides use (shared/seeds 000–004), judged as a
 * reviewer would: does a literal value under this name leak a credential?
 */
const CREDENTIALS = [
  "DB_PASSWORD",
  "POSTGRES_PASSWORD",
  "NEXUM_JWT_SECRET",
  "NEXUM_ENCRYPTION_MASTER_KEY",
  "JWT_SECRET",
  "REDIS_PASSWORD",
  "ENCRYPTION_KEY",
  "SECRET_KEY",
  "REPLICATION_PASSWORD",
  "POSTGRES_REPLICATION_PASSWORD",
  "JWT_SECRET_FROM_VAULT",
  "GITHUB_TOKEN",
  "GF_SECURITY_ADMIN_PASSWORD",
  "ENCRYPTION_KEY_FROM_VAULT",
  "KUBE_CONFIG",
];

const SETTINGS = [
  "BACKUP_DIR",
  "BACKUP_FILE",
  "POSTGRES_USER",
  "POSTGRES_DB",
  "NEXUM_LOG_LEVEL",
  "TARGET_DB",
  "NEXUM_ENCRYPTION_ENABLED",
  "NEXUM_API_WORKERS",
  "NEXUM_LOG_FORMAT",
  "NEXUM_JWT_EXPIRY_HOURS",
  "NEXUM_ENABLE_RATE_LIMITING",
  "NEXUM_CORS_ORIGINS",
  "VITE_API_URL",
  "RETENTION_DAYS",
  "REACT_APP_API_URL",
  "NODE_ENV",
  "NEXUM_KAFKA_BOOTSTRAP_SERVERS",
  "NEXUM_ENCRYPTION_PROVIDER",
  "NEXUM_ENABLE_METRICS",
  "NEXUM_ENABLE_KAFKA_EVENTS",
  "DOCKER_REGISTRY",
  "DB_USER",
  "DB_PORT",
  "DB_NAME",
  "DB_HOST",
  "API_URL",
  "NEXUM_RATE_LIMIT_GLOBAL",
  "NEXUM_RATE_LIMIT_AUTH",
  "NEXUM_MIN_ACCOUNT_BALANCE",
  "NEXUM_MAX_TRANSACTION_AMOUNT",
  "NEXUM_MAX_DAILY_TRANSACTION_LIMIT",
  "NEXUM_LOG_FILE",
  "NEXUM_KAFKA_TOPIC_PREFIX",
  "NEXUM_ENABLE_TRACING",
  "NEXUM_DATABASE_POOL_TIMEOUT",
  "NEXUM_DATABASE_POOL_SIZE",
  "NEXUM_DATABASE_POOL_OVERFLOW",
  "NEXUM_API_TIMEOUT",
  "NEXUM_API_PORT",
  "NEXUM_API_MAX_REQUEST_SIZE",
  "NEXUM_API_HOST",
  "LOG_LEVEL",
  "IMAGE_NAME",
  "FRONTEND_URL",
  "ZOOKEEPER_TICK_TIME",
  "ZOOKEEPER_CLIENT_PORT",
  "SCALER_PATH",
  "PROJECT_NAME",
  "PROD_SERVER",
  "POSTGRES_REPLICATION_USER",
  "POSTGRES_INITDB_ARGS",
  "NEXUM_SESSION_TIMEOUT_MINUTES",
  "NEXUM_RATE_LIMIT_TRANSACTIONS",
  "NEXUM_PASSWORD_MIN_LENGTH",
  "NEXUM_MIGRATION_TIMEOUT_SECONDS",
  "NEXUM_KAFKA_CONSUMER_GROUP",
  "NEXUM_KAFKA_BATCH_SIZE",
  "NEXUM_JWT_ALGORITHM",
  "NEXUM_INTEREST_CALCULATION_PRECISION",
  "NEXUM_ENABLE_AUDIT_LOGGING",
  "NEXUM_DATABASE_ECHO",
  "NEXUM_CONNECTION_POOL_SIZE",
  "NEXUM_CACHE_TTL_SECONDS",
  "NEXUM_BATCH_PROCESSING_SIZE",
  "NEXUM_AUTO_MIGRATE",
  "MODEL_PATH",
  "MAX_CONNECTIONS",
  "KAFKA_ZOOKEEPER_CONNECT",
  "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
  "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
  "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
  "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS",
  "KAFKA_BROKER_ID",
  "KAFKA_ADVERTISED_LISTENERS",
  "EXPLAINER_PATH",
  "CF_DIST_ID",
  "BACKEND_CORS_ORIGINS",
  "API_V1_PREFIX",
  "ACCESS_TOKEN_EXPIRE_MINUTES",
  "ALGORITHM",
  "ENVIRONMENT",
  "MAX_CONNECTIONS",
  "TIMEOUT",
  "NEXUM_SECRET_ROTATION_DAYS",
];

/** Names whose verdict depends on the value: connection URLs. */
const URLS = ["DATABASE_URL", "NEXUM_DATABASE_URL", "REDIS_URL", "NEXUM_REDIS_URL"];

describe("credential names (no-plaintext-secrets-in-env)", () => {
  for (const name of CREDENTIALS) {
    it(`${name} holds a credential`, () => assert.equal(isCredentialName(name), true));
  }
  for (const name of SETTINGS) {
    it(`${name} is a setting`, () => assert.equal(isCredentialName(name), false));
  }

  it("judges connection URLs by their value: a password in the URL is a credential", () => {
    for (const name of URLS) assert.equal(isCredentialName(name), false, name);
    assert.equal(looksSecret("postgresql://nexis:secure_password@postgres:5432/nexis"), true);
    assert.equal(looksSecret("redis://:hunter2@redis:6379/0"), true);
    assert.equal(looksSecret("redis://redis:6379"), false);
    assert.equal(looksSecret("postgresql://db.internal:5432/nexis"), false);
  });

  it("catches credential-shaped values under any name: PEM keys, AWS keys, JWTs, Slack webhooks, GitHub tokens", () => {
    for (const value of [
      "-----BEGIN RSA PRIVATE KEY-----\nMIIE...",
      "AKIAIOSFODNN7EXAMPLE",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "https://hooks.slack.com/services/T000/B000/XXXX",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    ])
      assert.equal(looksSecret(value), true, value);
    for (const value of ["30", "true", "HS256", "https://api.nexusplatform.com", "info", '["https://nexis.example"]'])
      assert.equal(looksSecret(value), false, value);
  });

  it("flags every guide credential with a literal value in a Deployment, and no guide setting", async () => {
    const env = [...CREDENTIALS, ...SETTINGS].map((name) => ({
      name,
      value: name === "MAX_CONNECTIONS" ? "100" : "x-literal-1",
    }));
    const found = await violations("no-plaintext-secrets-in-env", [
      deploymentWith((s) => {
        s.containers[0].env = env;
      }),
    ]);
    const flagged = found.map((v) => /env\[\d+\] "([^"]+)"/.exec(v.message)![1]).sort();
    assert.deepEqual(flagged, [...CREDENTIALS].sort());
  });
});
