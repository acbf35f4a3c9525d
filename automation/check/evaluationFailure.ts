import { isStackConfigError } from "../../components/config/errors";
import { EvaluationError, UsageError } from "../core/errors";
import { INVOKES_FILE, MissingInvoke } from "./invokes";
import { programLocation } from "./programLocation";

/** The SDK's serialization wraps a failed input in one "error serializing property" per level. */
const SERIALIZATION_PREFIX = /^(error serializing property "[^"]*": )+/;
/** How the SDK reports a registration the engine refused. */
const REGISTRATION = /^failed to register new resource (\S+) \[([^\]]+)\]: /;

/** Errors the stack's config explains; `renderStack` turns them into usage errors. */
function isConfigProblem(err: unknown): boolean {
  if (err instanceof UsageError || isStackConfigError(err)) return true;
  const message = err instanceof Error ? err.message.replace(SERIALIZATION_PREFIX, "") : "";
  return /^Required output '[^']+' does not exist on stack '[^']+'/.test(message);
}

/**
 * Why a program could not be evaluated, as the one-line {@link EvaluationError} the CLI exits 3
 * with: an invoke with no result offline first (whatever failed because of it), else the error
 * the program threw, with the resource it was registering and the first place in the project's
 * files its stack passes through. Config problems are returned unchanged.
 */
export function evaluationFailure(err: unknown, projectDir: string, missing: readonly MissingInvoke[] = []): unknown {
  if (missing.length) {
    const [first] = missing;
    const more =
      missing.length > 1
        ? ` (and ${missing
            .slice(1)
            .map((m) => m.token)
            .join(", ")})`
        : "";
    return new EvaluationError(
      `invoke ${first.token} has no result offline (add its result to ${INVOKES_FILE})${more}`,
      first.location,
    );
  }
  if (err === undefined || isConfigProblem(err)) return err;
  const error = err instanceof Error ? err : new Error(String(err));
  let reason = String(error.message ?? "")
    .split("\n")[0]
    .replace(SERIALIZATION_PREFIX, "");
  const registration = REGISTRATION.exec(reason);
  let resource: string | undefined;
  if (registration) {
    resource = `${registration[1]} [${registration[2]}]`;
    reason = reason.slice(registration[0].length);
  }
  const kind = error.name && error.name !== "Error" ? `${error.name}: ` : "";
  return new EvaluationError(
    `${kind}${reason || "the program failed with no message"}`,
    programLocation(error.stack, projectDir),
    resource,
  );
}
