import { ResourceValidationPolicy } from "@pulumi/policy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

/** Types kept by backups: the days kept when unset, and the properties that make one a replica or cluster member (backed up elsewhere). */
const TYPES: Record<string, { unset: number; copies: string[] }> = {
  "aws:rds/instance:Instance": { unset: 0, copies: ["replicateSourceDb", "clusterIdentifier"] },
  "aws-native:rds:DBInstance": { unset: 1, copies: ["sourceDbInstanceIdentifier", "dbClusterIdentifier"] },
  "aws:rds/cluster:Cluster": { unset: 1, copies: [] },
  "aws-native:rds:DBCluster": { unset: 1, copies: [] },
};

/** Automated backups are kept at least `minimumDays` (config). */
export const rdsBackupRetention: ResourceValidationPolicy = {
  name: "aws-rds-backup-retention",
  description:
    "RDS automated backups (classic and aws-native instances and clusters) must be kept at least the configured number of days.",
  severity: "high",
  framework: awsFoundationalControl("RDS.11", "RDS instances should have automatic backups enabled"),
  tags: [groupTag("data"), "aws"],
  remediationSteps: "Set backupRetentionPeriod to at least the configured minimum (RDS allows up to 35 days).",
  url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
  configSchema: {
    properties: { minimumDays: { type: "integer", minimum: 1, maximum: 35, default: 7 } },
  },
  validateResource: (args, report) => {
    const type = TYPES[args.type];
    if (!type || type.copies.some((p) => p in args.props)) return;
    const { minimumDays = 7 } = args.getConfig<{ minimumDays?: number }>();
    const days = args.props.backupRetentionPeriod ?? type.unset;
    if (days < minimumDays) report(`backupRetentionPeriod is ${days} day(s); at least ${minimumDays} required.`);
  },
};
