export {
  preview,
  up,
  destroy,
  refresh,
  outputs,
  runOperation,
  policyArguments,
  cliErrorLines,
} from "./stackOperations";
export type { PolicyArguments } from "./stackOperations";
export type { OperationName, OperationOptions, OperationResult } from "./stackOperations";
export type { Progress, Diagnostic, PolicyViolation, OperationCallbacks } from "./events";
export {
  PlatformOperationError,
  PulumiCliMissingError,
  StackNotFoundError,
  ConcurrentUpdateError,
  PolicyViolationError,
  OperationCancelledError,
  OperationFailedError,
} from "./errors";
