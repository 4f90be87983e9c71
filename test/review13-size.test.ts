/**
 * Review 13: a 150-region release must keep every region's row in the check-run summary
 * (65,535 bytes), by summarising, whatever the plan's names and gate count are.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanFile } from '../src/plan/load.js';
import { releaseSummary } from '../src/report/summary.js';
import { simulatedState } from './report-support.js';

const GATES = [
  'errors-5xx-ratio',
  'latency-p99-seconds',
  'saturation-cpu',
  'queue-depth-ratio',
  'availability-slo',
  'memory-pressure',
  'disk-io-wait',
  'restarts-per-pod',
];

function planYaml(regions: string[]): string {
  return `name: big
deploy:
  workflow: deploy.yml
  inputs: { region: "{{ region }}" }
rollback:
  workflow: rollback.yml
  scope: region
  inputs: { region: "{{ region }}" }
providers:
  synth: { type: synthetic, baseline: 0.002 }
gates:
${GATES.map((g) => `  ${g}: { provider: synth, query: '${g}{region="{{ region }}"}', max: 0.01, interval: 1m, count: 3 }`).join('\n')}
defaults:
  steps: [{ traffic: 10, bake: 5m }, { traffic: 100, bake: 5m }]
  gates: [${GATES.join(', ')}]
stages:
  - name: everywhere
    regions: [${regions.join(', ')}]
    maxParallel: 50
    failureBudget: ${regions.length}
`;
}

describe('review13: 150 regions, eight gates, every fifth failing, realistic region names', () => {
  it('check-run summary keeps every region row (today 46 of 150 rows are left out)', async () => {
    const regions = Array.from({ length: 150 }, (_, i) => `k8s-prod-europe-west-cluster-${String(i).padStart(3, '0')}`);
    const file = join(mkdtempSync(join(tmpdir(), 'review13-')), 'plan.yml');
    writeFileSync(file, planYaml(regions));
    const plan = loadPlanFile(file, { workflowsDir: false }).plan;
    if (!plan) throw new Error('plan does not load');
    const failing = regions.filter((_r, i) => i % 5 === 3).flatMap((r) => ['--scenario', `regression=${r}@1`]);
    const state = await simulatedState(file, ...failing);
    const md = releaseSummary(state, plan);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(65_535);
    expect(md).not.toContain('left out');
    expect(md.split('\n').filter((l) => l.startsWith('| k8s-prod-'))).toHaveLength(150);
  });
});
