/**
 * Found by the issue-12 review: a command run whose inputs the action rejects (bad-input: the run fails, the
 * person is told nothing was done) still carries a title the inbox reads as a valid command:
 * the next driver (or the live one) applies it. The run-name formats the raw inputs, and the
 * title's reader is looser than the inputs' checks (a `release`/`stage` with spaces, a reason
 * over 500 characters).
 */
import { describe, expect, it } from 'vitest';
import { parseSettings, SettingsError } from '../src/action-settings.js';
import { commandsFromRuns } from '../src/driver/inbox.js';
import { initialState } from '../src/core/state.js';
import { makePlan, stage } from './support/plans.js';

const WORKFLOW = '.github/workflows/release.yml';
/** The example release.yml's run-name, as GitHub formats it from the raw inputs. */
const runName = (i: Record<string, string>) =>
  `progressive-release ${i.command ?? ''} ${i.release ?? ''} stage=${i.stage ?? ''} region=${i.region ?? ''} reason=${i.reason ?? ''}`;

describe('a command run refused as bad-input', () => {
  it.each([
    { command: 'abort', release: 'app-1 stage= region= reason=typo' },
    { command: 'abort', release: 'app-1', reason: 'x'.repeat(501) },
  ])('is not applied from its title either: %j', (inputs) => {
    const settings = () => parseSettings((name: string) => (({ plan: 'p.yml', token: 't', mode: 'run', ...inputs }) as Record<string, string>)[name] ?? '');
    expect(settings).toThrow(SettingsError);
    const plan = makePlan({ stages: [stage('canary', ['a'])] });
    const state = { ...initialState(plan, 'app-1', '1'), status: 'running' as const };
    const run = {
      runId: 7,
      attempt: 1,
      event: 'workflow_dispatch',
      workflowPath: WORKFLOW,
      title: runName(inputs),
      actor: 'bob',
      triggeringActor: 'bob',
      createdAt: 0,
    };
    const reading = commandsFromRuns([run], state, WORKFLOW, 0);
    expect(reading.events.filter((e) => e.denied === undefined)).toEqual([]);
  });
});
