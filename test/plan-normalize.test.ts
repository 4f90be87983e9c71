/** The resolved plan: defaults, units, stringified values, positions, release ids. */
import { describe, expect, it } from 'vitest';
import { releaseIdOf } from '../src/plan/ids.js';
import { loadPlanText } from '../src/plan/load.js';
import { BASE_PLAN, edit } from './fixtures/base-plan.js';

function load(text: string) {
  const result = loadPlanText(text, 'plan.yml');
  if (!result.plan) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.plan;
}

describe('normalizePlan', () => {
  it('applies every default to a minimal plan', () => {
    const plan = load(BASE_PLAN);
    expect(plan.file).toBe('plan.yml');
    expect(plan.deploy).toEqual({ workflow: 'deploy.yml', inputs: { region: '{{ region }}' }, timeoutMs: 30 * 60_000 });
    expect(plan.rollback).toBeUndefined();
    expect(plan.environment).toBe('production/{{ region }}');
    expect(plan.variables).toEqual({});
    expect(plan.providers.prom).toEqual({ type: 'prometheus', url: 'https://prom.example.com', name: 'prom', timeoutMs: 10_000 });
    expect(plan.gates.errors).toEqual({
      name: 'errors',
      provider: 'prom',
      query: 'up{region="{{ region }}"}',
      max: 1,
      method: 'GET',
      intervalMs: 60_000,
      windowMs: 60_000,
      initialDelayMs: 0,
      failureLimit: 0,
      inconclusiveLimit: 0,
      consecutiveErrorLimit: 4,
      onNoData: 'inconclusive',
      pos: { line: 11, col: 3 },
    });
    expect(plan.stages).toEqual([
      {
        name: 'one',
        regions: ['us-east-1'],
        maxParallel: 1,
        steps: [{ traffic: 100, bakeMs: 300_000 }],
        gates: ['errors'],
        failureBudget: 0,
        pos: { line: 16, col: 5 },
      },
    ]);
    expect(plan.approvals).toEqual({ minPermission: 'write', users: [], teams: [], allowSelfApproval: false, timeoutMs: 24 * 3_600_000 });
  });

  it('uses defaults.steps/gates/maxParallel/failureBudget, and maxParallel = regions otherwise', () => {
    const text = `name: app
deploy: { workflow: deploy.yml }
providers: { p: { type: synthetic } }
gates: { g: { provider: p, min: 0, interval: 30s, window: 5m } }
defaults:
  steps: [{ traffic: 10, bake: 2m }, { traffic: 100, bake: 1h30m }]
  gates: [g]
  failureBudget: 1
stages:
  - { name: a, regions: [r-1, r-2, r-3] }
  - { name: b, regions: [r-4], steps: [{ traffic: 100, bake: 1m }], gates: [], failureBudget: 0, maxParallel: 1 }
`;
    const plan = load(text);
    expect(plan.stages[0]).toMatchObject({
      maxParallel: 3,
      steps: [
        { traffic: 10, bakeMs: 120_000 },
        { traffic: 100, bakeMs: 5_400_000 },
      ],
      gates: ['g'],
      failureBudget: 1,
    });
    expect(plan.stages[1]).toMatchObject({ maxParallel: 1, steps: [{ traffic: 100, bakeMs: 60_000 }], gates: [], failureBudget: 0 });
    expect(plan.gates.g).toMatchObject({ intervalMs: 30_000, windowMs: 300_000 });
  });

  it('resolves stage approvals: true uses approvals.timeout, a map overrides it', () => {
    const text = `${BASE_PLAN}  - name: two
    regions: [eu-west-1]
    steps: [{ traffic: 100 }]
    approval: true
  - name: three
    regions: [ap-south-1]
    steps: [{ traffic: 100 }]
    approval: { timeout: 2h, users: [alice], teams: [org/ops] }
  - name: four
    regions: [sa-east-1]
    steps: [{ traffic: 100 }]
    approval: false
approvals: { timeout: 6h, minPermission: admin, allowSelfApproval: true }
`;
    const plan = load(text);
    expect(plan.stages[0]?.approval).toBeUndefined();
    expect(plan.stages[1]?.approval).toEqual({ timeoutMs: 6 * 3_600_000, users: [], teams: [] });
    expect(plan.stages[2]?.approval).toEqual({ timeoutMs: 2 * 3_600_000, users: ['alice'], teams: ['org/ops'] });
    expect(plan.stages[3]?.approval).toBeUndefined();
    expect(plan.approvals).toMatchObject({ minPermission: 'admin', allowSelfApproval: true, timeoutMs: 6 * 3_600_000 });
  });

  it('stringifies variables and inputs, and resolves rollback defaults', () => {
    const text = edit(
      ['name: app\n', 'name: app\nvariables: { replicas: 3, canary: true, team: ops }\nrollback: { workflow: rollback.yml, inputs: { force: true } }\n'],
      ['    region: "{{ region }}"\n', '    region: "{{ region }}"\n    replicas: 3\n'],
    );
    const plan = load(text);
    expect(plan.variables).toEqual({ replicas: '3', canary: 'true', team: 'ops' });
    expect(plan.deploy.inputs).toEqual({ region: '{{ region }}', replicas: '3' });
    expect(plan.rollback).toEqual({ workflow: 'rollback.yml', inputs: { force: 'true' }, timeoutMs: 30 * 60_000, scope: 'touched' });
  });
});

describe('releaseIdOf', () => {
  it('keeps clean versions readable and stable', () => {
    expect(releaseIdOf('shop', '1.4.2')).toBe('shop-1.4.2');
    expect(releaseIdOf('shop', 'v1.4.2-rc_1')).toBe('shop-v1.4.2-rc_1');
    expect(releaseIdOf('shop', '1.4.2')).toBe(releaseIdOf('shop', '1.4.2'));
  });

  it('sanitizes and adds a hash so distinct versions stay distinct', () => {
    const a = releaseIdOf('shop', 'feature/x');
    const b = releaseIdOf('shop', 'feature:x');
    expect(a).toMatch(/^shop-feature-x-[0-9a-f]{8}$/);
    expect(b).toMatch(/^shop-feature-x-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    for (const id of [a, b, releaseIdOf('shop', '"}) or vector(1)'), releaseIdOf('shop', 'x'.repeat(500)), releaseIdOf('shop', '')]) {
      expect(id).toMatch(/^[A-Za-z0-9._-]{1,120}$/);
    }
  });
});
