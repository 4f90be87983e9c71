/**
 * The plan words of the gates that judge more than one number (issue 15): a comparison with a
 * baseline (`compare`, `minVolume`), an SLO judged by burn rate (`slo`) and the release freeze
 * (`freeze`). Parts of the plan's schema (schema.ts); their meaning is checked in
 * semantic-compare.ts and semantic-slo.ts.
 */
import * as z from 'zod/mini';
import { describe, duration, durationMessage, name, nonEmpty, optional, REGION_PATTERN, str } from './schema-fields.js';

/** A bound of a comparison gate in plan words (src/plan/tolerance.ts); the form is checked where it can be pointed at (semantic-compare.ts). */
const bound = (what: string, description: string) => {
  const form = `${what} must be a bound relative to the baseline, such as 'baseline * 1.2 + 0.001'`;
  // A bare number is the commonest slip: it reads as a fixed threshold, which a comparison does not take.
  return describe(optional(z.string({ error: form }).check(z.minLength(1, { message: form }))), description);
};

/** A comparison of the canary with a baseline over the bake (issue 15): judged in src/core/compare-gate.ts. */
export const CompareSchema = z.strictObject({
  baseline: describe(
    optional(str(z.regex(new RegExp(REGION_PATTERN), { message: 'compare.baseline must be a region name of the plan' }))),
    "a region of the plan, released after every stage that uses this gate: the gate's query rendered for it is the baseline (give baseline or baselineQuery)",
  ),
  baselineQuery: describe(optional(nonEmpty()), 'a query of its own for the baseline, with the same {{ }} names as query (give baseline or baselineQuery)'),
  judge: describe(
    optional(z.enum(['mann-whitney', 'ratio'])),
    "'mann-whitney' (default): the canary's samples against the tolerated baseline's, at the confidence below; 'ratio': the window means against the bound, without a test",
  ),
  direction: describe(
    optional(z.enum(['increase', 'decrease', 'either'])),
    "which way is bad: 'increase' (default; needs max), 'decrease' (needs min), 'either' (needs both)",
  ),
  max: bound('compare.max', "the canary fails when shown above this bound, e.g. 'baseline * 1.2 + 0.001' (for direction increase or either)"),
  min: bound('compare.min', "the canary fails when shown below this bound, e.g. 'baseline * 0.8' (for direction decrease or either)"),
  passMax: bound(
    'compare.passMax',
    "the canary passes only when shown below this bound (default: max); looser than max, e.g. 'baseline * 1.5 + 0.001', so a healthy canary is not left inconclusive by noise",
  ),
  passMin: bound('compare.passMin', 'the canary passes only when shown above this bound (default: min)'),
  confidence: describe(
    optional(
      z.union([
        z.number().check(z.gt(0.5, { message: 'compare.confidence must be above 50%' }), z.lt(1, { message: 'compare.confidence must be below 100%' })),
        str(z.regex(/^(?:[5-9]\d(?:\.\d+)?)%$/, { message: "compare.confidence must be a percentage above 50% and below 100%, such as '98%'" })),
      ]),
    ),
    "how sure a verdict must be, as '98%' or 0.98 (default 98%): a healthy canary is rolled back by noise at most 1 - confidence of the time",
  ),
  minSamples: describe(
    optional(z.number().check(z.int(), z.gte(3, { message: 'compare.minSamples must be at least 3' }))),
    'paired samples (canary and baseline at the same step) needed for a verdict; fewer at the end of the bake is no data, and onNoData applies (default 10)',
  ),
  sequential: describe(
    optional(z.boolean()),
    'look after every interval with an always-valid test and roll back as soon as a regression is clear (default true; mann-whitney only)',
  ),
  promoteEarly: describe(
    optional(
      z.union([z.boolean(), duration('compare.promoteEarly')], {
        error: (issue) => durationMessage('compare.promoteEarly', issue.input, 'true, false or a duration'),
      }),
    ),
    'with sequential: end the bake early when the canary is already shown within the bound; true: not before a third of the bake; a duration such as 40m: not before that much of it (default false)',
  ),
});

export const MinVolumeSchema = z.strictObject({
  query: describe(
    nonEmpty(),
    'the request volume of a step, with the same {{ }} names as query, e.g. sum(rate(http_requests_total{region="{{ region }}"}[{{ window }}]))',
  ),
  min: describe(z.number().check(z.nonnegative()), 'below this volume (canary or baseline) a step is no data: it is left out of the comparison'),
});

/** A share written as a percent, such as 99.9%: the range is checked with the field (semantic-slo.ts). */
const percent = (what: string) =>
  z
    .string({ error: () => `${what} must be a percent such as 99.9% (a number alone would not say whether 99.9 or 0.999 is meant)` })
    .check(z.regex(/^\d+(\.\d+)?%$/, { message: `${what} must be a percent such as 99.9%` }));

/** An SLO gate (semantic-slo.ts): judged by its error budget's burn rate over two windows, not by min/max. */
export const SloSchema = z.strictObject({
  good: describe(nonEmpty(), 'query template counting good events over {{ window }} (e.g. requests that did not fail)'),
  total: describe(nonEmpty(), 'query template counting all valid events over {{ window }}'),
  objective: describe(percent('slo.objective'), 'the SLO, a percent strictly between 0% and 100%, e.g. 99.9%'),
  burnRate: describe(
    optional(
      z.strictObject({
        short: describe(optional(duration('slo.burnRate.short')), 'the short window (default 5m)'),
        long: describe(optional(duration('slo.burnRate.long')), 'the long window, longer than short (default 1h)'),
        factor: describe(optional(z.number().check(z.positive())), 'fail when both windows burn the budget faster than this (default 14.4)'),
      }),
    ),
    'multi-window burn-rate judging: a measurement fails when the burn rate over both windows exceeds factor (default 5m, 1h, 14.4)',
  ),
});

/** The release freeze (semantic-slo.ts): no release starts while an SLO has spent its budget. */
export const FreezeSchema = z.strictObject({
  slo: describe(name('freeze.slo'), 'an slo gate whose good/total queries count the budget'),
  period: describe(duration('freeze.period'), 'the SLO period the budget is counted over, e.g. 30d'),
  floor: describe(percent('freeze.floor'), 'refuse to start while less than this share of the budget remains, 0% to 100%'),
  regions: describe(
    optional(z.array(str(z.regex(new RegExp(REGION_PATTERN), { message: 'freeze.regions: region names must match ^[a-z][a-z0-9-]{0,62}$' })))),
    'regions whose budget is read ({{ region }} in the queries); default: the regions of the stage about to start',
  ),
  beforeEachStage: describe(optional(z.boolean()), 'check the budget before every stage, not only before the release starts (default false)'),
});
