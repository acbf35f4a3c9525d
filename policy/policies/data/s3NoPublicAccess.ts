import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { BUCKET_TYPES, bucketKeyOf, keysOfBucket } from "../../lib/aws/exposure/bucketLinks";
import { BLOCK_SETTINGS, carriesAcl, flagsOff, publicAcl } from "../../lib/aws/exposure/s3Public";
import { BUCKET_POLICY_DOCUMENTS } from "../../lib/aws/grants/documents";
import { publicGrants } from "../../lib/aws/grants/grants";
import { awsFoundationalControl, groupTag } from "../../lib/metadata";
import { judgeEach } from "../../lib/unknowns";

const BUCKET_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const NATIVE_BUCKET = "aws-native:s3:Bucket";

/** Whether the stack blocks public access for the whole account (every flag on). */
function accountBlocked(all: PolicyResource[]): boolean {
  return all.some(
    (r) => r.type !== BUCKET_BLOCK && r.type !== NATIVE_BUCKET && r.type in BLOCK_SETTINGS && !flagsOff(r.props).length,
  );
}

/** Every way a bucket turns public: ACLs, grants to everyone in its policy, Block Public Access off or missing. */
export const s3NoPublicAccess: StackValidationPolicy = {
  name: "aws-s3-no-public-access",
  description:
    'S3 buckets must not be public in any form: a public canned ACL or AllUsers/AuthenticatedUsers grant (bucket, BucketAcl/BucketAclV2, objects, aws-native accessControl), a bucket policy allowing Principal "*" without a condition pinning the callers (aws:SourceArn, aws:SourceVpce, aws:PrincipalOrgID, aws:SourceAccount, …), a public access block with any setting off, or a bucket with no public access block at all (unless the stack blocks the whole account). S3 has blocked new buckets by default since April 2023; declaring the block keeps an imported or reconfigured bucket from turning public. Also covers S3.2/S3.3 (public read/write), S3.1 (account block) and S3.12 (ACLs).',
  severity: "critical",
  framework: awsFoundationalControl("S3.8", "S3 general purpose buckets should block public access"),
  tags: [groupTag("data"), "aws"],
  remediationSteps:
    "Use the privateBucket component (aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true; aws-native: publicAccessBlockConfiguration); drop public ACLs; serve public content through CloudFront with an origin access control and a bucket policy for the cloudfront.amazonaws.com service principal with aws:SourceArn set to the distribution.",
  url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
  validateStack: (args, report) => {
    const all = args.resources;
    const blocked = new Set(all.filter((r) => r.type === BUCKET_BLOCK).map(bucketKeyOf));
    const accountWide = accountBlocked(all);
    judgeEach(
      all.filter((r) => carriesAcl(r.type) || r.type in BUCKET_POLICY_DOCUMENTS || r.type in BLOCK_SETTINGS),
      (r) => {
        for (const why of publicAcl(r)) report(`${r.name}: ${why}.`, r.urn);
        for (const { where, doc } of BUCKET_POLICY_DOCUMENTS[r.type]?.(r.props) ?? []) {
          const { findings, error } = publicGrants(doc);
          if (error !== undefined) report(`${r.name} ${where} ${error}, so what it grants cannot be judged.`, r.urn);
          for (const f of findings) report(`${r.name} ${where}: ${f}.`, r.urn);
        }
        if (r.type === BUCKET_BLOCK) {
          const off = flagsOff(r.props);
          if (off.length) report(`${r.name}: the public access block leaves ${off.join(", ")} off.`, r.urn);
        }
        if (r.type === NATIVE_BUCKET) {
          const settings = r.props.publicAccessBlockConfiguration;
          const off = flagsOff(settings);
          if (settings === undefined && !accountWide)
            report(`${r.name}: the bucket has no publicAccessBlockConfiguration.`, r.urn);
          else if (settings !== undefined && off.length)
            report(`${r.name}: publicAccessBlockConfiguration leaves ${off.join(", ")} off.`, r.urn);
        }
        if (BUCKET_TYPES.includes(r.type) && r.type !== NATIVE_BUCKET && !accountWide) {
          if (!keysOfBucket(r).some((k) => blocked.has(k)))
            report(`${r.name}: no aws.s3.BucketPublicAccessBlock in the stack applies to this bucket.`, r.urn);
        }
      },
    );
  },
};
