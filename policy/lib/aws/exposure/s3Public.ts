import { PolicyResource } from "@pulumi/policy";
import { asList } from "../grants/document";

/** Canned ACLs that open a bucket or object to everyone (or every AWS account). */
const PUBLIC_CANNED = new Set([
  "public-read",
  "public-read-write",
  "authenticated-read",
  "publicread",
  "publicreadwrite",
  "authenticatedread",
]);
/** Grantee groups that are everyone and every AWS account. */
const PUBLIC_GROUPS = [
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

/** The four settings of S3 Block Public Access. */
export const BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

function publicGrantees(grants: unknown): string[] {
  return (Array.isArray(grants) ? grants : []).flatMap((g: any) =>
    asList(g?.grantee?.uri ?? g?.uri).filter((u) => PUBLIC_GROUPS.includes(u)),
  );
}

/** Where each type keeps an ACL, in both providers: the canned ACL and explicit grants. */
const ACLS: Record<string, (p: Record<string, any>) => { canned?: unknown; grants?: unknown }> = {
  "aws:s3/bucket:Bucket": (p) => ({ canned: p.acl, grants: p.grants }),
  "aws:s3/bucketV2:BucketV2": (p) => ({ canned: p.acl, grants: p.grants }),
  "aws:s3/bucketAclV2:BucketAclV2": (p) => ({ canned: p.acl, grants: p.accessControlPolicy?.grants }),
  "aws:s3/bucketAcl:BucketAcl": (p) => ({ canned: p.acl, grants: p.accessControlPolicy?.grants }),
  "aws:s3/bucketObjectv2:BucketObjectv2": (p) => ({ canned: p.acl }),
  "aws:s3/bucketObject:BucketObject": (p) => ({ canned: p.acl }),
  "aws-native:s3:Bucket": (p) => ({ canned: p.accessControl }),
};

/** What makes a resource's ACL public, one line each. */
export function publicAcl(r: PolicyResource): string[] {
  const read = ACLS[r.type];
  if (!read) return [];
  const { canned, grants } = read(r.props);
  const found: string[] = [];
  if (typeof canned === "string" && PUBLIC_CANNED.has(canned.toLowerCase())) found.push(`its ACL is ${canned}`);
  for (const uri of publicGrantees(grants)) found.push(`its ACL grants ${uri.split("/").pop()}`);
  return found;
}

/** Whether a type carries an ACL. */
export function carriesAcl(type: string): boolean {
  return type in ACLS;
}

/** Where each type keeps Block Public Access settings. */
export const BLOCK_SETTINGS: Record<string, (p: Record<string, any>) => Record<string, unknown> | undefined> = {
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": (p) => p,
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": (p) => p,
  "aws:s3control/accountPublicAccessBlock:AccountPublicAccessBlock": (p) => p,
  "aws-native:s3:Bucket": (p) => p.publicAccessBlockConfiguration,
};

/** The Block Public Access settings left off (unset counts as off, the providers' default). */
export function flagsOff(settings: Record<string, unknown> | undefined): string[] {
  return BLOCK_FLAGS.filter((f) => settings?.[f] !== true);
}
