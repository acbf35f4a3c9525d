import { z } from "zod";
import { defaultedBy } from "../config/primitives";
import { KAFKA_TOPICS_DEFAULTS as D } from "./kafkaTopics";

const topic = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,100}$/, { error: "expected a topic name (lower-case letters, digits, . _ -)" })
    .describe("Topic name after the team's prefix."),
  partitions: defaultedBy(z.int().min(1).max(1000), D.partitions).describe("Partitions."),
  replicationFactor: defaultedBy(z.int().min(2).max(5), D.replicationFactor).describe("Copies of each partition."),
  minInSyncReplicas: defaultedBy(z.int().min(1).max(4), D.minInSyncReplicas).describe(
    "Copies in sync before an acks=all write counts (provisioned clusters).",
  ),
  retentionHours: defaultedBy(
    z.int().refine((h) => h === -1 || h >= 1, { error: "expected hours (1 or more), or -1 to keep forever" }),
    D.retentionHours,
  ).describe("Hours records are kept; -1 keeps them forever."),
});

/** The config fragment of {@link KafkaTopics}: the team's topics, each name once, fewer in-sync copies than copies. */
export const kafkaTopicsSchema = z
  .array(topic)
  .min(1)
  .superRefine((topics, ctx) => {
    const seen = new Set<string>();
    topics.forEach((t, i) => {
      if (seen.has(t.name))
        ctx.addIssue({ code: "custom", path: [i, "name"], message: `topic "${t.name}" is declared twice`, input: t });
      seen.add(t.name);
      const rf = t.replicationFactor ?? D.replicationFactor;
      if ((t.minInSyncReplicas ?? D.minInSyncReplicas) >= rf)
        ctx.addIssue({
          code: "custom",
          path: [i, "minInSyncReplicas"],
          message: `expected fewer in-sync replicas than the ${rf} copies (else one broker down stops every write)`,
          input: t,
        });
    });
  });

/** The topics as a stack file gives them. */
export type KafkaTopicsConfig = z.output<typeof kafkaTopicsSchema>;
