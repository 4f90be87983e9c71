/**
 * GitHub's limits (a check run's summary: 65,535 bytes; a job summary: 1 MiB) are kept by
 * summarising, never by cutting a table off: a 150-region release keeps every region's row in
 * both, whole. And the summary, written on every ledger save, reads the history a fixed number of
 * times, not once per region.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { State } from '../src/core/state.js';
import type { Plan } from '../src/plan/types.js';
import { releaseSummary } from '../src/report/summary.js';
import { bigRelease, mermaidBlock, parseGantt } from './report-support.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
/** Cells of a table row: `|` not escaped by a backslash separates them. */
const cells = (row: string): number => row.split(/(?<!\\)\|/).length - 2;
const rowsOf = (md: string): string[] => md.split('\n').filter((l) => l.startsWith('| region-'));

/** Reasons as long and hostile as a backend's answer can make them: multibyte, Markdown, pipes. */
function withLongReasons(state: State): State {
  const long = (n: number): string => `${'ü✅ | <b>x</b> [l](http://e) '.repeat(80)} #${n}`;
  const history = state.history.map((h, i) =>
    h.kind === 'region-failed' || h.kind === 'gate-failed' || h.kind === 'rollback-dispatched' || h.kind === 'run-finished' ? { ...h, reason: long(i) } : h,
  );
  return { ...state, history };
}

describe('a 150-region release, three gates each, failures with long reasons', () => {
  let state: State;
  let plan: Plan;
  beforeAll(async () => {
    const big = await bigRelease(150);
    state = withLongReasons(big.state);
    plan = big.plan;
  });

  it.each([
    ['check-run summary', 65_535, 'text'],
    ['job summary', 1024 * 1024, 'mermaid'],
  ] as const)('%s: within %d bytes, every region has its whole row, nothing is left out', (_what, maxBytes, timeline) => {
    const md = releaseSummary(state, plan, { maxBytes, timeline });
    expect(bytes(md)).toBeLessThanOrEqual(maxBytes);
    const rows = rowsOf(md);
    expect(rows).toHaveLength(150);
    for (const r of rows) {
      expect(r).toMatch(/^\| region-\d{3} \| everywhere \| .* \|$/);
      expect(cells(r)).toBe(9);
    }
    expect(new Set(rows.map((r) => r.slice(0, 14))).size).toBe(150);
    expect(md).not.toContain('left out, to fit');
    expect(md).not.toContain('summary cut to fit');
    // The sections under the table are still there.
    expect(md).toContain('#### Timeline');
    expect(md).toContain('#### Latest verdicts');
  });

  it('the check run summarises to fit (shorter cells, one line of gates), the job summary has room for the full cells', () => {
    const check = rowsOf(releaseSummary(state, plan));
    const job = rowsOf(releaseSummary(state, plan, { maxBytes: 1024 * 1024, timeline: 'mermaid' }));
    expect(check.some((r) => r.includes('<br>'))).toBe(false);
    expect(job.some((r) => r.includes('<br>'))).toBe(true);
    // Shorter, but the failed regions keep their numbers and why.
    const failed = check.find((r) => r.startsWith('| region-003 |')) ?? '';
    expect(failed).toMatch(/❌ errors 0\.0\d+ > 0\.01/);
    expect(failed).toContain('0% (rolled back)');
    expect(failed).toMatch(/ü✅ \\\| \\<b\\>/);
  });

  it("the job summary's picture is drawn per stage and parses", async () => {
    const md = releaseSummary(state, plan, { maxBytes: 1024 * 1024, timeline: 'mermaid' });
    const tasks = await parseGantt(mermaidBlock(md) ?? '');
    expect(tasks.some((t) => t.name === '150 regions' && t.crit)).toBe(true);
  });

  it('reads the history a fixed number of times, not once per region (the summary is written on every ledger save)', () => {
    let reads = 0;
    const counted = new Proxy(state.history, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    releaseSummary({ ...state, history: counted }, plan);
    // One pass for the table and the timeline, a few for the verdict, problem and command lists; one per region would be 150.
    expect(reads).toBeLessThanOrEqual(8 * state.history.length);
    expect(reads).toBeGreaterThanOrEqual(state.history.length);
  });
});
