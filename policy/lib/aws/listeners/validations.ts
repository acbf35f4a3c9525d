import { ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { forTypes } from "../forTypes";
import { AllowedPolicies, judgeListener } from "./judge";
import { ListenerArea, listenersOf, listenerTypes } from "./sources";

/**
 * One validation per type of an area, each tagged with its type (so the analyzer skips the
 * rest), reporting what {@link judgeListener} finds on every listener view of the resource.
 */
export function listenerValidations(
  area: ListenerArea,
  allowed: (config: Record<string, unknown>) => AllowedPolicies = () => ({}),
  before?: (args: ResourceValidationArgs, report: ReportViolation) => void,
): ResourceValidation {
  return forTypes(listenerTypes(area), (args, report) => {
    if (before) before(args, report);
    const config = allowed(args.getConfig<Record<string, unknown>>());
    for (const view of listenersOf(args.type, args.props)) for (const m of judgeListener(view, config)) report(m);
  });
}

/** A configured list of names, or undefined when the team configured none. */
export function configuredList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}
