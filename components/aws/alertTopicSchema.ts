import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { SecretUse } from "../config/secretUse";
import { secretKeyReference } from "../config/primitives";
import { AlertSubscription } from "./alertTopic";

const subscription = z
  .strictObject({
    protocol: z.enum(["https", "email", "email-json", "sqs", "lambda"]).describe("SNS protocol."),
    endpoint: z
      .string()
      .min(1)
      .optional()
      .describe("The endpoint in plain text (an email address, a queue ARN); a URL with a key belongs in `secret`."),
    secret: secretKeyReference("oncallPagerdutyUrl")
      .optional()
      .describe("Secret config key holding the endpoint (a PagerDuty integration URL), set with --secret."),
  })
  .refine((s) => (s.endpoint === undefined) !== (s.secret === undefined), {
    error: "expected exactly one of endpoint or secret",
    path: ["endpoint"],
  });

/** The config fragment of an alert topic's subscriptions: who is told when an alarm fires. */
export const alertSubscriptionsSchema = z
  .array(subscription)
  .min(1)
  .describe("Endpoints subscribed to the alarm topic: an HTTPS on-call integration (secret) or an email address.");

/** Subscriptions as a stack file gives them. */
export type AlertSubscriptionsConfig = z.output<typeof alertSubscriptionsSchema>;

/** The secret config keys the subscriptions name, for `readProjectConfig`'s `secretKeys`. */
export function alertSubscriptionSecretUses(subscriptions: unknown, at: (string | number)[]): SecretUse[] {
  if (!Array.isArray(subscriptions)) return [];
  return subscriptions.flatMap((s: { secret?: unknown } | null, i) =>
    typeof s?.secret === "string"
      ? [{ key: s.secret.slice(s.secret.indexOf(":") + 1), namedBy: [...at, i, "secret"], what: "endpoint" }]
      : [],
  );
}

/** The subscriptions from their config, each secret endpoint read as a Pulumi secret. */
export function alertSubscriptionsFromConfig(
  config: AlertSubscriptionsConfig,
  readSecret: (key: string) => pulumi.Output<string> = (key) => new pulumi.Config().requireSecret(key),
): AlertSubscription[] {
  return config.map((s) => ({
    protocol: s.protocol,
    endpoint: s.endpoint ?? readSecret(String(s.secret)),
  }));
}
