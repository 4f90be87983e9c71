/**
 * Breach-to-verdict latency against the real Prometheus: errors are injected into a region of
 * the demo service at a random phase of the gate's interval, and we time (wall clock) until
 * the failing measurement, the region's failure verdict and the rollback dispatch. Reported in
 * units of the gate interval; target: at most one interval plus the scrape delay (1 s here).
 *
 *   node --import tsx bench/breach-latency.ts [--reps 5] [--intervals 2s,4s]
 */
import type { HistoryEntry } from '../src/core/state.js';
import { parseDuration } from '../src/plan/duration.js';
import { demoPlanText, planOf, runDemoRelease } from '../demo/release.js';
import { startDemoService } from '../demo/service.js';
import { pollUntil, promQuery, startPrometheus } from '../test/support/prometheus.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const reps = Number(arg('--reps', '5'));
const intervals = arg('--intervals', '2s,4s').split(',');
const SCRAPE_MS = 1000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const demo = await startDemoService({ regions: ['eu-west-1'] });
const prom = await startPrometheus({ targets: [`127.0.0.1:${demo.port}`] });
try {
  await pollUntil(
    'a request rate',
    async () => ((await promQuery(prom.url, 'sum(rate(demo_requests_total[5s])) > 0')).length > 0 ? true : undefined),
    20_000,
    200,
  );
  const rows: string[] = [];
  for (const interval of intervals) {
    const intervalMs = parseDuration(interval) as number;
    const plan = planOf(demoPlanText({ promUrl: prom.url, regions: ['eu-west-1'], interval, window: '5s', bake: `${intervalMs * 8}ms` }));
    const toMeasure: number[] = [];
    const toVerdict: number[] = [];
    const toRollback: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      demo.reset();
      // Let the window forget the previous repetition's errors before measuring again.
      await pollUntil(
        'a clean window',
        async () => {
          const r = await promQuery(prom.url, 'sum(rate(demo_requests_total{code="500"}[5s]))');
          return r.length > 0 && Number(r[0]?.value[1]) === 0 ? true : undefined;
        },
        20_000,
        200,
      );
      let injectedAt: number | undefined;
      const onTransition = (e: HistoryEntry) => {
        if (injectedAt === undefined && e.kind === 'measurement' && e.reasonCode === 'within-threshold') {
          injectedAt = -1;
          // A random phase within the interval: the breach lands anywhere between two measurements.
          setTimeout(() => {
            demo.setFault('eu-west-1', { errorRate: 0.5 });
            injectedAt = Date.now();
          }, Math.random() * intervalMs);
        }
      };
      const result = await runDemoRelease({ plan, onTransition });
      const h = result.state.history;
      const at = (pred: (e: HistoryEntry) => boolean) => h.find((e) => pred(e) && e.at >= (injectedAt ?? 0))?.at;
      const measured = at((e) => e.kind === 'measurement' && e.reasonCode === 'above-max');
      const verdict = at((e) => e.kind === 'region-failed');
      const rollback = at((e) => e.kind === 'rollback-dispatched');
      if (injectedAt === undefined || injectedAt < 0 || measured === undefined || verdict === undefined || rollback === undefined) {
        throw new Error(`repetition ${rep} at ${interval} did not roll back after the injection (decision ${result.decision}: ${result.reason})`);
      }
      toMeasure.push(measured - injectedAt);
      toVerdict.push(verdict - injectedAt);
      toRollback.push(rollback - injectedAt);
      process.stderr.write(
        `interval ${interval} rep ${rep + 1}/${reps}: breach -> rollback dispatched ${((rollback - injectedAt) / intervalMs).toFixed(2)} intervals\n`,
      );
    }
    const unit = (ms: number) => (ms / intervalMs).toFixed(2);
    const target = (intervalMs + SCRAPE_MS) / intervalMs;
    rows.push(
      `| ${interval} | ${reps} | ${unit(median(toMeasure))} | ${unit(median(toVerdict))} | ${unit(median(toRollback))} | ${unit(Math.max(...toRollback))} | ${target.toFixed(2)} |`,
    );
  }
  const table = [
    '| gate interval | reps | breach -> failed measurement (median) | -> region failed (median) | -> rollback dispatched (median) | -> rollback dispatched (worst) | target (1 interval + 1 s scrape) |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  process.stdout.write(`${table}\n(all figures in gate intervals; Prometheus 2.42 scraping every 1 s, window 5s, errorRate 0.5, threshold 0.05)\n`);
} finally {
  await prom.stop();
  await demo.stop();
}
