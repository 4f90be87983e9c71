/**
 * Stand-in for src/index.ts while src/modes/run.ts does not delegate to runMode yet: the same
 * path (inputs -> settings -> runMode -> outputs), bundled by the e2e test. Once mode run is
 * wired, the test bundles src/index.ts instead.
 */
import * as core from '@actions/core';
import { outputsOf, parseSettings } from '../../src/action-io.js';
import { runMode } from '../../src/run/action-run.js';

const settings = parseSettings((name) => core.getInput(name));
core.setSecret(settings.token);
const outcome = await runMode(settings);
const outputs = outputsOf(settings.mode, outcome);
for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
if (outcome.failed !== undefined) core.setFailed(outcome.failed);
