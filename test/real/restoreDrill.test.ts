import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { UNKNOWN_VALUE } from "../../automation/core/resourceModel";
import { asServiceUser, giveToServiceUser, startPostgres, TestPostgres } from "../fixtures/real/postgres";
import { run } from "../fixtures/real/processes";
import { cronJobRunning, KUBE_STACKS, objectsOf, renderedStack } from "../fixtures/real/stacks";
import { TempDir, tempDir } from "../fixtures/real/tempDir";

const STACK = KUBE_STACKS.find((s) => s.label === "root/staging")!;

/**
 * Stand-in for the two S3 calls the drill makes, on $S3_STAND_IN/<bucket>/<key>:
 * `aws s3 ls s3://<bucket>/<prefix>` (date, time, size, name) and `aws s3 cp s3://<bucket>/<key> <file>`.
 */
const AWS_STUB = `#!/bin/sh
[ "$1" = s3 ] || { echo "unexpected: aws $*" >&2; exit 2; }
case "$2" in
  ls) dir="$S3_STAND_IN/\${3#s3://}"; [ -d "$dir" ] || exit 1
      for f in "$dir"*; do [ -f "$f" ] && echo "2026-12-06 05:00:00 $(wc -c < "$f") $(basename "$f")"; done; exit 0 ;;
  cp) cp "$S3_STAND_IN/\${3#s3://}" "$4" ;;
  *) echo "unexpected: aws $*" >&2; exit 2 ;;
esac
`;

describe("the restore drill's script against real PostgreSQL binaries", function () {
  this.timeout(120000);
  let pg: TestPostgres | undefined;
  let work: TempDir;
  let command: string[];
  let settings: Record<string, string>;
  let goodDump: Buffer;

  before(async () => {
    const rendered = await renderedStack(STACK);
    const drill = cronJobRunning(rendered, "restore-drill");
    assert.ok(drill, "the stack renders a restore drill CronJob");
    const container = drill.spec.jobTemplate.spec.template.spec.containers[0];
    command = container.command;
    const settingsName = container.envFrom.find((e: any) => e.configMapRef).configMapRef.name;
    settings = objectsOf(rendered, "ConfigMap").find((c) => c.metadata.name === settingsName).data;
    assert.ok(
      container.envFrom.every((e: any) => !e.secretRef),
      "the drill is given no database credentials",
    );

    pg = await startPostgres({ hba: "host all all 127.0.0.1/32 scram-sha-256\n" });
    await pg.sql("postgres", "CREATE DATABASE ledger");
    await pg.sql(
      "ledger",
      "CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL);" +
        "INSERT INTO accounts SELECT i, 'owner ' || i FROM generate_series(1, 200) i;" +
        "CREATE TABLE transfers (id int PRIMARY KEY, amount numeric(12,2));" +
        "INSERT INTO transfers SELECT i, i * 2.5 FROM generate_series(1, 50) i;",
    );
    work = tempDir("drill");
    const dump = path.join(work.path, "ledger.dump");
    const r = await run(path.join(pg.bin, "pg_dump"), ["--format=custom", "--no-owner", `--file=${dump}`], {
      env: pg.env({ PGDATABASE: "ledger" }),
    });
    assert.equal(r.code, 0, r.stderr);
    goodDump = fs.readFileSync(dump);
    fs.mkdirSync(path.join(work.path, "bin"));
    fs.writeFileSync(path.join(work.path, "bin", "aws"), AWS_STUB, { mode: 0o755 });
  });
  after(async () => {
    await pg?.stop();
    work?.remove();
  });

  /** Runs the rendered command with the settings ConfigMap's values and `dumps` (key → content) in the stand-in store. */
  async function drill(label: string, dumps: Record<string, Buffer>) {
    const store = path.join(work.path, label);
    const prefixDir = path.join(store, bucket(), settings.BACKUP_PREFIX);
    fs.mkdirSync(prefixDir, { recursive: true });
    for (const [name, content] of Object.entries(dumps)) fs.writeFileSync(path.join(prefixDir, name), content);
    const scratch = path.join(work.path, `${label}-tmp`);
    fs.mkdirSync(scratch);
    giveToServiceUser(work);
    const env: NodeJS.ProcessEnv = {
      PATH: `${path.join(work.path, "bin")}:${pg!.bin}:/usr/bin:/bin`,
      S3_STAND_IN: store,
      TMPDIR: scratch,
      BACKUP_BUCKET: bucket(),
      BACKUP_PREFIX: settings.BACKUP_PREFIX,
    };
    const [cmd, args] = asServiceUser(command[0], command.slice(1));
    const r = await run(cmd, args, { env, timeoutMs: 90000 });
    return { ...r, scratchLeft: fs.readdirSync(scratch) };
  }
  const bucket = () => (settings.BACKUP_BUCKET === UNKNOWN_VALUE ? "backups" : settings.BACKUP_BUCKET);

  it("restores the newest dump into a scratch server, finds every table with data, and leaves nothing behind", async () => {
    const r = await drill("newest", {
      "20261129T013000Z.dump": Buffer.from("not a dump"),
      "20261206T013000Z.dump": goodDump,
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /20261206T013000Z\.dump restored into a scratch server \(2 tables, 2 with data\)/);
    assert.deepEqual(r.scratchLeft, []);
  });

  it("fails when the newest dump does not restore", async () => {
    const r = await drill("corrupt", {
      "20261129T013000Z.dump": goodDump,
      "20261206T013000Z.dump": goodDump.subarray(0, Math.floor(goodDump.length / 2)),
    });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /pg_restore/);
  });

  it("fails when there is no dump to restore", async () => {
    const r = await drill("empty", {});
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /restore drill: no dump below s3:\/\//);
  });
});
