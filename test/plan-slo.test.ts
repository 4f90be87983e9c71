/**
 * The plan words of SLO gates and the release freeze: a valid plan resolves to fractions and
 * milliseconds, and each broken field is one positioned error naming the field and the form.
 */
import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../src/plan/load.js';
import { BASE_PLAN } from './fixtures/base-plan.js';

const SLO_GATE = `  availability:
    provider: prom
    slo:
      good: sum(rate(http_requests_total{region="{{ region }}",code!~"5.."}[{{ window }}]))
      total: sum(rate(http_requests_total{region="{{ region }}"}[{{ window }}]))
      objective: 99.9%
      burnRate: { short: 5m, long: 1h, factor: 14.4 }
`;
const FREEZE = `freeze:
  slo: availability
  period: 30d
  floor: 10%
`;
/** The base plan with an slo gate (lines 15-21) used by its stage, and a freeze at the end. */
const SLO_PLAN = `${BASE_PLAN.replace('stages:\n', `${SLO_GATE}stages:\n`).replace('gates: [errors]', 'gates: [errors, availability]')}${FREEZE}`;

function withEdit(...replacements: [string, string][]): string {
  let text = SLO_PLAN;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`case edits text that is not in the slo plan: ${from}`);
    text = text.replace(from, to);
  }
  return text;
}

function errors(text: string): Array<[number, number, string]> {
  return loadPlanText(text, 'plan.yml')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => [d.line, d.col, d.message]);
}

