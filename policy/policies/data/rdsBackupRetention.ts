import { ResourceValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../../lib/metadata";

const TYPES = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"];

/** Automated backups are kept at least `minimumDays` (config). */
export const rdsBackupRetention: ResourceValidationPolicy = {
  name: "aws-rds-backup-retention",
  description: "RDS automated backups must be kept at least the configured number of days.",
  severity: "high",
  tags: [groupTag("data"), "aws"],
  remediationSteps: "Set backupRetentionPeriod to at least the configured minimum (RDS allows up to 35 days).",
  url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
  configSchema: {
    properties: { minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 7 } },
  },
  validateResource: (args, report) => {
    if (!TYPES.includes(args.type)) return;
    if (args.type === TYPES[0] && ("replicateSourceDb" in args.props || "clusterIdentifier" in args.props)) return;
    const { minimumDays = 7 } = args.getConfig<{ minimumDays?: number }>();
    const days = args.props.backupRetentionPeriod ?? (args.type === TYPES[1] ? 1 : 0);
    if (days < minimumDays) report(`backupRetentionPeriod is ${days} day(s); at least ${minimumDays} required.`);
  },
};
