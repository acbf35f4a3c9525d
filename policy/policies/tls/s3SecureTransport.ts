import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { groupTag, PCI_DSS_TRANSIT } from "../../lib/metadata";
import { judgeEach } from "../../lib/unknowns";

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

/** Whether an IAM resource pattern (`*` any run, `?` one character) matches an ARN. */
function matches(pattern: string, arn: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split(/([*?])/)
      .map((part) => (part === "*" ? ".*" : part === "?" ? "." : part.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
  );
  return re.test(arn);
}

/** The only condition that may stand on the statement: aws:SecureTransport false, nothing narrowing it. */
function onlyInsecureTransport(condition: any): boolean {
  if (!condition || typeof condition !== "object") return false;
  const operators = Object.keys(condition);
  if (operators.length !== 1 || operators[0] !== "Bool") return false;
  const keys = Object.keys(condition.Bool ?? {});
  const secure = condition.Bool?.["aws:SecureTransport"];
  return (
    keys.length === 1 &&
    (secure === false ||
      String(secure) === "false" ||
      (Array.isArray(secure) && secure.length === 1 && String(secure[0]) === "false"))
  );
}

/**
 * Whether a policy document denies every request to `bucket` (its ARN and its objects' ARNs, or
 * any bucket when the name is not given) that does not use TLS, with no other condition narrowing it.
 */
export function deniesInsecureTransport(policy: unknown, bucket?: string): boolean {
  const arns = bucket === undefined ? undefined : [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/any-object`];
  return statements(policy).some((s) => {
    if (
      s?.Effect !== "Deny" ||
      !everyone(s.Principal) ||
      !coversAllActions(s.Action) ||
      !onlyInsecureTransport(s.Condition)
    )
      return false;
    if ("NotResource" in (s ?? {})) return false;
    const resources: string[] = (Array.isArray(s.Resource) ? s.Resource : [s.Resource])
      .map(String)
      .map((r: string) => r.replace(/^arn:aws[a-z-]*:/, "arn:aws:"));
    return arns ? arns.every((arn) => resources.some((r) => matches(r, arn))) : resources.includes("*");
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
  description:
    "Every S3 bucket must have a bucket policy that denies requests to it and its objects made without TLS (aws:SecureTransport = false), with no other condition narrowing the Deny.",
  severity: "high",
  framework: PCI_DSS_TRANSIT,
  tags: [groupTag("tls"), "aws"],
  remediationSteps:
    'Attach an aws.s3.BucketPolicy with a statement: Effect Deny, Principal *, Action s3:*, Resource the bucket and its objects, Condition Bool aws:SecureTransport "false".',
  url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => BUCKET_TYPES.includes(r.type)),
      (bucket) => {
        const docs = [bucket.props.policy, ...policiesFor(bucket, args.resources).map((p) => p.props.policy)].filter(
          (d) => d !== undefined,
        );
        const name = "bucket" in bucket.props ? String(bucket.props.bucket) : undefined;
        if (!docs.some((d) => deniesInsecureTransport(d, name))) {
          report(
            name === undefined
              ? `bucket ${bucket.name} has no name in its inputs, so only a Deny on every resource ("*") without TLS could be verified; name the bucket, or deny "*".`
              : `bucket ${bucket.name} has no bucket policy denying requests to arn:aws:s3:::${name} and its objects when aws:SecureTransport is false (with no other condition).`,
            bucket.urn,
          );
        }
      },
    );
  },
};
