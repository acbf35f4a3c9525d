import { ResourceValidationPolicy } from "@pulumi/policy";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";

const TYPES = ["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance", "aws-native:rds:DBInstance"];

/** Databases are reachable only from inside the VPC. */
export const rdsNotPublic: ResourceValidationPolicy = {
  name: "aws-rds-not-public",
  description: "RDS instances (classic and aws-native, Aurora members included) must not be publicly accessible.",
  severity: "critical",
  framework: awsFoundationalControl(
    "RDS.2",
    "RDS DB instances should prohibit public access, as determined by the PubliclyAccessible configuration",
  ),
  tags: [groupTag("data"), "aws"],
  remediationSteps: "Set publiclyAccessible: false and reach the database from the cluster through its security group.",
  url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
  validateResource: (args, report) => {
    if (TYPES.includes(args.type) && args.props.publiclyAccessible === true)
      report("publiclyAccessible is true: the database gets a public endpoint.");
  },
};
