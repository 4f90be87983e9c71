/**
 * The whole summary, check run and job summary, for the four ways a release reads: promoted,
 * rolled back, paused for a person, failed. The states come from the real driver and core
 * against simulate's ports (seeded, on a virtual clock), so a change of what people read shows
 * here as a diff to review; what each must say is asserted beside the snapshot, so a snapshot
 * updated in a hurry cannot hide a summary that lost it.
 */
import { describe, expect, it } from 'vitest';
import { loadPlanFile } from '../src/plan/load.js';
import { releaseSummary } from '../src/report/summary.js';
import { mermaidBlock, parseGantt, simulatedState } from './report-support.js';

const PLAN = 'workflows-examples/release-plan.yml';
const plan = loadPlanFile(PLAN, { workflowsDir: false }).plan!;
const PEOPLE = { workflowFile: 'release.yml', runUrl: (id: number) => `https://github.example/acme/shop/actions/runs/${id}` };

const CASES = [
  {
    name: 'promoted',
    args: ['--scenario', 'healthy'],
    headline: /^### Release `checkout-1\.0\.0`: promoted to 10 of 10 regions$/,
    row: /^\| eu-west-1 \| europe \| 3\/3 \| 100% \| ✅ promoted \| ✅ error-rate 0\.00\d+\.\.0\.00\d+ ≤ 0\.01/,
  },
  {
    name: 'rolled-back',
    args: ['--scenario', 'regression=us-east-1@2'],
    // The canary's first gate is the comparison with its baseline: the scenario's 1.5x fails it.
    headline: /^### Release `checkout-1\.0\.0`: rolled back: us-east-1 gate errors-vs-baseline failed \(1\.\d+x baseline > 1\.2x\)$/,
    row: /^\| us-east-1 \| canary \| 2\/3 \| 0% \(rolled back\) \| ↩️ rolled back \| ❌ errors-vs-baseline 1\.\d+x baseline > 1\.2x, n=\d+<br>/,
  },
  {
    name: 'paused',
    args: ['--no-auto-approve'],
    headline: /^### Release `checkout-1\.0\.0`: paused: stage americas waits for an approval$/,
    row: /^\| us-west-2 \| americas \| –\/3 \| – \| ⏳ pending \| – \| – \| – \| – \|$/,
  },
  {
    name: 'failed',
    args: ['--scenario', 'regression=us-east-1@2', '--scenario', 'rollback-failure=us-east-1'],
    headline:
      /^### Release `checkout-1\.0\.0`: failed: rollback failed in us-east-1 after us-east-1 gate errors-vs-baseline failed \(1\.\d+x baseline > 1\.2x\)$/,
    row: /^\| us-east-1 \| canary \| 2\/3 \| 10% \(rollback failed\) \| ❌ failed \|/,
  },
] as const;

describe.each(CASES)('the $name release', ({ name, args, headline, row }) => {
  it('check-run summary: snapshot, one-sentence headline with its numbers, the row, the text timeline', async () => {
    const state = await simulatedState(PLAN, ...args);
    const md = releaseSummary(state, plan, { people: PEOPLE });
    await expect(md).toMatchFileSnapshot(`fixtures/summaries/${name}.check-run.md`);
    expect(md.split('\n').find((l) => l.startsWith('### Release'))).toMatch(headline);
    expect(md.split('\n').some((l) => row.test(l))).toBe(true);
    expect(md).not.toContain('```mermaid');
    expect(md).toMatch(/#### Timeline\n\n- \+0s /);
    // Times as a person reads them: never milliseconds, never a raw epoch.
    expect(md).not.toMatch(/\b\d{13}\b|\d+ms\b/);
  });

  it('job summary: snapshot, the same table and a gantt that Mermaid parses', async () => {
    const state = await simulatedState(PLAN, ...args);
    const md = releaseSummary(state, plan, { people: PEOPLE, maxBytes: 1024 * 1024, timeline: 'mermaid' });
    await expect(md).toMatchFileSnapshot(`fixtures/summaries/${name}.job-summary.md`);
    expect(md.split('\n').some((l) => row.test(l))).toBe(true);
    const tasks = await parseGantt(mermaidBlock(md) ?? '');
    expect(tasks.length).toBeGreaterThan(0);
  });
});
