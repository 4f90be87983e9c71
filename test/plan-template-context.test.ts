/** The one template-context builder: what every renderer (dispatch, gates, environment, pre-flight) sees. */
import { describe, expect, it } from 'vitest';
import { contextValues, templateContext } from '../src/plan/template.js';

const plan = { variables: { service: 'api' } };
const release = { releaseId: 'shop-1.4.2', version: '1.4.2' };

describe('templateContext', () => {
  it('builds the context of one region at one step, without a window unless given', () => {
    const ctx = templateContext(plan, release, 'canary', 'eu-west', 1, 50);
    expect(ctx).toStrictEqual({
      releaseId: 'shop-1.4.2',
      version: '1.4.2',
      stage: 'canary',
      region: 'eu-west',
      step: { index: 1, traffic: 50 },
      vars: { service: 'api' },
    });
    expect('window' in ctx).toBe(false);
    expect(templateContext(plan, release, 'canary', 'eu-west', 1, 50, '5m').window).toBe('5m');
  });

  it('takes the release from anything carrying releaseId and version (a state, pre-flight options)', () => {
    const state = { releaseId: 'r', version: 'v', status: 'running', regions: {} };
    expect(templateContext(plan, state, 's', 'a', 0, 100)).toStrictEqual({
      releaseId: 'r',
      version: 'v',
      stage: 's',
      region: 'a',
      step: { index: 0, traffic: 100 },
      vars: { service: 'api' },
    });
  });

  it('gives templates every built-in name', () => {
    const values = contextValues({ ...templateContext(plan, release, 'canary', 'eu-west', 0, 10, '10m'), correlationId: 'shop-1.4.2:eu-west:deploy:0' });
    expect(values).toStrictEqual({
      region: 'eu-west',
      stage: 'canary',
      version: '1.4.2',
      'release.id': 'shop-1.4.2',
      'step.traffic': '10',
      'step.index': '0',
      window: '10m',
      'correlation.id': 'shop-1.4.2:eu-west:deploy:0',
      'vars.service': 'api',
    });
  });
});
