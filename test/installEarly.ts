// Required by .mocharc.json only (a whole `npm test`, not a focused run): mocha's main process
// packs and installs the SDK (test/fixtures/installedPlatform.ts) while the workers run the first
// files; the tests that use the install take its outcome from the main process and pack nothing.
import { installForWorkers } from "./fixtures/installedPlatform";

let install: ReturnType<typeof installForWorkers> | undefined;

/** Starts the install without waiting for it. */
export function mochaGlobalSetup(): void {
  install = installForWorkers();
}

/** Waits for the install, so that no npm process outlives the run, and removes its hand-off file. */
export async function mochaGlobalTeardown(): Promise<void> {
  await install?.written;
  install?.done();
}
