/**
 * Verdict quality: 1,000 simulated releases (bench/judge-releases.ts), judged on the same data by
 *  - a fixed threshold tuned as a user would: one number per service, a multiple of its typical
 *    value, rolled back at the 3rd interval over it (Flagger's `threshold`); the multiple is the
 *    smallest that rolls back at most 1% of healthy releases of another seed (a user raises a
 *    threshold until it stops paging them);
 *  - the end-of-window Mann-Whitney comparison (src/core/judges/comparison.ts), 98%, 1.2x tolerance;
 *  - the sequential judge (src/core/judges/sequential.ts), same tolerance and confidence, looking
 *    after every interval, once without early promotion and promoting early from a third, half
 *    and two thirds of the bake (promoteEarly: true, 30m, 40m); undecided at the end, the whole
 *    bake and its second half decide.
 * Prints false rollbacks, pauses, missed regressions per size, and decision times (the figures
 * and the generator are in docs/benchmarks.md, "Verdict quality").
 *
 *   node --import tsx bench/judge.ts [--seed n] [--releases n]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { judgeComparison, judgeWindowAndRecentHalf, type ComparisonSettings } from '../src/core/judges/comparison.js';
import { lookSequential, type SequentialSettings } from '../src/core/judges/sequential.js';
import { testConfidences } from '../src/core/compare-gate.js';
import { BAKE_MIN, GATES, generateRelease, releaseMix, type Release } from './judge-releases.js';

type Decision = 'rollback' | 'promote' | 'pause';
interface Judged {
  decision: Decision;
  minute: number;
}

const FIXED_FAILURES = 3;
/** A canary passes when shown below 1.5x its baseline: the smallest regression that must not pass. */
const PASS_FACTOR = 1.5;

export function judgeFixed(r: Release, multiple: number): Judged {
  const max = multiple * r.typical;
  let failures = 0;
  for (const p of r.points) {
    if (Number.isFinite(p.canary) && p.canary > max && ++failures >= FIXED_FAILURES) return { decision: 'rollback', minute: p.minute };
  }
  return { decision: 'promote', minute: BAKE_MIN };
}

function guarded(r: Release, upTo: number): Array<{ canary: number; baseline: number }> {
  const min = GATES[r.metric].minRequests;
  return r.points
    .filter((p) => p.minute <= upTo)
    .map((p) => (p.canaryRequests >= min && p.baselineRequests >= min ? { canary: p.canary, baseline: p.baseline } : { canary: NaN, baseline: NaN }));
}

export function settings(metric: Release['metric']): ComparisonSettings {
  // An error ratio near 0 needs an absolute allowance; a latency does not.
  const offset = metric === 'error-ratio' ? 0.0002 : 0;
  return { fail: { max: { factor: 1.2, offset } }, pass: { max: { factor: PASS_FACTOR, offset } }, confidence: 0.98, minSamples: 8 };
}

function toDecision(outcome: 'pass' | 'fail' | 'inconclusive' | 'no-data'): Decision {
  return outcome === 'fail' ? 'rollback' : outcome === 'pass' ? 'promote' : 'pause';
}

export function judgeEndOfWindow(r: Release): Judged {
  const pairs = guarded(r, BAKE_MIN);
  const v = judgeComparison(
    pairs.map((p) => p.canary),
    pairs.map((p) => p.baseline),
    settings(r.metric),
  );
  return { decision: toDecision(v.outcome), minute: BAKE_MIN };
}

export function judgeSequentially(r: Release, promoteEarly: boolean, from = 1 / 3): Judged {
  const base = settings(r.metric);
  // The gate's budget split as the product splits it (inconclusiveLimit 0): half to the looks, half to the end.
  const split = testConfidences({ confidence: base.confidence, sequential: true, judge: 'mann-whitney' }, 0);
  const planned = BAKE_MIN / GATES[r.metric].intervalMin;
  const s: SequentialSettings = {
    side: 'max',
    fail: base.fail.max!,
    pass: base.pass!.max!,
    confidence: split.looks,
    minSamples: base.minSamples,
    plannedSamples: planned,
    restartEvery: Math.ceil(planned / 6),
    promoteEarly: true,
  };
  for (const p of r.points) {
    const look = lookSequential(guarded(r, p.minute), { ...s, promoteEarly: promoteEarly && p.minute >= BAKE_MIN * from });
    if (look.decision === 'fail') return { decision: 'rollback', minute: p.minute };
    if (look.decision === 'pass') return { decision: 'promote', minute: p.minute };
  }
  // Undecided at the end: the end-of-bake comparison, over the whole bake and its second half.
  const pairs = guarded(r, BAKE_MIN);
  const v = judgeWindowAndRecentHalf(
    pairs.map((p) => p.canary),
    pairs.map((p) => p.baseline),
    { ...base, confidence: split.end },
  );
  return { decision: toDecision(v.outcome), minute: BAKE_MIN };
}

