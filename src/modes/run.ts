/**
 * Modes 'run' and 'reconcile': drive the release against GitHub through src/modes/drive-release.ts
 * (the mode in the settings tells it whether to loop until the end or to advance, save and exit).
 * A command (input `command`) is read and checked there (src/modes/command-run.ts).
 */
import type { ModeOutcome, Settings } from '../action-io.js';
import { runMode } from './drive-release.js';
import type { RunnerEnv } from '../runner/env.js';

/** Runs (or reconciles) the release named by the settings. */
export async function execute(settings: Settings, runner?: RunnerEnv): Promise<ModeOutcome> {
  return runMode(settings, runner ? { runner } : {});
}
