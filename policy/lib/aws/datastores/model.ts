import { PolicyResource } from "@pulumi/policy";
import { CACHE_ROWS } from "./caches";
import { broken, Datastore, KEPT, Verdict } from "./datastore";
import { RDS_ROWS } from "./rds";
import { INHERIT, Read } from "./read";
import { DatastoreRow } from "./row";
import { S3_ROWS } from "./s3";
import { sourceOf } from "./sources";
import { STORE_ROWS } from "./stores";

/** Every resource type the model reads, by type token. */
export const DATASTORE_ROWS: ReadonlyMap<string, DatastoreRow> = new Map(
  [...RDS_ROWS, ...CACHE_ROWS, ...STORE_ROWS, ...S3_ROWS].map((row) => [row.type, row]),
);

/** How many sources deep an inherited protection is followed (a replica of a replica of …). */
const MAX_DEPTH = 5;

const WHAT = { encryptedAtRest: "encryption at rest", tlsInTransit: "TLS" } as const;

/**
 * A protection as the resource declares it or, for a replica declaring nothing, as its source:
 * a source of the stack is read the same way (its finding prefixed), a source outside it cannot
 * be verified, and a cluster member takes its cluster's storage, which the cluster answers for.
 */
function resolved(r: PolicyResource, aspect: keyof typeof WHAT, all: PolicyResource[], depth = 0): Verdict | undefined {
  const row = DATASTORE_ROWS.get(r.type);
  const own = row?.[aspect]?.(r, all);
  if (own !== INHERIT) return own;
  const link = row?.source;
  if (!link || link.member) return KEPT;
  const source = sourceOf(r, link, all);
  if (!source || depth >= MAX_DEPTH)
    return broken(
      `${link.property} names a source outside this stack, so the replica's ${WHAT[aspect]} cannot be verified; declare it on the replica.`,
    );
  const inherited = resolved(source, aspect, all, depth + 1);
  return inherited && !inherited.ok
    ? broken(`replica of ${source.name}, which it follows: ${inherited.why}`)
    : inherited;
}

function read<T>(read: Read<T> | undefined, r: PolicyResource, all: PolicyResource[]): T | undefined {
  const v = read?.(r, all);
  return v === INHERIT ? undefined : v;
}

/** The resource as a datastore, or `undefined` when the model does not read its type. */
export function datastoreOf(r: PolicyResource, all: PolicyResource[]): Datastore | undefined {
  const row = DATASTORE_ROWS.get(r.type);
  if (!row) return undefined;
  return {
    kind: row.kind,
    where: r,
    get encryptedAtRest() {
      return resolved(r, "encryptedAtRest", all);
    },
    get tlsInTransit() {
      return resolved(r, "tlsInTransit", all);
    },
    get kmsKey() {
      return read(row.kmsKey, r, all);
    },
    get auth() {
      return read(row.auth, r, all);
    },
    get replicaOf() {
      return row.source ? sourceOf(r, row.source, all) : undefined;
    },
  };
}

/** The stack's datastores of the given kinds, in stack order. */
export function datastoresOf(all: PolicyResource[], kinds?: readonly Datastore["kind"][]): Datastore[] {
  return all
    .map((r) => datastoreOf(r, all))
    .filter((d): d is Datastore => d !== undefined && (!kinds || kinds.includes(d.kind)));
}
