/** The settings parser: defaults, trimming, and errors that name the input and the form. */
import { describe, expect, it } from 'vitest';
import { outputsOf, type InputName } from '../src/action-io.js';
import { parseSettings } from '../src/action-settings.js';

function settings(raw: Partial<Record<InputName, string>>) {
  return parseSettings((name) => raw[name] ?? '');
}

describe('parseSettings', () => {
  it('applies defaults (the runner passes action.yml defaults, but be safe when it does not)', () => {
    expect(settings({ mode: 'validate' })).toEqual({ plan: '.github/release-plan.yml', token: '', mode: 'validate' });
    expect(settings({ version: 'v1.2.3', token: 't' })).toEqual({ plan: '.github/release-plan.yml', token: 't', mode: 'run', version: 'v1.2.3' });
  });

  it('trims ASCII whitespace only', () => {
    expect(settings({ mode: ' validate\n', plan: ' a/plan.yml ', ref: '\tmain\n' })).toMatchObject({ mode: 'validate', plan: 'a/plan.yml', ref: 'main' });
  });

  it.each([
    [{ mode: 'deploy' }, "Invalid mode 'deploy'. Expected one of: run, reconcile, validate, plan."],
    [{ mode: 'validate', plan: 'plan.json' }, "Invalid plan 'plan.json'. Expected the path of a YAML file, such as .github/release-plan.yml."],
    [{ mode: 'run', token: 't' }, "Input 'version' is required in mode 'run'. Expected what is being released, such as v1.4.2 or a commit SHA."],
    [{ mode: 'run', version: '1' }, "Input 'token' is empty. Expected a GitHub token (the default is ${{ github.token }})."],
    [{ mode: 'run', token: 't', command: 'approve' }, "Input 'release' is required with command 'approve'. Expected the release id the command applies to."],
    [{ mode: 'run', token: 't', command: 'Approve!', release: 'r' }, "Invalid command 'Approve!'. Expected a command word such as approve, abort or resume."],
    [
      { mode: 'run', token: 't', command: 'approve', release: 'a b' },
      "Invalid release 'a b'. Expected a release id such as shop-1.4.2 (letters, digits, '.', '_' and '-').",
    ],
    [{ mode: 'validate', version: 'a\u0001b' }, "Invalid version 'a\u0001b'. Expected a tag, SHA or version of at most 200 printable characters."],
    [
      { mode: 'run', version: '1', token: 't', 'wait-for-people': '30' },
      "Invalid wait-for-people '30'. Expected a duration of at most 6h such as 30m, 2h or 0s (do not wait).",
    ],
    [
      { mode: 'run', version: '1', token: 't', 'wait-for-people': '7h' },
      "Invalid wait-for-people '7h'. Expected a duration of at most 6h such as 30m, 2h or 0s (do not wait).",
    ],
    [
      { mode: 'run', token: 't', command: 'approve', release: 'r', stage: 'Eu West' },
      "Invalid stage 'Eu West'. Expected a stage name of the plan, such as europe.",
    ],
    [{ mode: 'run', token: 't', command: 'retry', release: 'r', region: 'EU' }, "Invalid region 'EU'. Expected a region name of the plan, such as eu-west-1."],
    [
      { mode: 'run', token: 't', command: 'abort', release: 'r', reason: 'two\nlines' },
      'Invalid reason. Expected one line of at most 500 printable characters.',
    ],
    [{ mode: 'run', token: 't', version: '1', stage: 'europe' }, "Input 'stage' is given without 'command'. Expected it only with a command such as approve."],
  ] as const)('rejects %j', (raw, message) => {
    expect(() => settings(raw)).toThrow(message);
  });

  it('reads a command with its stage, region, reason and the waits', () => {
    expect(
      settings({
        token: 't',
        command: 'approve',
        release: 'shop-1.0',
        stage: 'europe',
        region: 'eu-west-1',
        reason: 'dashboards fine',
        'wait-for-people': '30m',
        'org-token': 'o',
      }),
    ).toMatchObject({ command: 'approve', stage: 'europe', region: 'eu-west-1', reason: 'dashboards fine', waitForPeopleMs: 1_800_000, orgToken: 'o' });
    expect(settings({ token: 't', version: '1', 'wait-for-people': '0s' })).not.toHaveProperty('waitForPeopleMs');
  });

  it('accepts a command with a release instead of a version', () => {
    expect(settings({ token: 't', command: 'abort', release: 'shop-1.0' })).toMatchObject({ mode: 'run', command: 'abort', release: 'shop-1.0' });
  });
});

describe('outputsOf', () => {
  it('writes every output, with versioned result JSON', () => {
    const out = outputsOf('validate', { decision: 'invalid', reasonCode: 'plan-invalid', details: { errors: 2 } });
    expect(out.decision).toBe('invalid');
    expect(out['reason-code']).toBe('plan-invalid');
    expect(out['release-id']).toBe('');
    expect(JSON.parse(out.result)).toEqual({ schemaVersion: 1, mode: 'validate', decision: 'invalid', reasonCode: 'plan-invalid', errors: 2 });
  });
});
