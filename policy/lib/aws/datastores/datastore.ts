import { PolicyResource } from "@pulumi/policy";

/** The kinds of datastore the model reads; one kind per service and shape, whichever provider declares it. */
export type DatastoreKind =
  | "rds-instance"
  | "rds-cluster"
  | "rds-cluster-member"
  | "rds-proxy"
  | "elasticache-replication-group"
  | "elasticache-cluster"
  | "elasticache-serverless"
  | "memorydb-cluster"
  | "docdb-cluster"
  | "opensearch-domain"
  | "efs-file-system"
  | "dynamodb-table"
  | "dax-cluster"
  | "s3-bucket";

/** What a datastore's settings say about one protection: kept, or broken and why. */
export type Verdict = { ok: true; why?: undefined } | { ok: false; why: string };

/** A protection kept. */
export const KEPT: Verdict = { ok: true };

/** A protection broken, and why (the finding's message). */
export function broken(why: string): Verdict {
  return { ok: false, why };
}

/**
 * One datastore as the policies judge it, whichever provider (classic `@pulumi/aws` or
 * `@pulumi/aws-native`) declared it. Each protection is `undefined` when the kind has none to
 * judge, and is read when a policy asks for it, so a value unknown in a preview stops only the
 * policies that need it.
 */
export interface Datastore {
  /** What the resource is. */
  readonly kind: DatastoreKind;
  /** Whether the data is encrypted at rest; a replica's, as its source's unless it declares its own. */
  readonly encryptedAtRest: Verdict | undefined;
  /** Whether a customer-managed key encrypts it (the key is named, even if unknown in a preview). */
  readonly kmsKey: boolean | undefined;
  /** Whether clients must use TLS; a replica's, as its source's unless it declares its own. */
  readonly tlsInTransit: Verdict | undefined;
  /** Whether clients must authenticate. */
  readonly auth: Verdict | undefined;
  /** The resource this one replicates or belongs to, when it is in the stack. */
  readonly replicaOf: PolicyResource | undefined;
  /** The resource the facts were read from. */
  readonly where: PolicyResource;
}
