import { z } from "zod";
import { containerResources, defaultedBy, imageRef, memoryQuantity, nonRootId } from "../config/primitives";
import { dailyWindow, weeklyWindow } from "./postgresDatabaseSchema";
import { REDIS_DEFAULTS as D } from "./redisCache";

/** The config fragment of {@link RedisCache}: `data.redis`, one shape per mode. */

/** `data.redis` in managed mode (ElastiCache); also what AWS-only projects configure. */
export const managedRedisSchema = z.strictObject({
  mode: z.literal("managed").describe("managed: ElastiCache; in-cluster: a StatefulSet in the namespace."),
  nodeType: defaultedBy(
    z
      .string()
      .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'expected an ElastiCache node type such as "cache.r6g.large"' }),
    D.managed.nodeType,
  ).describe("ElastiCache node type."),
  nodes: defaultedBy(
    z.int().min(2, { error: "expected at least 2 nodes (automatic failover needs a replica)" }).max(6),
    D.managed.nodes,
  ).describe("Nodes in the replication group (primary + replicas, across AZs)."),
  engineVersion: defaultedBy(
    z.string().regex(/^7(\.\d+)?$/, { error: 'expected a Redis 7 version such as "7.1"' }),
    D.managed.engineVersion,
  ).describe("Redis engine version."),
  snapshotRetentionDays: defaultedBy(
    z.int().min(1, { error: "expected 1 to 35 days (snapshots are how a cache comes back)" }).max(35),
    D.managed.snapshotRetentionDays,
  ).describe("Daily snapshot retention in days."),
  snapshotWindow: dailyWindow.optional().describe("Daily snapshot window, UTC; chosen by AWS when unset."),
  maintenanceWindow: weeklyWindow.optional().describe("Weekly maintenance window, UTC; chosen by AWS when unset."),
});

const inCluster = z.strictObject({
  mode: z.literal("in-cluster").describe("managed: ElastiCache; in-cluster: a StatefulSet in the namespace."),
  image: defaultedBy(imageRef, D.inCluster.image).describe("Redis image."),
  runAsUser: defaultedBy(nonRootId, D.inCluster.runAsUser).describe("UID of the image's redis user (999)."),
  storage: defaultedBy(memoryQuantity, D.inCluster.storage).describe(
    "PersistentVolumeClaim size for the append-only file.",
  ),
  resources: containerResources.optional().describe("Requests and limits of the Redis container."),
  appendFsync: defaultedBy(z.enum(["always", "everysec", "no"]), D.inCluster.appendFsync).describe(
    "How often the append-only file is synced to disk.",
  ),
});

/** `data.redis`. */
export const redisSchema = z.discriminatedUnion("mode", [managedRedisSchema, inCluster]);
