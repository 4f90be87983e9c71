/**
 * Mode 'reconcile': drives the release against GitHub through src/run/action-run.ts (the mode in the
 * settings tells it whether to loop until the end or to advance, save and exit).
 */
import type { ModeOutcome, Settings } from '../action-io.js';
import { runMode } from '../run/action-run.js';

/** Runs (or reconciles) the release named by the settings. */
export async function execute(settings: Settings): Promise<ModeOutcome> {
  return runMode(settings);
}
