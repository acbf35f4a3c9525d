import { CheckPhase, runCheck } from "../automation/check/runCheck";

/** How long each phase of one check took, ms. */
export type PhaseTimes = Record<CheckPhase, number>;

/** `node --import tsx bench/checkPhases.ts DIR STACK POLICY_CONFIG`: one check in this process, its phase times as JSON. */
async function main(): Promise<void> {
  const [projectDir, stack, policyConfig] = process.argv.slice(2);
  if (!projectDir || !stack || !policyConfig) {
    console.error("checkPhases: expected DIR STACK POLICY_CONFIG");
    process.exit(2);
  }
  const phases: Partial<PhaseTimes> = {};
  await runCheck({
    projectDir,
    stack,
    policyConfig,
    onPhase: (phase, ms) => {
      phases[phase] = Math.round(ms);
    },
  });
  console.log(JSON.stringify(phases));
}

if (require.main === module) {
  Error.stackTraceLimit = 1;
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(`checkPhases: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
