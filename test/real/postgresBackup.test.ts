import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { UNKNOWN_VALUE } from "../../automation/core/resourceModel";
import { run } from "../fixtures/real/processes";
import { selfSignedCertificate, startPostgres, TestPostgres } from "../fixtures/real/postgres";
import { renderedServerSettings } from "../fixtures/real/postgresServer";
import { cronJobRunning, KUBE_STACKS, objectsOf, renderedStack } from "../fixtures/real/stacks";
import { TempDir, tempDir } from "../fixtures/real/tempDir";

const STAGING = KUBE_STACKS.filter((s) => s.stack === "staging");

/** Stand-in for `aws s3 cp <file> s3://<bucket>/<key> …`: copies into $S3_STAND_IN/<bucket>/<key> and records its arguments. */
const AWS_STUB = `#!/bin/sh
printf '%s\\n' "$@" > "$S3_STAND_IN/aws-args"
[ "$1" = s3 ] && [ "$2" = cp ] || { echo "unexpected: aws $*" >&2; exit 2; }
dst=\${4#s3://}
mkdir -p "$S3_STAND_IN/$(dirname "$dst")" && cp "$3" "$S3_STAND_IN/$dst"
`;

const KMS_STAND_IN = "arn:aws:kms:eu-central-1:111122223333:key/stand-in";
const ROWS = "SELECT id, owner, balance FROM accounts ORDER BY id";

describe("the backup CronJob's script against a real PostgreSQL", function () {
  this.timeout(120000);
  let pg: TestPostgres | undefined;
  let work: TempDir;
  const leftInTmp: string[] = [];

  before(async () => {
    work = tempDir("backup");
    fs.mkdirSync(path.join(work.path, "bin"));
    fs.writeFileSync(path.join(work.path, "bin", "aws"), AWS_STUB, { mode: 0o755 });
    const server = renderedServerSettings((await renderedStack(STAGING[0])).resources.map((r) => r.inputs as any));
    const { cert, key } = await selfSignedCertificate();
    pg = await startPostgres({
      hba: server.hba,
      settings: server.settings,
      files: { "tls.crt": cert, "tls.key": key },
    });
    const ssl = { PGSSLMODE: "require" };
    await pg.sql("postgres", "CREATE DATABASE ledger", ssl);
    await pg.sql(
      "ledger",
      "CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric(12,2));" +
        "INSERT INTO accounts SELECT i, 'owner ' || i, i * 10.5 FROM generate_series(1, 500) i;",
      ssl,
    );
  });
  after(async () => {
    await pg?.stop();
    work?.remove();
    for (const f of leftInTmp) fs.rmSync(f, { force: true });
  });

  /** The rendered CronJob's container: its command, and the environment its envFrom gives it here. */
  async function job(s: (typeof STAGING)[number], store: string, credentials: NodeJS.ProcessEnv) {
    const rendered = await renderedStack(s);
    const cronJob = cronJobRunning(rendered, "backup");
    const container = cronJob.spec.jobTemplate.spec.template.spec.containers[0];
    const settingsName = container.envFrom.find((e: any) => e.configMapRef).configMapRef.name;
    const settings = objectsOf(rendered, "ConfigMap").find((c) => c.metadata.name === settingsName).data;
    const env: NodeJS.ProcessEnv = {
      PATH: `${path.join(work.path, "bin")}:${pg!.bin}:/usr/bin:/bin`,
      S3_STAND_IN: store,
    };
    for (const [k, v] of Object.entries(settings as Record<string, string>))
      env[k] = v === UNKNOWN_VALUE ? (k === "KMS_KEY_ARN" ? KMS_STAND_IN : "") : v;
    return { command: container.command as string[], env: { ...env, ...credentials }, bucket: settings.BACKUP_BUCKET };
  }

  const credentials = (database: string, extra: NodeJS.ProcessEnv = {}) => {
    const e = pg!.env();
    return {
      PGHOST: e.PGHOST,
      PGPORT: e.PGPORT,
      PGDATABASE: database,
      PGUSER: e.PGUSER,
      PGPASSWORD: e.PGPASSWORD,
      PGSSLMODE: "require",
      ...extra,
    };
  };

  for (const s of STAGING) {
    it(`${s.label}: dumps over TLS, verifies, uploads with SSE-KMS, and the dump restores every row`, async () => {
      const store = path.join(work.path, `store-${s.label.replace("/", "-")}`);
      fs.mkdirSync(store);
      const { command, env, bucket } = await job(s, store, credentials("ledger"));
      const r = await run(command[0], command.slice(1), { env, timeoutMs: 60000 });
      const stamp = /backup (\w+) verified/.exec(r.stdout)?.[1];
      if (stamp) leftInTmp.push(`/tmp/backup-${stamp}.dump`, "/tmp/toc.txt");
      assert.equal(r.code, 0, r.stdout + r.stderr);

      const args = fs.readFileSync(path.join(store, "aws-args"), "utf8").trim().split("\n");
      assert.deepEqual(args.slice(args.indexOf("--sse"), args.indexOf("--sse") + 4), [
        "--sse",
        "aws:kms",
        "--sse-kms-key-id",
        KMS_STAND_IN,
      ]);
      const dumps = fs.readdirSync(path.join(store, bucket, "postgres"));
      assert.deepEqual(dumps, [`${stamp}.dump`]);

      const restored = `restored_${s.label.replace("/", "_")}`;
      await pg!.sql("postgres", `CREATE DATABASE ${restored}`, { PGSSLMODE: "require" });
      const restore = await run(
        path.join(pg!.bin, "pg_restore"),
        ["--no-owner", "--exit-on-error", `--dbname=${restored}`, path.join(store, bucket, "postgres", dumps[0])],
        { env: pg!.env({ PGSSLMODE: "require" }) },
      );
      assert.equal(restore.code, 0, restore.stderr);
      const original = await pg!.sql("ledger", ROWS, { PGSSLMODE: "require" });
      assert.equal(original.trim().split("\n").length, 500);
      assert.equal(await pg!.sql(restored, ROWS, { PGSSLMODE: "require" }), original);
    });

    it(`${s.label}: uploads nothing and fails when the dump fails`, async () => {
      const store = path.join(work.path, `failing-${s.label.replace("/", "-")}`);
      fs.mkdirSync(store);
      const { command, env } = await job(s, store, credentials("ledger", { PGPASSWORD: "wrong" }));
      const r = await run(command[0], command.slice(1), { env, timeoutMs: 60000 });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /password authentication failed/);
      assert.deepEqual(fs.readdirSync(store), []);
    });
  }
});
