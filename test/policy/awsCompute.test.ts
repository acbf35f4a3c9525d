import { strict as assert } from "node:assert";
import { sensitiveHostPath } from "../../policy/lib/aws/compute/hostPaths";
import { messages } from "./harness";

const BATCH = "aws:batch/jobDefinition:JobDefinition";
const job = (containerProperties: object | string) => ({
  type: BATCH,
  props: {
    type: "container",
    containerProperties:
      typeof containerProperties === "string" ? containerProperties : JSON.stringify(containerProperties),
  },
});
const hardened = { image: "r/job:1.0.0", user: "10001", readonlyRootFilesystem: true };

describe("policy pack: compute definitions (ECS tasks and Batch jobs)", () => {
  describe("sensitive host paths", () => {
    const rows: [string, string | undefined][] = [
      ["/", "/"],
      ["/proc", "/proc"],
      ["/proc/sys/", "/proc"],
      ["/var/run/docker.sock", "/var/run/docker.sock"],
      ["/var/run", "/var/run/docker.sock"],
      ["//run//docker.sock", "/run/docker.sock"],
      ["/var/log/app", undefined],
      ["/mnt/scratch", undefined],
      ["/processes", undefined],
    ];
    for (const [path, exposed] of rows)
      it(`${path} → ${exposed ?? "nothing"}`, () => assert.equal(sensitiveHostPath(path), exposed));
  });

  describe("Batch job definitions are judged like ECS tasks", () => {
    it("passes a hardened container and reports privileged, root and the Docker socket", async () => {
      assert.deepEqual(await messages("aws-ecs-task-not-privileged", job(hardened)), []);
      assert.deepEqual(await messages("aws-ecs-task-not-privileged", job({ ...hardened, privileged: true })), [
        "containerProperties is privileged.",
      ]);
      assert.deepEqual(await messages("aws-ecs-task-non-root-user", job({ ...hardened, user: "0:0" })), [
        'containerProperties runs as root (user "0:0").',
      ]);
      assert.deepEqual(
        await messages(
          "aws-ecs-task-no-sensitive-host-volumes",
          job({ ...hardened, volumes: [{ name: "docker", host: { sourcePath: "/var/run" } }] }),
        ),
        [
          'volume "docker" mounts host path /var/run, which exposes /var/run/docker.sock: the container reaches the host beneath it.',
        ],
      );
    });

    it("reports a job definition it cannot read, never passes it", async () => {
      assert.deepEqual(await messages("aws-ecs-task-not-privileged", job("{not json")), [
        "containerProperties is not valid JSON: the job definition could not be judged.",
      ]);
    });

    it("reads ECS properties' containers and EKS pods' security contexts", async () => {
      const ecs = {
        type: BATCH,
        props: {
          ecsProperties: JSON.stringify({
            taskProperties: [{ containers: [{ ...hardened, name: "a", privileged: true }] }],
          }),
        },
      };
      assert.deepEqual(await messages("aws-ecs-task-not-privileged", ecs), ['container "a" is privileged.']);
      const eks = {
        type: BATCH,
        props: {
          eksProperties: {
            podProperties: { containers: [{ name: "m", image: "r/j:1.0.0", securityContext: { runAsNonRoot: true } }] },
          },
        },
      };
      assert.deepEqual(await messages("aws-ecs-task-non-root-user", eks), []);
      assert.deepEqual(await messages("aws-ecs-task-read-only-root-filesystem", eks), [
        'container "m" has a writable root filesystem (readonlyRootFilesystem is unset).',
      ]);
    });
  });

  describe("aws-ecs-task-image-pinned", () => {
    const task = (image: string) => ({
      type: "aws-native:ecs:TaskDefinition",
      props: { containerDefinitions: [{ name: "app", image }] },
    });
    it("passes a digest or a release tag and reports latest, untagged and branch tags", async () => {
      assert.deepEqual(await messages("aws-ecs-task-image-pinned", task(`r/app@sha256:${"0".repeat(64)}`)), []);
      assert.deepEqual(await messages("aws-ecs-task-image-pinned", task("r/app:v1.4.2")), []);
      for (const image of ["r/app:latest", "r/app", "r/app:main"])
        assert.deepEqual(await messages("aws-ecs-task-image-pinned", task(image)), [
          `container "app" runs ${image}, which is not pinned: the tag moves with every push.`,
        ]);
    });
  });
});
