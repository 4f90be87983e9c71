/**
 * Modes 'run' and 'reconcile': drive the release against GitHub through src/modes/drive-release.ts
 * (the mode in the settings tells it whether to loop until the end or to advance, save and exit).
 */
import { ModeNotAvailable, type ModeOutcome, type Settings } from '../action-io.js';
import { runMode } from './drive-release.js';
import { parseOperatorCommand } from '../driver/operator-command.js';
import type { RunnerEnv } from '../runner/env.js';

/** Runs (or reconciles) the release named by the settings. */
export async function execute(settings: Settings, runner?: RunnerEnv): Promise<ModeOutcome> {
  // Operator commands (approve, abort, ...) arrive through workflow_dispatch in a later issue;
  // until then a command must fail loudly, never start or advance a release by accident. The one
  // exception, adopt-plan, is how a person lets a release go on under a changed plan.
  // The core knows every command (core/commands.ts); the modes take only adopt-plan until their wiring lands.
  if (settings.command !== undefined && parseOperatorCommand(settings.command)?.name !== 'adopt-plan') {
    throw new ModeNotAvailable(settings.mode, `operator command '${settings.command}' (mode '${settings.mode}')`);
  }
  return runMode(settings, runner ? { runner } : {});
}
