/** The validator checks `{{ release.id }}` with the id a release of that version gets (plan/ids.ts), not a second spelling of it. */
import { describe, expect, it } from 'vitest';
import { unsafeTemplateValues } from '../src/plan/escape.js';
import { releaseIdOf } from '../src/plan/ids.js';
import { loadPlanText } from '../src/plan/load.js';
import { BASE_PLAN } from './fixtures/base-plan.js';

describe('unsafeTemplateValues and {{ release.id }}', () => {
  const plan = loadPlanText(BASE_PLAN, 'plan.yml', { workflowsDir: false }).plan!;

  it('renders the sanitised id: a version with a line break cannot break out of a PromQL comment through it', () => {
    plan.gates.errors!.query = 'up # release {{ release.id }}';
    expect(releaseIdOf(plan.name, '1.0\n2')).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(unsafeTemplateValues(plan, '1.0\n2')).toEqual([]);
    // The version itself is still checked as given.
    plan.gates.errors!.query = 'up # version {{ version }}';
    expect(unsafeTemplateValues(plan, '1.0\n2')).toHaveLength(1);
  });

  it('takes the release id the caller will render with (the pre-flight passes its own)', () => {
    plan.gates.errors!.query = 'up # release {{ release.id }}';
    expect(unsafeTemplateValues(plan, '1.0.0', 'odd\nid')).toHaveLength(1);
  });
});
