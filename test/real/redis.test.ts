import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { REDIS_DEFAULTS } from "../../components/data/redisCache";
import { redisConf } from "../../components/data/redisConf";
import { freePort } from "../fixtures/real/freePort";
import { requireProgram } from "../fixtures/real/programs";
import { run, Server, startServer } from "../fixtures/real/processes";
import { KUBE_STACKS, objectsOf, renderedStack } from "../fixtures/real/stacks";
import { promiseOf } from "../mocks";
import { TempDir, tempDir } from "../fixtures/real/tempDir";
import { stackConfigOf } from "../fixtures/stackFiles";

const STAGING = KUBE_STACKS.filter((s) => s.stack === "staging");

/** Whatever the server answers a PING with (PONG or an auth error): it is up. */
const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.on("data", () => (socket.end(), resolve(true)));
    socket.on("error", () => resolve(false));
  });

describe("the in-cluster Redis configuration on a real redis-server", function () {
  this.timeout(120000);

  for (const s of STAGING) {
    describe(s.label, () => {
      let server: Server | undefined;
      let dir: TempDir;
      let port: number;
      let container: any;
      const password = `redis-test-${process.pid}`;

      before(async () => {
        const redisServer = requireProgram("redis-server");
        requireProgram("redis-cli");
        const rendered = await renderedStack(s);
        const sts = objectsOf(rendered, "StatefulSet").find((o) => o.spec.template.spec.containers[0].name === "redis");
        container = sts.spec.template.spec.containers[0];
        const data = Object.entries(stackConfigOf(s.stack, s.dir)).find(([k]) => k.endsWith(":data"))?.[1];
        dir = tempDir("redis");
        fs.mkdirSync(path.join(dir.path, "data"));
        // The file the pod mounts from its Secret; only its dir, and the port and bind address, are the test's own.
        const conf = path.join(dir.path, "redis.conf");
        const confText = await promiseOf(
          redisConf(password, data?.redis?.appendFsync ?? REDIS_DEFAULTS.inCluster.appendFsync),
        );
        const dataMount = container.volumeMounts.find((m: any) => m.name === "data").mountPath;
        assert.match(confText, new RegExp(`^dir ${dataMount}$`, "m"), "the data directory is the data volume");
        fs.writeFileSync(conf, confText.replace(/^dir .*$/m, `dir ${path.join(dir.path, "data")}`), { mode: 0o600 });
        port = await freePort();
        const args = container.args.map((a: string) => (a === "/etc/redis/redis.conf" ? conf : a));
        server = await startServer(redisServer, [...args, "--port", String(port), "--bind", "127.0.0.1"], () =>
          answers(port),
        );
      });
      after(async () => {
        await server?.stop();
        dir?.remove();
      });

      const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
        run(requireProgram("redis-cli"), ["-p", String(port), ...args], { env: { PATH: process.env.PATH, ...env } });

      it("runs the mounted redis.conf, whose password and the probes' come from the same Secret", () => {
        const mount = container.volumeMounts.find((m: any) => m.mountPath === "/etc/redis");
        assert.deepEqual(container.args, ["/etc/redis/redis.conf"]);
        assert.ok(mount, "redis.conf is mounted at /etc/redis");
        assert.equal(
          container.env.find((e: any) => e.name === "REDISCLI_AUTH").valueFrom.secretKeyRef.key,
          "REDISCLI_AUTH",
        );
      });

      it("refuses unauthenticated commands (NOAUTH)", async () => {
        for (const command of [
          ["GET", "k"],
          ["SET", "k", "v"],
          ["CONFIG", "GET", "appendonly"],
        ]) {
          const r = await cli(command);
          assert.match(r.stdout + r.stderr, /NOAUTH/, command.join(" "));
        }
      });

      it("keeps an append-only file", async () => {
        const r = await cli(["CONFIG", "GET", "appendonly"], { REDISCLI_AUTH: password });
        assert.deepEqual(r.stdout.trim().split("\n"), ["appendonly", "yes"]);
      });

      it("passes its readiness, liveness and startup probes with the credentials the pod gets", async () => {
        for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
          const [command, ...args] = container[probe].exec.command as string[];
          assert.equal(command, "redis-cli");
          const r = await cli(args, { REDISCLI_AUTH: password });
          assert.equal(r.code, 0, `${probe}: ${r.stderr}`);
          assert.equal(r.stdout.trim(), "PONG", probe);
        }
      });
    });
  }
});
