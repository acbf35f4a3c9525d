import { strict as assert } from "node:assert";
import * as path from "node:path";
import { run } from "../fixtures/real/processes";
import { selfSignedCertificate, startPostgres, TestPostgres } from "../fixtures/real/postgres";
import { renderedServerSettings } from "../fixtures/real/postgresServer";
import { KUBE_STACKS, renderedStack } from "../fixtures/real/stacks";

const STAGING = KUBE_STACKS.filter((s) => s.stack === "staging");

describe("the in-cluster PostgreSQL's TLS settings on a real server", function () {
  this.timeout(120000);

  for (const s of STAGING) {
    describe(s.label, () => {
      let pg: TestPostgres | undefined;

      before(async () => {
        const rendered = await renderedStack(s);
        const server = renderedServerSettings(rendered.resources.map((r) => r.inputs as any));
        const { cert, key } = await selfSignedCertificate();
        assert.deepEqual(server.secretFiles.sort(), ["tls.crt", "tls.key"]);
        pg = await startPostgres({
          hba: server.hba,
          settings: server.settings,
          files: { "tls.crt": cert, "tls.key": key },
        });
      });
      after(async () => pg?.stop());

      const connect = (sslmode: string) =>
        run(
          path.join(pg!.bin, "psql"),
          ["-X", "-A", "-t", "-c", "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"],
          {
            env: pg!.env({ PGSSLMODE: sslmode }),
          },
        );

      it("refuses a connection without TLS", async () => {
        const r = await connect("disable");
        assert.notEqual(r.code, 0, `a plaintext connection was accepted: ${r.stdout}`);
        assert.match(r.stderr, /no encryption|pg_hba\.conf rejects/);
      });

      it("accepts a TLS connection (sslmode=require), at TLS 1.2 or later", async () => {
        const r = await connect("require");
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), "t");
        const version = await pg!.sql("postgres", "SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()", {
          PGSSLMODE: "require",
        });
        assert.match(version.trim(), /^TLSv1\.[23]$/);
      });
    });
  }
});