describe('slo gates and the freeze in the plan', () => {
  it('a valid slo gate and freeze resolve to fractions and milliseconds', () => {
    const { plan, diagnostics } = loadPlanText(SLO_PLAN, 'plan.yml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan?.gates.availability?.slo).toEqual({
      good: expect.stringContaining('code!~"5.."'),
      total: expect.stringContaining('http_requests_total'),
      objective: 0.999,
      shortMs: 300_000,
      longMs: 3_600_000,
      factor: 14.4,
    });
    expect(plan?.gates.availability?.query).toBeUndefined();
    expect(plan?.freeze).toEqual({ slo: 'availability', periodMs: 30 * 86_400_000, floor: 0.1, beforeEachStage: false });
  });

  it('burnRate may be left out: the SRE workbook pair 5m/1h at 14.4x', () => {
    const { plan } = loadPlanText(withEdit(['      burnRate: { short: 5m, long: 1h, factor: 14.4 }\n', '']), 'plan.yml');
    expect(plan?.gates.availability?.slo).toMatchObject({ shortMs: 300_000, longMs: 3_600_000, factor: 14.4 });
  });

  it('a datadog slo gate needs reduce: sum (the window is its time buckets, not the newest one)', () => {
    const dd = (reduce: string) =>
      withEdit(
        ['providers:\n', 'providers:\n  dd:\n    type: datadog\n    apiKeyEnv: DD_API_KEY\n    appKeyEnv: DD_APP_KEY\n'],
        ['  availability:\n    provider: prom\n', `  availability:\n    provider: dd\n${reduce}`],
      );
    const without = errors(dd(''));
    expect(without).toHaveLength(1);
    expect(without[0]?.[2]).toMatch(/^gates\.availability: a datadog slo gate needs reduce: sum .*only the newest bucket would be counted$/);
    expect(errors(dd('    reduce: max\n'))[0]?.[2]).toMatch(/^gates\.availability\.reduce: a datadog slo gate needs reduce: sum/);
    expect(errors(dd('    reduce: sum\n'))).toEqual([]);
  });

  const CASES: Array<{ name: string; text: string; errors: Array<[number, number, string]> }> = [
    {
      name: 'an objective of 100% leaves no budget',
      text: withEdit(['objective: 99.9%', 'objective: 100%']),
      errors: [[20, 18, 'gates.availability.slo.objective: must be a percent strictly between 0% and 100%, such as 99.9%; got 100%']],
    },
    {
      name: 'an objective written as a number',
      text: withEdit(['objective: 99.9%', 'objective: 99.9']),
      errors: [
        [
          20,
          18,
          'gates.availability.slo.objective: slo.objective must be a percent such as 99.9% (a number alone would not say whether 99.9 or 0.999 is meant); got the number 99.9',
        ],
      ],
    },
    {
      name: 'the short window is not shorter than the long one',
      text: withEdit(['short: 5m, long: 1h', 'short: 1h, long: 5m']),
      errors: [[21, 36, 'gates.availability.slo.burnRate.long: the short window (1h) must be shorter than the long window (5m), e.g. short: 5m, long: 1h']],
    },
    {
      name: 'a factor no burn can exceed',
      text: withEdit(['factor: 14.4', 'factor: 1000']),
      errors: [
        [21, 48, 'gates.availability.slo.burnRate.factor: 1000 can never be exceeded: with objective 99.9% the fastest burn (every event bad) is 1000x'],
      ],
    },
    {
      name: 'a factor of 0',
      text: withEdit(['factor: 14.4', 'factor: 0']),
      errors: [[21, 48, 'gates.availability.slo.burnRate.factor: must be greater than 0; got the number 0']],
    },
    {
      name: 'a good query without {{ window }}',
      text: withEdit(['code!~"5.."}[{{ window }}]', 'code!~"5.."}[5m]']),
      errors: [
        [
          18,
          13,
          'gates.availability.slo.good: must read {{ window }} (e.g. sum(rate(http_requests_total[{{ window }}]))): it is read over the short and long windows and the freeze period, and without it every read is the same',
        ],
      ],
    },
    {
      name: 'slo mixed with query and max',
      text: withEdit(['  availability:\n    provider: prom\n', '  availability:\n    provider: prom\n    query: up\n    max: 1\n']),
      errors: [
        [
          17,
          5,
          'gates.availability.query: an slo gate is judged by its burn rate (slo.good, slo.total, slo.objective), so it takes no query, max; remove them or the slo block',
        ],
      ],
    },
    {
      name: 'freeze names a gate that is not an slo gate',
      text: withEdit(['  slo: availability\n  period', '  slo: errors\n  period']),
      errors: [[28, 8, "freeze.slo: 'errors' is not an slo gate; name a gate with an slo block (slo gates: availability)"]],
    },
    {
      name: 'a floor above 100%',
      text: withEdit(['floor: 10%', 'floor: 120%']),
      errors: [[30, 10, 'freeze.floor: must be a percent from 0% to 100% of the error budget, such as 10%; got 120%']],
    },
    {
      name: 'a freeze region no stage deploys',
      text: withEdit(['  floor: 10%\n', '  floor: 10%\n  regions: [mars-1]\n']),
      errors: [[31, 13, "freeze.regions[0]: 'mars-1' is not a region of any stage"]],
    },
    {
      name: 'a freeze without its period',
      text: withEdit(['  period: 30d\n', '']),
      errors: [
        [
          27,
          1,
          "freeze: missing required key 'period' (freeze.period must be a duration such as 30s, 10m, 2h or 1h30m: the SLO period the budget is counted over, e.g. 30d)",
        ],
      ],
    },
  ];

  it.each(CASES)('$name', ({ text, errors: expected }) => {
    expect(errors(text)).toEqual(expected);
  });
});

describe('onNoData on an slo gate', () => {
  it("warns that 'pass' does not pass an slo gate (instead of the plain gate's warning)", () => {
    const text = SLO_PLAN.replace('    slo:\n', '    onNoData: pass\n    slo:\n');
    const warnings = loadPlanText(text, 'plan.yml')
      .diagnostics.filter((d) => d.severity === 'warning' && d.message.startsWith('gates.availability'))
      .map((d) => d.message);
    expect(warnings).toEqual([
      "gates.availability.onNoData: 'pass' does not pass an slo gate: a window without events is no data and counts as inconclusive (core/slo-gate.ts)",
    ]);
  });
});
