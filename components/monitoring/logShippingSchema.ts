import { z } from "zod";
import { logRetentionDays } from "../aws/awsPrimitives";
import { defaultedBy, dnsLabel, imageRef } from "../config/primitives";
import { LOG_SHIPPING_DEFAULTS as D } from "./logShipping";

/** The config fragment of {@link LogShipping}. */
export const logShippingSchema = z.strictObject({
  logGroupName: z
    .string()
    .regex(/^[A-Za-z0-9_\-/.#]{1,512}$/, {
      error: 'expected a CloudWatch Logs group name such as "/eks/prod/containers"',
    })
    .describe("CloudWatch Logs group every container's lines go to."),
  retentionDays: defaultedBy(logRetentionDays, D.retentionDays).describe("Days log events are kept."),
  namespace: defaultedBy(dnsLabel, D.namespace).describe("Namespace of the shipper."),
  image: defaultedBy(imageRef, D.image).describe("Fluent Bit image."),
});

/** Log shipping as a stack file gives it. */
export type LogShippingConfig = z.output<typeof logShippingSchema>;
