/**
 * The action: read the inputs once, pick the mode, run it, publish the verdict as outputs.
 * Modes are loaded lazily so a validate run never loads Octokit or the metrics clients
 * (cold start is part of every job), and runner I/O goes through src/runner/io.ts rather than
 * `@actions/core` (which loads undici at import; see that file and docs/benchmarks.md).
 */
import * as core from './runner/io.js';
import { parseRunnerEnv } from './runner/env.js';
import { ModeNotAvailable, outputsOf, type Mode, type ModeOutcome, type ModeRunner, type OutputName } from './action-io.js';
import { parseSettings, SettingsError } from './action-settings.js';
import { messageOf } from './report/message.js';

const MODE_MODULES: Record<Mode, () => Promise<{ execute: ModeRunner }>> = {
  run: () => import('./modes/run.js'),
  reconcile: () => import('./modes/reconcile.js'),
  validate: () => import('./modes/validate.js'),
  plan: () => import('./modes/plan.js'),
};

function publish(mode: string, outcome: ModeOutcome): void {
  const outputs = outputsOf(mode, outcome);
  for (const name of Object.keys(outputs) as OutputName[]) core.setOutput(name, outputs[name]);
}

/** Runs the action; never throws (every failure ends in core.setFailed with a reason). */
export async function run(): Promise<void> {
  let mode = 'unknown';
  try {
    const settings = parseSettings((name) => core.getInput(name));
    if (settings.token) core.setSecret(settings.token);
    if (settings.orgToken) core.setSecret(settings.orgToken);
    mode = settings.mode;
    const { execute } = await MODE_MODULES[settings.mode]();
    // The runner's variables, read once here; a mode fails on those it needs (runner/env.ts).
    const outcome = await execute(settings, parseRunnerEnv());
    publish(mode, outcome);
    if (outcome.failed !== undefined) core.setFailed(outcome.failed);
  } catch (err) {
    const reasonCode = err instanceof SettingsError ? 'bad-input' : err instanceof ModeNotAvailable ? 'mode-not-available' : 'internal-error';
    const message = messageOf(err);
    core.setFailed(message);
    try {
      publish(mode, { decision: 'error', reasonCode, details: { error: message } });
    } catch (publishErr) {
      // The outputs file may be what failed; the step has already failed with the first reason.
      core.debug(`could not write outputs: ${String(publishErr)}`);
    }
    if (reasonCode === 'internal-error' && err instanceof Error && err.stack) core.debug(err.stack);
  }
}
