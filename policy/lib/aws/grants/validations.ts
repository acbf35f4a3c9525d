import { ResourceValidation } from "@pulumi/policy";
import { forTypes } from "../forTypes";
import { CarriedDocument } from "./documents";
import { GrantFindings } from "./grants";

/**
 * One validation per type of a document table, each tagged with its type, reporting what
 * `judge` finds in every document the resource carries; an unreadable document is reported
 * as not judged, never passed.
 */
export function documentValidations(
  table: Record<string, (p: Record<string, any>) => CarriedDocument[]>,
  judge: (doc: unknown) => GrantFindings,
): ResourceValidation {
  return forTypes(Object.keys(table), (args, report) => {
    for (const { where, doc } of table[args.type](args.props)) {
      const { findings, error } = judge(doc);
      if (error !== undefined) report(`${where} ${error}, so what it grants cannot be judged.`);
      for (const f of findings) report(`${where}: ${f}.`);
    }
  });
}