/** The smallest multiple of the typical value (in steps of 0.1) that rolls back at most 1% of these healthy releases. */
export function tuneFixed(healthy: Release[]): number {
  for (let m = 1; m < 100; m = Math.round((m + 0.1) * 10) / 10) {
    if (healthy.filter((r) => judgeFixed(r, m).decision === 'rollback').length <= healthy.length * 0.01) return m;
  }
  return 100;
}
const SIZES = [1.2, 1.5, 2, 3];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function pct(n: number, of: number): string {
  return of ? `${((100 * n) / of).toFixed(1)}%` : '-';
}

export function run(count: number, seed: number): string {
  const releases = releaseMix(count).map((mix, i) => generateRelease(i, mix, seed));
  const healthy = releases.filter((r) => r.size === 1);
  const tuning = releaseMix(count)
    .map((mix, i) => generateRelease(i, mix, seed + 1))
    .filter((r) => r.size === 1);
  const multiple = {
    'error-ratio': tuneFixed(tuning.filter((r) => r.metric === 'error-ratio')),
    latency: tuneFixed(tuning.filter((r) => r.metric === 'latency')),
  };
  const judges: Record<string, (r: Release) => Judged> = {
    [`fixed threshold (${multiple['error-ratio']}x typical error ratio, ${multiple.latency}x latency)`]: (r) => judgeFixed(r, multiple[r.metric]),
    'end-of-window Mann-Whitney': judgeEndOfWindow,
    'sequential, no early promotion': (r) => judgeSequentially(r, false),
    'sequential, early promotion after 1/3': (r) => judgeSequentially(r, true),
    'sequential, early promotion after 1/2': (r) => judgeSequentially(r, true, 1 / 2),
    'sequential, early promotion after 2/3': (r) => judgeSequentially(r, true, 2 / 3),
  };
  const rows: string[] = [];
  rows.push(
    `| judge | false rollbacks | paused healthy (of them, enough data) | ${SIZES.map((s) => `missed ${s}x`).join(' | ')} | missed mid-bake ≥1.5x | median decision (all) | median decision (decided, not paused) | median to promote (healthy) | median to rollback (≥1.5x) |`,
  );
  rows.push(`|---|---|---|${SIZES.map(() => '---').join('|')}|---|---|---|---|---|`);
  // A healthy release with fewer guarded samples than minSamples can only pause (no data): the
  // pauses that remain among the others are the judge's own (inconclusive).
  const enoughData = new Set(
    healthy.filter((r) => guarded(r, BAKE_MIN).filter((p) => Number.isFinite(p.canary) && Number.isFinite(p.baseline)).length >= settings(r.metric).minSamples),
  );
  for (const [name, judge] of Object.entries(judges)) {
    const verdicts = new Map(releases.map((r) => [r, judge(r)]));
    const fr = healthy.filter((r) => verdicts.get(r)!.decision === 'rollback').length;
    const paused = healthy.filter((r) => verdicts.get(r)!.decision === 'pause').length;
    const pausedWithData = healthy.filter((r) => enoughData.has(r) && verdicts.get(r)!.decision === 'pause').length;
    const promoted = healthy.filter((r) => verdicts.get(r)!.decision === 'promote').map((r) => verdicts.get(r)!.minute);
    // A paused regression is not missed (a person decides), a promoted one is.
    const missed = SIZES.map((size) => {
      const of = releases.filter((r) => r.size === size);
      return pct(of.filter((r) => verdicts.get(r)!.decision === 'promote').length, of.length);
    });
    const mid = releases.filter((r) => r.size >= 1.5 && r.onsetMin > 0);
    const midMissed = pct(mid.filter((r) => verdicts.get(r)!.decision === 'promote').length, mid.length);
    const all = median([...verdicts.values()].map((v) => v.minute));
    // A pause is decided at the bake's end by construction (a person is asked then): without them, what the judge decides itself.
    const decided = [...verdicts.values()].filter((v) => v.decision !== 'pause').map((v) => v.minute);
    const caught = releases.filter((r) => r.size >= 1.5 && verdicts.get(r)!.decision === 'rollback').map((r) => verdicts.get(r)!.minute);
    rows.push(
      `| ${name} | ${pct(fr, healthy.length)} (${fr}/${healthy.length}) | ${pct(paused, healthy.length)} (${pct(pausedWithData, enoughData.size)} of ${enoughData.size}) | ${missed.join(' | ')} | ${midMissed} | ${all} min | ${decided.length ? median(decided) : '-'} min | ${promoted.length ? median(promoted) : '-'} min | ${caught.length ? median(caught) : '-'} min |`,
    );
  }
  return rows.join('\n');
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, releases: { type: 'string', default: '1000' } } });
  const started = performance.now();
  const table = run(Number(values.releases), Number(values.seed));
  console.log(table);
  console.log(`(${values.releases} releases, seed ${values.seed}, ${Math.round(performance.now() - started)} ms)`);
}
