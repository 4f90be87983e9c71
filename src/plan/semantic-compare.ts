/**
 * The semantic checks of comparison gates (`compare`, `minVolume`): which baseline, which bounds,
 * and what may not be mixed with a comparison. Each check reads only parts whose shape is valid.
 *
 * The baseline region must still run the old version while the gate judges: so not a region the
 * gate runs in (it would be compared with itself), and not a region of an earlier stage (it runs
 * the new version by then, and a regression both share would pass). Both are errors where the
 * plan shows them rather than a skip with a note: a gate that silently does not judge a region is
 * a hole a person only finds after the regression it let through.
 */
import { COMPARE_DEFAULTS, MAX_RANGE_STEPS, parseConfidence } from './compare.js';
import { DATADOG_POINTS_MAX, rollupIntervalProblem, rollupProblem } from './datadog-rollup.js';
import { formatDuration, parseDuration } from './duration.js';
import { closest } from './schema-walk.js';
import type { Checked } from './semantic-context.js';
import { BOUND_FORM, parseBound } from './tolerance.js';

type GateEntry = NonNullable<NonNullable<Checked['plan']['gates']>[string]>;
type CompareEntry = NonNullable<GateEntry['compare']>;

/** Every stage (index, name, regions) that uses the gate; undefined when broken lists leave it unknown. */
function stagesUsing({ plan, valid }: Checked, gate: string): Array<{ index: number; name: string; regions: string[] }> | undefined {
  const lists = [
    ['defaults', 'gates'],
    ...(plan.stages ?? []).flatMap((_, si) => [
      ['stages', si, 'gates'],
      ['stages', si, 'regions'],
    ]),
  ];
  if (valid.unknown(['stages']) || lists.some((p) => !valid.ok(p))) return undefined;
  const defaults = plan.defaults?.gates ?? [];
  const out: Array<{ index: number; name: string; regions: string[] }> = [];
  (plan.stages ?? []).forEach((s, index) => {
    if (s && (s.gates ?? defaults).includes(gate))
      out.push({ index, name: s.name ?? `#${index + 1}`, regions: (s.regions ?? []).filter((x) => x !== undefined) });
  });
  return out;
}

/** The stage index of each region of the plan; undefined when the stages are broken. */
function regionStages({ plan, valid }: Checked): Map<string, number> | undefined {
  if (valid.unknown(['stages']) || (plan.stages ?? []).some((_, si) => !valid.ok(['stages', si, 'regions']))) return undefined;
  const out = new Map<string, number>();
  (plan.stages ?? []).forEach((s, si) => {
    for (const r of s?.regions ?? []) if (r !== undefined && !out.has(r)) out.set(r, si);
  });
  return out;
}

function checkBaseline(c: Checked, name: string, cmp: CompareEntry): void {
  const { r } = c;
  const path = ['gates', name, 'compare'];
  if ((cmp.baseline === undefined) === (cmp.baselineQuery === undefined)) {
    r.error(
      path,
      cmp.baseline === undefined
        ? `needs a baseline: baseline (a region of the plan, e.g. baseline: us-east-1) or baselineQuery (a query of its own)`
        : `give either baseline or baselineQuery, not both`,
      'key',
    );
    return;
  }
  if (cmp.baseline === undefined) return;
  const regions = regionStages(c);
  if (!regions) return;
  const at = [...path, 'baseline'];
  const stageOfBaseline = regions.get(cmp.baseline);
  if (stageOfBaseline === undefined) {
    const guess = closest(cmp.baseline, [...regions.keys()]);
    r.error(
      at,
      `'${cmp.baseline}' is not a region of the plan${guess ? ` (did you mean '${guess}'?)` : ''}; name a region of a later stage, or give baselineQuery for a baseline outside the plan`,
    );
    return;
  }
  for (const s of stagesUsing(c, name) ?? []) {
    if (s.regions.includes(cmp.baseline)) {
      r.error(
        at,
        `'${cmp.baseline}' is a region of stage '${s.name}', which uses this gate: it would be compared with itself; name a region of a later stage, or give stage '${s.name}' a gate list without this gate`,
      );
      return;
    }
    if (stageOfBaseline < s.index) {
      r.error(
        at,
        `'${cmp.baseline}' is released in an earlier stage than stage '${s.name}', which uses this gate: by then it runs the new version, so a regression both share would pass; name a region of a later stage`,
      );
      return;
    }
  }
}

