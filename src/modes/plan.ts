/**
 * Mode 'plan': not wired yet. It will delegate to src/metrics/preflight.ts (planMode); until then it fails
 * loudly rather than doing nothing.
 */
import { ModeNotAvailable, type ModeOutcome, type Settings } from '../action-io.js';

/** Fails with "mode 'plan' is not available yet". */
export async function execute(_settings: Settings): Promise<ModeOutcome> {
  throw new ModeNotAvailable('plan');
}
