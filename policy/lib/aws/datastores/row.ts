import { DatastoreKind, Verdict } from "./datastore";
import { Read } from "./read";
import { SourceLink } from "./sources";

/** How one resource type reads as a datastore: a row of the model's table. */
export interface DatastoreRow {
  /** Type token (classic `aws:` or `aws-native:`). */
  readonly type: string;
  /** What it is. */
  readonly kind: DatastoreKind;
  /** Encryption at rest. @default not judged */
  readonly encryptedAtRest?: Read<Verdict>;
  /** Whether a customer-managed key is named. @default not judged */
  readonly kmsKey?: Read<boolean>;
  /** TLS required in transit. @default not judged */
  readonly tlsInTransit?: Read<Verdict>;
  /** Client authentication. @default not judged */
  readonly auth?: Read<Verdict>;
  /** The source a replica copies or the cluster a member belongs to. @default none */
  readonly source?: SourceLink;
}
