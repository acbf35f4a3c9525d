import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

function statements(policy: unknown): any[] {
  let doc: any = policy;
  if (typeof policy === "string") {
    try {
      doc = JSON.parse(policy);
    } catch {
      return [];
    }
  }
  const s = doc?.Statement;
  return Array.isArray(s) ? s : s ? [s] : [];
}

function everyone(principal: any): boolean {
  return principal === "*" || principal?.AWS === "*" || (Array.isArray(principal?.AWS) && principal.AWS.includes("*"));
}

function coversAllActions(action: any): boolean {
  const list: string[] = Array.isArray(action) ? action : [action];
  return list.includes("s3:*") || list.includes("*");
}

/** Whether a policy document denies every request that does not use TLS. */
export function deniesInsecureTransport(policy: unknown): boolean {
  return statements(policy).some((s) => {
    const secure = s?.Condition?.Bool?.["aws:SecureTransport"];
    return s?.Effect === "Deny" && everyone(s.Principal) && coversAllActions(s.Action) && (secure === false || String(secure) === "false");
  });
}

/** The policies of a bucket: those whose `bucket` came from it, else those naming it (read only then: a name computed in a preview is unknown). */
function policiesFor(bucket: PolicyResource, all: PolicyResource[]): PolicyResource[] {
  const policies = all.filter((r) => r.type === BUCKET_POLICY);
  const linked = policies.filter((r) => (r.propertyDependencies.bucket ?? []).some((dep) => dep.urn === bucket.urn));
  if (linked.length || !("bucket" in bucket.props)) return linked;
  return policies.filter((r) => r.props.bucket === bucket.props.bucket);
}

/** Every S3 bucket of the stack has a bucket policy denying requests without TLS. */
export const s3SecureTransport: StackValidationPolicy = {
  name: "aws-s3-secure-transport",
  description: "Every S3 bucket must have a bucket policy that denies requests made without TLS (aws:SecureTransport = false).",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls"), "aws"],
  remediationSteps: "Attach an aws.s3.BucketPolicy with a statement: Effect Deny, Principal *, Action s3:*, Resource the bucket and its objects, Condition Bool aws:SecureTransport \"false\".",
  url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
  validateStack: (args, report) => {
    for (const bucket of args.resources.filter((r) => BUCKET_TYPES.includes(r.type))) {
      const docs = [bucket.props.policy, ...policiesFor(bucket, args.resources).map((p) => p.props.policy)].filter((d) => d !== undefined);
      if (!docs.some(deniesInsecureTransport)) {
        report(`bucket ${bucket.name} has no bucket policy denying aws:SecureTransport = false.`, bucket.urn);
      }
    }
  },
};
