import { oneLine } from "../../components/config/errors";
import { UsageError } from "./errors";

/**
 * Every problem found in one input (a stack file, a policy config), one line each. The message is
 * those lines; the CLI prints each on its own line and exits 2.
 */
export class ConfigProblemsError extends UsageError {
  /** The problems, one line each. */
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const lines = problems.map(oneLine);
    super(lines.join("\n"));
    this.name = "ConfigProblemsError";
    this.problems = lines;
  }
}

/** Throws a {@link ConfigProblemsError} when there is any problem. */
export function throwProblems(problems: readonly string[]): void {
  if (problems.length) throw new ConfigProblemsError(problems);
}