function checkBounds(c: Checked, name: string, cmp: CompareEntry): void {
  const { r, valid } = c;
  const path = ['gates', name, 'compare'];
  for (const side of ['max', 'min', 'passMax', 'passMin'] as const) {
    const text = cmp[side];
    if (text !== undefined && !parseBound(text)) r.error([...path, side], `'${text}' is not a bound: write ${BOUND_FORM}`);
  }
  if (valid.unknown([...path, 'direction'])) return;
  const direction = cmp.direction ?? COMPARE_DEFAULTS.direction;
  const needs = direction === 'increase' ? ['max'] : direction === 'decrease' ? ['min'] : ['max', 'min'];
  for (const side of needs) {
    if (cmp[side as 'max' | 'min'] === undefined && !valid.unknown([...path, side])) {
      r.error(
        path,
        `direction ${direction} needs ${side}: the bound the canary fails ${side === 'max' ? 'above' : 'below'}, e.g. ${side}: ${side === 'max' ? "'baseline * 1.2 + 0.001'" : "'baseline * 0.8'"}`,
        'key',
      );
    }
  }
  for (const side of ['max', 'min'] as const) {
    const pass = side === 'max' ? 'passMax' : 'passMin';
    if (cmp[pass] !== undefined && !needs.includes(side)) r.warn([...path, pass], `is never judged with direction ${direction}`, 'key');
    if (cmp[side] !== undefined && !needs.includes(side)) {
      r.warn([...path, side], `is never judged with direction ${direction} (${side === 'max' ? 'increase or either' : 'decrease or either'} uses it)`, 'key');
    }
  }
}

function checkJudge({ r, valid }: Checked, name: string, cmp: CompareEntry): void {
  const path = ['gates', name, 'compare'];
  if (cmp.confidence !== undefined && parseConfidence(cmp.confidence) === undefined && !valid.unknown([...path, 'confidence']))
    r.error([...path, 'confidence'], `must be above 50% and below 100%, such as '98%' or 0.98`);
  if (cmp.judge === 'ratio' && cmp.sequential === true)
    r.error(
      [...path, 'sequential'],
      `the ratio judge has no test whose error rate holds under repeated looks; use judge: mann-whitney, or leave sequential out`,
    );
  const sequential = cmp.sequential ?? (cmp.judge ?? COMPARE_DEFAULTS.judge) === 'mann-whitney';
  if (cmp.promoteEarly !== undefined && cmp.promoteEarly !== false && !sequential)
    r.error([...path, 'promoteEarly'], `needs sequential looks (judge: mann-whitney with sequential: true): only they can show a pass before the bake ends`);
}

/** What a comparison does not mix with: a fixed threshold, a failure limit. */
function checkMixing({ r }: Checked, name: string, g: GateEntry): void {
  const path = ['gates', name];
  for (const field of ['min', 'max'] as const) {
    if (g[field] !== undefined)
      r.error(
        [...path, field],
        `a fixed ${field} cannot be mixed with compare (one gate, one judge): put the fixed threshold in a gate of its own, or write the bound under compare.${field}`,
        'key',
      );
  }
  if (g.failureLimit !== undefined)
    r.error([...path, 'failureLimit'], `does not apply to a comparison: it fails once, at the look that shows the regression; leave failureLimit out`, 'key');
  // A comparison with no samples must not pass: the baseline missing for the whole bake would promote.
  if (g.onNoData === 'pass')
    r.error(
      [...path, 'onNoData'],
      `'pass' cannot be used on a comparison gate: a bake without paired samples would promote; use 'inconclusive' (a person decides), 'fail' or 'wait'`,
      'value',
    );
  const interval = parseDuration(g.interval ?? '1m');
  const window = g.window === undefined ? undefined : parseDuration(g.window);
  // Overlapping windows make neighbouring samples share most of their data: the tests take them as
  // independent, so their p-values and intervals would be overconfident (and early passes too).
  if (interval !== undefined && window !== undefined && window > interval)
    r.error(
      [...path, 'window'],
      `a comparison gate's window (${formatDuration(window)}) must be at most its interval (${formatDuration(interval)}): overlapping windows share samples, which the test takes as independent; set window to ${formatDuration(interval)} or leave it out`,
      'value',
    );
}

/** Every step bake of the stages that use the gate; undefined when the steps are not all valid. */
function bakesUsing(c: Checked, name: string): Array<{ where: string; bake: number }> | undefined {
  const { plan, valid } = c;
  const stages = stagesUsing(c, name);
  if (!stages || (plan.stages ?? []).some((_, si) => !valid.ok(['stages', si, 'steps'])) || !valid.ok(['defaults', 'steps'])) return undefined;
  return stages.flatMap((s) =>
    (plan.stages?.[s.index]?.steps ?? plan.defaults?.steps ?? [])
      .map((step, i) => ({ where: `stage '${s.name}' step ${i + 1}`, bake: parseDuration(step?.bake ?? '0s') ?? 0 }))
      .filter((b) => b.bake > 0),
  );
}

