import { StackValidationPolicy } from "@pulumi/policy";
import { judgeEach } from "../../unknowns";
import { DatastoreKind } from "./datastore";
import { datastoresOf } from "./model";

/** The protections of the datastore model a policy can judge. */
export type Protection = "encryptedAtRest" | "tlsInTransit" | "auth";

/** What a datastore policy declares besides its check. */
export type DatastorePolicyMeta = Omit<StackValidationPolicy, "validateStack">;

/**
 * A stack policy reporting each datastore of `kinds` whose `protection` is broken, with the
 * model's reason. Each datastore is judged on its own: a value unknown in a preview stops only its
 * verdict.
 */
export function datastorePolicy(
  meta: DatastorePolicyMeta,
  kinds: readonly DatastoreKind[],
  protection: Protection,
): StackValidationPolicy {
  return {
    ...meta,
    validateStack: (args, report) => {
      const stores = new Map(datastoresOf(args.resources, kinds).map((d) => [d.where.urn, d]));
      judgeEach(
        [...stores.values()].map((d) => d.where),
        (r) => {
          const verdict = stores.get(r.urn)?.[protection];
          if (verdict && !verdict.ok) report(verdict.why, r.urn);
        },
      );
    },
  };
}
