/**
 * Mode 'plan': the pre-flight. Renders and runs every gate query once and reports what each
 * deploy would receive, without dispatching anything (src/metrics/preflight.ts).
 */
import type { ModeOutcome, Settings } from '../action-io.js';
import { planMode } from '../metrics/preflight.js';

/** Runs the pre-flight for the plan in the settings. */
export async function execute(settings: Settings): Promise<ModeOutcome> {
  return planMode(settings);
}
