import { z } from "zod";

/** The retention periods CloudWatch Logs accepts, in days. */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** A CloudWatch Logs retention period. */
export const logRetentionDays = z.int().refine((d) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(d), {
  error: `expected a retention CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(", ")} days)`,
});

/** An AWS ARN. */
export const awsArn = z.string().regex(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/, {
  error: 'expected an AWS ARN such as "arn:aws:acm:eu-west-1:123456789012:certificate/…"',
});

/** An IAM policy statement as config gives it. */
export const policyStatement = z.strictObject({
  Sid: z.string().optional().describe("Statement id."),
  Effect: z.enum(["Allow", "Deny"]).describe("Allow or Deny."),
  Action: z.union([z.string(), z.array(z.string()).min(1)]).describe('Action(s), e.g. "s3:GetObject".'),
  Resource: z.union([z.string(), z.array(z.string()).min(1)]).describe("Resource ARN(s)."),
  Condition: z
    .record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())])))
    .optional()
    .describe("IAM condition block."),
});
