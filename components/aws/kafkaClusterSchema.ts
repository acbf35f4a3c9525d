import { z } from "zod";
import { defaultedBy } from "../config/primitives";
import { logRetentionDays } from "./awsPrimitives";
import { KAFKA_CLUSTER_DEFAULTS as D } from "./kafkaCluster";

const P = D.provisioned;

/** The config fragment of {@link KafkaCluster}: one shape per mode. */
export const kafkaClusterSchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z
      .literal("provisioned")
      .describe("provisioned: brokers the team sizes; serverless: capacity on demand (staging)."),
    kafkaVersion: defaultedBy(
      z.string().regex(/^\d+\.\d+\.\d+(\.x)?$/, { error: 'expected a Kafka version such as "3.6.0"' }),
      P.kafkaVersion,
    ).describe("Kafka version."),
    instanceType: defaultedBy(
      z
        .string()
        .regex(/^kafka\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'expected an MSK broker type such as "kafka.m7g.large"' }),
      P.instanceType,
    ).describe("Broker instance type."),
    brokers: defaultedBy(z.int().min(2).max(30), P.brokers).describe(
      "Brokers, a multiple of the private subnets (AZs).",
    ),
    volumeGb: defaultedBy(z.int().min(1).max(16384), P.volumeGb).describe("EBS volume per broker, GiB."),
    logRetentionDays: defaultedBy(logRetentionDays, P.logRetentionDays).describe("Days broker logs are kept."),
    serverProperties: z
      .record(z.string().regex(/^[a-z][a-z0-9.]*$/), z.union([z.string(), z.number(), z.boolean()]).transform(String))
      .optional()
      .describe("Broker settings over the defaults (no auto-created topics, replication 3, min.insync.replicas 2)."),
  }),
  z.strictObject({
    mode: z
      .literal("serverless")
      .describe("provisioned: brokers the team sizes; serverless: capacity on demand (staging)."),
  }),
]);

/** A Kafka cluster as a stack file gives it. */
export type KafkaClusterConfig = z.output<typeof kafkaClusterSchema>;
