import { isStackConfigError } from "../../components/config/errors";
import { ConfigProblemsError } from "../core/configProblems";
import { UsageError } from "../core/errors";
import { ProgramConfig, PulumiProject } from "../core/project";
import { RenderedStack, renderProgram } from "./renderProgram";

/** The SDK's serialization wraps a failed input in one "error serializing property" per level. */
const SERIALIZATION_PREFIX = /^(error serializing property "[^"]*": )+/;

/** A stack config error or an offline-unknown stack reference as the one-line {@link UsageError} it is. */
function configError(err: unknown): never {
  if (isStackConfigError(err)) throw new ConfigProblemsError(err.problems);
  const message = err instanceof Error ? err.message.replace(SERIALIZATION_PREFIX, "") : undefined;
  const missing = message && /^Required output '([^']+)' does not exist on stack '([^']+)'/.exec(message);
  if (missing) {
    throw new UsageError(
      `stack reference ${missing[2]}: output "${missing[1]}" is not known offline (check reads no other stack; give the values in the stack file instead of a stackReference)`,
    );
  }
  if (err instanceof Error && message !== err.message) err.message = message!;
  throw err;
}

/**
 * Renders a stack's program offline, as `check` and `plan` do.
 * @throws ConfigProblemsError when the program refuses the stack's config, one line per problem.
 */
export function renderStack(project: PulumiProject, config: ProgramConfig, program?: string): Promise<RenderedStack> {
  return renderProgram({ project, config, program }).catch(configError);
}

/**
 * Throws every problem of the stack file at once: the program's own (its project keys, found by
 * running it) before those found without it (declared, provider and guardrails keys).
 * @throws ConfigProblemsError always.
 */
export async function throwWithProgramProblems(
  project: PulumiProject,
  config: ProgramConfig,
  problems: readonly string[],
  program?: string,
): Promise<never> {
  const programProblems = await renderStack(project, config, program).then(
    () => [],
    (err: unknown) => (err instanceof ConfigProblemsError ? err.problems : []),
  );
  // The program's own line for a key says more than the declaration's; keep one line per key.
  const keyOf = (line: string) => line.split(": ", 2).join(": ");
  const named = new Set(programProblems.map(keyOf));
  throw new ConfigProblemsError([...programProblems, ...problems.filter((line) => !named.has(keyOf(line)))]);
}
