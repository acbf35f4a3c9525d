// Required by .mocharc.json only (a whole `npm test`, not a focused run): mocha's main process
// starts packing and installing the SDK (test/fixtures/installedPlatform.ts) while the workers
// run the first files, so the tests that use the install find it made, or wait on its lock.
import { installedPlatform } from "./fixtures/installedPlatform";

let started: Promise<unknown> | undefined;

/** Starts the install without waiting for it. */
export function mochaGlobalSetup(): void {
  // A failure here is the tests' to report: they ask again and see the error.
  started = installedPlatform().catch(() => undefined);
}

/** Waits for the install, so that no npm process outlives the run. */
export async function mochaGlobalTeardown(): Promise<void> {
  await started;
}
