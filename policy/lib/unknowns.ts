import { Policy, PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";

/** What `@pulumi/policy`'s analyzer throws when a policy reads a value that is unknown during preview. */
const UNKNOWN_VALUE = /value at \.\S* can't be known during preview$/;

function isUnknownValueError(e: unknown): e is Error {
  return e instanceof Error && UNKNOWN_VALUE.test(e.message);
}

/**
 * Reads a value that a policy may do without: `undefined` when it is unknown during preview.
 * Only for values whose absence cannot hide a violation (the policy judges on something known,
 * such as a key's name); any other error, and any read a verdict depends on, still surfaces.
 */
export function knownOrUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (isUnknownValueError(e)) return undefined;
    throw e;
  }
}

/**
 * How the analyzer says a policy could not run for a value unknown in a preview — its own message
 * for a thrown unknown (`from policy pack '<pack>@v<version>'`), and the one
 * {@link withUnknownSubjects} reports (no pack) — with the unknown value in group 1.
 */
export const UNKNOWN_DIAGNOSTIC = /can't run policy '[^']+'(?: from policy pack '[^']+')? during preview: (.+)$/;

/** A resource a stack policy could not judge, and the value that was unknown. */
interface UnknownSubject {
  urn: string;
  reason: string;
}

/** Where {@link judgeEach} puts the resources it could not judge on the error it throws. */
const SUBJECTS = Symbol("unknown subjects");

function subjectsOf(e: unknown): UnknownSubject[] | undefined {
  return e instanceof Error ? (e as Error & { [SUBJECTS]?: UnknownSubject[] })[SUBJECTS] : undefined;
}

/**
 * Judges each resource of a stack policy on its own, so one value unknown in a preview stops only
 * that resource's verdict: the others are still judged and reported, and the policy then fails as
 * not judged (the analyzer's own unknown error). The error names the first resource it could not
 * judge, for an engine that shows it as is, and carries every such resource for
 * {@link withUnknownSubjects}.
 */
export function judgeEach(resources: PolicyResource[], judge: (r: PolicyResource) => void): void {
  const missed: { r: PolicyResource; e: Error }[] = [];
  for (const r of resources) {
    try {
      judge(r);
    } catch (e) {
      if (!isUnknownValueError(e)) throw e;
      missed.push({ r, e });
    }
  }
  if (!missed.length) return;
  const subjects = missed.map(({ r, e }) => ({ urn: r.urn, reason: e.message }));
  const [{ r, e }] = missed;
  const more = missed.length - 1;
  e.message = `${r.name} [${r.type}]: ${e.message}${more ? ` (and ${more} more resource${more > 1 ? "s" : ""})` : ""}`;
  throw Object.assign(e, { [SUBJECTS]: subjects });
}

/** A diagnostic in the form `@pulumi/policy`'s report function also takes: its own level and URN. */
type DiagnosticReport = (diagnostic: { message: string; urn: string; enforcementLevel: "advisory" }) => void;

/**
 * The policy with each resource its stack validation could not judge ({@link judgeEach}) reported
 * as an advisory "can't run … during preview" diagnostic on that resource's URN — the level the
 * analyzer gives a policy stopped by an unknown value — instead of one diagnostic for the whole
 * policy: whoever reads the diagnostics gets each subject as the diagnostic's URN. Resource
 * policies are returned as they are.
 */
export function withUnknownSubjects<P extends Policy>(policy: P): P {
  const stack = policy as unknown as StackValidationPolicy;
  if (typeof stack.validateStack !== "function") return policy;
  const validate = stack.validateStack;
  return {
    ...policy,
    validateStack: async (args, report: ReportViolation) => {
      try {
        await validate(args, report);
      } catch (e) {
        const subjects = subjectsOf(e);
        if (!subjects) throw e;
        for (const { urn, reason } of subjects) {
          (report as unknown as DiagnosticReport)({
            message: `can't run policy '${policy.name}' during preview: ${reason}`,
            urn,
            enforcementLevel: "advisory",
          });
        }
      }
    },
  } as StackValidationPolicy as unknown as P;
}
