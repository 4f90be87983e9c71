/**
 * The job summary is the command's line and the release summary after it: together within
 * $GITHUB_STEP_SUMMARY's 1 MiB, and a cut never leaves a Mermaid fence open.
 */
import { describe, expect, it } from 'vitest';
import { jobSummaryText } from '../src/modes/drive-release.js';
import { fitSummary, JOB_SUMMARY_BYTES } from '../src/report/text.js';

describe('job summary: the prefix counts against the limit', () => {
  it('a summary that fills the bytes it is given, after a command line, stays within 1 MiB', () => {
    const prefix = `**Command \`retry\` by alice: accepted.** ${'é'.repeat(500)}\n\n`;
    const asked: number[] = [];
    const text = jobSummaryText(prefix, (maxBytes) => {
      asked.push(maxBytes);
      return 'x'.repeat(maxBytes);
    });
    expect(asked).toEqual([JOB_SUMMARY_BYTES - Buffer.byteLength(prefix, 'utf8')]);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(JOB_SUMMARY_BYTES);
    expect(text.startsWith(prefix)).toBe(true);
  });
  it('a prefix longer than the limit on its own is cut, not written whole', () => {
    const text = jobSummaryText('p'.repeat(2000), (maxBytes) => 'x'.repeat(maxBytes), 1000);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(1000);
  });
});

const fences = (md: string): number => md.split('\n').filter((l) => l.trimStart().startsWith('```')).length;

describe('fitSummary never leaves a code fence open', () => {
  const gantt = ['```mermaid', 'gantt', ...Array.from({ length: 200 }, (_, i) => `  region-${i} : done, r${i}, 2026-01-01T00:00:00Z, 1m`), '```'];
  it('a cut inside a Mermaid block leaves the block out or closes it', () => {
    const md = ['### Release', '', 'intro line', '', ...gantt, '', '#### Latest verdicts', '', '- one'].join('\n');
    for (const limit of [300, 1000, 4000, 8000]) {
      const cut = fitSummary(md, limit);
      expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(limit);
      expect(fences(cut) % 2).toBe(0);
      expect(cut).toContain('summary cut to fit');
    }
  });
  it('a whole block before the cut is kept as it is', () => {
    const md = ['### Release', ...gantt, 'tail '.repeat(50), ...Array.from({ length: 400 }, (_, i) => `- line ${i}`)].join('\n');
    const cut = fitSummary(md, Buffer.byteLength(gantt.join('\n')) + 2000);
    expect(cut).toContain(gantt.join('\n'));
    expect(fences(cut) % 2).toBe(0);
  });
});
