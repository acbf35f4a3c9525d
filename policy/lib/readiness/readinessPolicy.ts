import { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { groupTag } from "../metadata";
import { judgeEach } from "../unknowns";
import { StackModel, stackModel, StackResource } from "./stackModel";

/** What a readiness policy declares besides its check. */
export type ReadinessMeta = Omit<StackValidationPolicy, "validateStack" | "tags"> & {
  /** More tags than the readiness group's. @default none */
  tags?: string[];
};

/** Reports one finding on an object of the stack. */
export type ReadinessReport = (subject: StackResource, message: string) => void;

/** A readiness check: the objects it judges, and how it judges one. */
export interface ReadinessCheck<S extends StackResource = StackResource> {
  /** The objects it judges (each judged on its own: a value unknown in a preview stops only that one). */
  subjects(model: StackModel, args: StackValidationArgs): S[];
  /** Judges one subject. */
  judge(subject: S, model: StackModel, report: ReadinessReport, args: StackValidationArgs): void;
}

/** A stack policy in the readiness group: findings say the stack will not work once deployed, not that it is insecure. */
export function readinessPolicy<S extends StackResource>(
  meta: ReadinessMeta,
  check: ReadinessCheck<S>,
): StackValidationPolicy {
  return {
    ...meta,
    tags: [groupTag("readiness"), ...(meta.tags ?? [])],
    validateStack: (args, report) => {
      const model = stackModel(args.resources);
      const subjects = check.subjects(model, args);
      const bySubject = new Map<PolicyResource, S>(subjects.map((s) => [s.resource, s]));
      judgeEach(
        subjects.map((s) => s.resource),
        (r) => {
          const subject = bySubject.get(r);
          if (subject) check.judge(subject, model, (o, message) => report(message, o.resource.urn), args);
        },
      );
    },
  };
}