/** Too few intervals in the shortest bake for minSamples: every verdict would be no data. */
function checkSamplesFit(c: Checked, name: string, g: GateEntry, cmp: CompareEntry): void {
  const { valid, r } = c;
  if (!valid.ok(['gates', name])) return;
  const minSamples = cmp.minSamples ?? COMPARE_DEFAULTS.minSamples;
  const interval = parseDuration(g.interval ?? '1m') ?? 0;
  if (interval <= 0) return;
  const delay = parseDuration(g.initialDelay ?? '0s') ?? 0;
  for (const { where: step, bake } of bakesUsing(c, name) ?? []) {
    const samples = g.count ?? Math.floor(Math.max(0, bake - delay) / interval);
    const where = `${step} bakes ${formatDuration(bake)}, which gives ${samples} samples at interval ${formatDuration(interval)}`;
    if (Math.ceil(Math.max(0, bake - delay) / interval) + 1 > MAX_RANGE_STEPS) {
      r.error(
        ['gates', name, 'interval'],
        `${where}: a look reads the bake so far, at most ${MAX_RANGE_STEPS} steps (the backends' limit); use a longer interval or a shorter bake`,
        'value',
      );
      return;
    }
    // The end-of-bake Mann-Whitney verdict also judges the bake's second half on its own, so that
    // half must hold minSamples too, or a healthy canary could never pass.
    const halves = (cmp.judge ?? COMPARE_DEFAULTS.judge) === 'mann-whitney';
    const needed = halves ? 2 * minSamples - 1 : minSamples;
    if (samples >= needed) continue;
    const field = cmp.minSamples !== undefined ? ['gates', name, 'compare', 'minSamples'] : ['gates', name, 'compare'];
    const why = halves
      ? `fewer than ${needed}, so the bake's second half (judged on its own at the end) has fewer than minSamples ${minSamples}: a healthy canary could never pass`
      : `fewer than minSamples ${minSamples}: every verdict would be no data`;
    r.error(field, `${where}, ${why}; lengthen the bake, shorten the interval or lower minSamples`, cmp.minSamples !== undefined ? 'value' : 'key');
    return;
  }
}

/** promoteEarly written as a duration no shorter than a bake cannot end that bake early: almost surely a slip. */
function checkPromoteEarlyFits(c: Checked, name: string, cmp: CompareEntry): void {
  if (typeof cmp.promoteEarly !== 'string' || !c.valid.ok(['gates', name])) return;
  const after = parseDuration(cmp.promoteEarly);
  if (after === undefined) return;
  for (const { where, bake } of bakesUsing(c, name) ?? []) {
    if (after >= bake)
      c.r.warn(
        ['gates', name, 'compare', 'promoteEarly'],
        `${where} bakes ${formatDuration(bake)}, no longer than promoteEarly ${formatDuration(after)}: that step never ends early; write a shorter duration, or true for a third of the bake`,
        'value',
      );
  }
}

/** A Datadog query read over the bake must fix its rollup to the interval (plan/datadog-rollup.ts says why). */
function checkDatadogRollups(c: Checked, name: string, g: GateEntry, cmp: CompareEntry): void {
  const { plan, valid, r } = c;
  if (g.provider === undefined || plan.providers?.[g.provider]?.type !== 'datadog' || valid.unknown(['gates', name, 'interval'])) return;
  const intervalMs = parseDuration(g.interval ?? '1m');
  if (intervalMs === undefined) return;
  const seconds = rollupIntervalProblem(intervalMs);
  if (seconds !== undefined) {
    r.error(['gates', name, 'interval'], seconds, 'value');
    return;
  }
  const reads: Array<[string[], string | undefined]> = [
    [['gates', name, 'query'], g.query],
    [['gates', name, 'compare', 'baselineQuery'], cmp.baselineQuery],
    // The volumes are read over the bake too (driver/perform-compare.ts).
    [['gates', name, 'minVolume', 'query'], g.minVolume?.query],
  ];
  for (const [path, query] of reads) {
    if (typeof query !== 'string' || valid.unknown(path)) continue;
    const problem = rollupProblem(query, intervalMs);
    if (problem !== undefined) r.error(path, problem, 'value');
  }
  const delay = parseDuration(g.initialDelay ?? '0s') ?? 0;
  const longest = (bakesUsing(c, name) ?? []).reduce<{ where: string; bake: number } | undefined>((a, b) => (a && a.bake >= b.bake ? a : b), undefined);
  const points = longest ? Math.ceil(Math.max(0, longest.bake - delay) / intervalMs) + 1 : 0;
  // A warning, not an error: the limit is Datadog's documented one for a series, which it may change.
  if (longest && points > DATADOG_POINTS_MAX && points <= MAX_RANGE_STEPS)
    r.warn(
      ['gates', name, 'interval'],
      `${longest.where} bakes ${formatDuration(longest.bake)}: its last look reads ${points} points at interval ${formatDuration(intervalMs)}, more than the ${DATADOG_POINTS_MAX} per series Datadog returns, past which it rolls up coarser than the query's .rollup and earlier samples change between looks; use a longer interval or a shorter bake`,
      'value',
    );
}

export function checkComparisons(c: Checked): void {
  for (const [name, g] of Object.entries(c.plan.gates ?? {})) {
    if (g === undefined) continue;
    if (g.minVolume !== undefined && g.compare === undefined)
      c.r.error(['gates', name, 'minVolume'], `only applies to a comparison gate (compare): a fixed threshold is judged on one value, not on steps`, 'key');
    const cmp = g.compare;
    if (cmp === undefined) continue;
    checkBaseline(c, name, cmp);
    checkBounds(c, name, cmp);
    checkJudge(c, name, cmp);
    checkMixing(c, name, g);
    checkSamplesFit(c, name, g, cmp);
    checkPromoteEarlyFits(c, name, cmp);
    checkDatadogRollups(c, name, g, cmp);
  }
}
