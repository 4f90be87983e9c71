/**
 * Mode 'run': not wired yet. It will delegate to src/run/action-run.ts (runMode); until then it fails
 * loudly rather than doing nothing.
 */
import { ModeNotAvailable, type ModeOutcome, type Settings } from '../action-io.js';

/** Fails with "mode 'run' is not available yet". */
export async function execute(_settings: Settings): Promise<ModeOutcome> {
  throw new ModeNotAvailable('run');
}
