/**
 * Shared setup of the end-to-end GitHub tests: a plan file, a fake with deploy/rollback
 * workflows whose runs conclude as scripted, and the runner's environment.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHubFake, type FakeOptions } from './github-fake/server.js';

export const SHA = 'c0ffee'.padEnd(40, '0');

/** A plan with `regions` split into a one-region canary stage and the rest, two traffic steps, no gates; correlation inputs unless `correlation: false`. */
export function writePlan(regions: string[], opts: { maxParallel?: number; steps?: number[]; timeout?: string; correlation?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pr-plan-'));
  const file = join(dir, 'release-plan.yml');
  const [first, ...rest] = regions;
  writeFileSync(
    file,
    [
      'name: shop',
      'deploy:',
      '  workflow: deploy.yml',
      '  inputs:',
      '    region: "{{ region }}"',
      '    version: "{{ version }}"',
      '    traffic: "{{ step.traffic }}"',
      ...(opts.correlation === false ? [] : ['  correlationInput: correlation_id']),
      `  timeout: ${opts.timeout ?? '30m'}`,
      'rollback:',
      '  workflow: rollback.yml',
      '  inputs:',
      '    region: "{{ region }}"',
      ...(opts.correlation === false ? [] : ['  correlationInput: correlation_id']),
      'environment: "production/{{ region }}"',
      'defaults:',
      '  steps:',
      ...(opts.steps ?? [50, 100]).map((t) => `    - traffic: ${t}`),
      'stages:',
      '  - name: canary',
      `    regions: [${first}]`,
      ...(rest.length ? ['  - name: rest', `    regions: [${rest.join(', ')}]`, ...(opts.maxParallel ? [`    maxParallel: ${opts.maxParallel}`] : [])] : []),
      '',
    ].join('\n'),
  );
  return file;
}

/** A fake whose deploy runs fail for the regions in `failing` (at any step), everything else succeeds. */
export function makeFake(failing: string[] = [], extra: FakeOptions = {}): GitHubFake {
  return new GitHubFake({
    owner: 'acme',
    repo: 'shop',
    workflows: {
      'deploy.yml': { inputs: ['region', 'version', 'traffic', 'correlation_id'], runName: 'deploy {{ region }} {{ traffic }}% [{{ correlation_id }}]' },
      'rollback.yml': { inputs: ['region', 'correlation_id'], runName: 'rollback {{ region }} [{{ correlation_id }}]' },
      'release.yml': { inputs: [] },
    },
    script: ({ workflow, inputs }) => ({
      // release.yml stands for the driving workflow itself: it stays alive.
      queuedPolls: workflow === 'release.yml' ? 1e9 : 1,
      inProgressPolls: 2,
      conclusion: workflow === 'deploy.yml' && failing.includes(inputs.region ?? '') ? 'failure' : 'success',
    }),
    permissions: { alice: 'admin' },
    ...extra,
  });
}

/** The environment the runner gives a step. */
export function runnerEnv(fake: GitHubFake, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: SHA,
    GITHUB_RUN_ID: '31337',
    GITHUB_ACTOR: 'alice',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_API_URL: fake.url,
    GITHUB_SERVER_URL: 'https://github.example.test',
    PROGRESSIVE_RELEASE_VIRTUAL_TIME: '1',
    ...extra,
  };
}

/** Deploy dispatches per (region, traffic), to check "exactly once per step". */
export function dispatchCounts(fake: GitHubFake, workflow = 'deploy.yml'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of fake.runs) {
    if (r.workflow !== workflow) continue;
    const key = `${r.inputs.region}@${r.inputs.traffic ?? '-'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
