/** The validate mode's pure parts: outcome, job summary, annotation paths. */
import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../src/plan/load.js';
import { summaryMarkdown, validationOutcome } from '../src/modes/validate.js';
import { annotationPath } from '../src/plan/repo-path.js';
import { edit } from './fixtures/base-plan.js';

describe('validate mode', () => {
  it('a valid plan: decision valid, release id from the version, no failure', () => {
    // With a correlation input: a plan without one is valid too, with a warning (plan-validate.test.ts).
    // The workflow check turned off: a skipped one adds a note (test/validate-workflows-skipped.test.ts).
    const result = loadPlanText(edit(['  workflow: deploy.yml\n', '  workflow: deploy.yml\n  correlationInput: correlation_id\n']), 'plan.yml', {
      workflowsDir: false,
    });
    const outcome = validationOutcome(result, { plan: 'plan.yml', version: '2.0.0' });
    expect(outcome).toMatchObject({ decision: 'valid', reasonCode: 'plan-valid', releaseId: 'app-2.0.0' });
    expect(outcome.failed).toBeUndefined();
    expect(summaryMarkdown(result, { plan: 'plan.yml' })).toBe(
      '### Release plan `plan.yml`: :white_check_mark: valid\n\n**app**: 1 stage, 1 region, 1 gate; deploys with `deploy.yml`.\n\n',
    );
  });

  it('an invalid plan: decision invalid, a failure naming the count, a table of problems', () => {
    const result = loadPlanText(edit(['bake: 5m', 'bake: 5|m'], ['provider: prom', 'provider: nope']), 'plan.yml');
    const outcome = validationOutcome(result, { plan: 'plan.yml', version: '2.0.0' });
    expect(outcome).toMatchObject({ decision: 'invalid', reasonCode: 'plan-invalid', failed: 'release plan plan.yml has 2 errors' });
    expect(outcome.releaseId).toBeUndefined();
    const md = summaryMarkdown(result, { plan: 'plan.yml' });
    // The bad duration (shape) and the unknown provider (semantic) are both reported.
    expect(md).toContain(':x: invalid (2 errors)');
    // A `|` in a message must not break the table.
    expect(md).toContain("got the string '5\\|m'");
    expect(md.split('\n').filter((l) => l.startsWith('| error |'))).toHaveLength(2);
  });

  it('annotation paths are relative to the workspace', () => {
    expect(annotationPath('/repo/.github/release-plan.yml', '/repo')).toBe('.github/release-plan.yml');
    expect(annotationPath('./plan.yml', '/repo')).toBe('plan.yml');
    expect(annotationPath('plan.yml', undefined)).toBe('plan.yml');
  });
});
