/**
 * Comparison gates in plan words (issue 15): the plan resolves to `Gate.compare`, and each mistake
 * is one error at the field it is about, naming the field and the form expected.
 */
import { describe, expect, it } from 'vitest';
import { unsafeTemplateValues } from '../src/plan/escape.js';
import { loadPlanText } from '../src/plan/load.js';

const PLAN = `name: app
deploy:
  workflow: deploy.yml
  correlationInput: correlation_id
providers:
  prom:
    type: prometheus
    url: https://prom.example.com
gates:
  error-ratio:
    provider: prom
    query: errors{region="{{ region }}"}
    interval: 1m
    compare:
      baseline: us-east-1
      max: baseline * 1.2 + 0.001
    minVolume:
      query: requests{region="{{ region }}"}
      min: 1
stages:
  - name: canary
    regions: [eu-west-1]
    steps: [{traffic: 10, bake: 30m}]
    gates: [error-ratio]
  - name: rest
    regions: [us-east-1]
    steps: [{traffic: 100, bake: 30m}]
    gates: []
`;

function edit(...replacements: [string, string][]): string {
  let text = PLAN;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`not in the plan: ${from}`);
    text = text.replace(from, to);
  }
  return text;
}

function errors(text: string): Array<[number, number, string]> {
  return loadPlanText(text, 'plan.yml', { workflowsDir: false })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => [d.line, d.col, d.message]);
}

describe('a comparison gate in plan words', () => {
  it('resolves with its defaults', () => {
    const r = loadPlanText(PLAN, 'plan.yml', { workflowsDir: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.plan?.gates['error-ratio']?.compare).toEqual({
      baseline: { region: 'us-east-1' },
      judge: 'mann-whitney',
      direction: 'increase',
      max: { factor: 1.2, offset: 0.001 },
      confidence: 0.98,
      minSamples: 10,
      sequential: true,
      promoteEarly: false,
    });
    expect(r.plan?.gates['error-ratio']?.minVolume).toEqual({ query: 'requests{region="{{ region }}"}', min: 1 });
  });

  it('promoteEarly as a duration resolves to its milliseconds; one no shorter than a bake is a warning at the field', () => {
    const load = (after: string) =>
      loadPlanText(edit(['      max: baseline', `      promoteEarly: ${after}\n      max: baseline`]), 'plan.yml', { workflowsDir: false });
    const ok = load('20m');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.plan?.gates['error-ratio']?.compare).toMatchObject({ promoteEarly: true, promoteEarlyAfterMs: 20 * 60_000 });
    expect(load('true').plan?.gates['error-ratio']?.compare?.promoteEarlyAfterMs).toBeUndefined();
    expect(load('false').plan?.gates['error-ratio']?.compare?.promoteEarly).toBe(false);
    expect(load('30m').diagnostics.map((d) => [d.severity, d.line, d.col, d.message])).toEqual([
      [
        'warning',
        16,
        21,
        "gates.error-ratio.compare.promoteEarly: stage 'canary' step 1 bakes 30m, no longer than promoteEarly 30m: that step never ends early; write a shorter duration, or true for a third of the bake",
      ],
    ]);
  });

  it('reads a baseline query, a percentage and the ratio judge', () => {
    const text = edit([
      '      baseline: us-east-1\n',
      '      baselineQuery: errors{region="us-east-1"}\n      judge: ratio\n      confidence: 99.5%\n      direction: either\n      min: baseline * 0.5\n',
    ]);
    const g = loadPlanText(text, 'plan.yml', { workflowsDir: false }).plan?.gates['error-ratio'];
    expect(g?.compare).toMatchObject({ baseline: { query: 'errors{region="us-east-1"}' }, judge: 'ratio', sequential: false, confidence: 0.995 });
    expect(g?.compare?.min).toEqual({ factor: 0.5, offset: 0 });
  });

  it('reads a pass tolerance beside the fail one', () => {
    const text = edit(['      max: baseline * 1.2 + 0.001\n', '      max: baseline * 1.2 + 0.001\n      passMax: baseline * 1.5 + 0.001\n']);
    const g = loadPlanText(text, 'plan.yml', { workflowsDir: false }).plan?.gates['error-ratio'];
    expect(g?.compare?.passMax).toEqual({ factor: 1.5, offset: 0.001 });
    expect(errors(edit(['      max: baseline * 1.2 + 0.001\n', '      max: baseline * 1.2 + 0.001\n      passMax: 1.5\n']))).toEqual([
      [
        17,
        16,
        "gates.error-ratio.compare.passMax: compare.passMax must be a bound relative to the baseline, such as 'baseline * 1.2 + 0.001'; got the number 1.5",
      ],
    ]);
  });

  it.each<{ name: string; text: string; errors: Array<[number, number, string]> }>([
    {
      name: 'a baseline that is not a region of the plan',
      text: edit(['baseline: us-east-1', 'baseline: us-east-2']),
      errors: [
        [
          15,
          17,
          "gates.error-ratio.compare.baseline: 'us-east-2' is not a region of the plan (did you mean 'us-east-1'?); name a region of a later stage, or give baselineQuery for a baseline outside the plan",
        ],
      ],
    },
    {
      name: 'a baseline the gate runs in',
      text: edit(['regions: [eu-west-1]', 'regions: [eu-west-1, us-west-2]'], ['baseline: us-east-1', 'baseline: us-west-2']),
      errors: [
        [
          15,
          17,
          "gates.error-ratio.compare.baseline: 'us-west-2' is a region of stage 'canary', which uses this gate: it would be compared with itself; name a region of a later stage, or give stage 'canary' a gate list without this gate",
        ],
      ],
    },
    {
      name: 'a baseline released before the gate judges',
      text: edit([
        '    gates: []\n',
        '    gates: []\n  - name: last\n    regions: [ap-south-1]\n    steps: [{traffic: 100, bake: 30m}]\n    gates: [error-ratio]\n',
      ]),
      errors: [
        [
          15,
          17,
          "gates.error-ratio.compare.baseline: 'us-east-1' is released in an earlier stage than stage 'last', which uses this gate: by then it runs the new version, so a regression both share would pass; name a region of a later stage",
        ],
      ],
    },
    {
      name: 'both baseline and baselineQuery',
      text: edit(['      baseline: us-east-1\n', '      baseline: us-east-1\n      baselineQuery: x\n']),
      errors: [[14, 5, 'gates.error-ratio.compare: give either baseline or baselineQuery, not both']],
    },
    {
      name: 'neither baseline nor baselineQuery',
      text: edit(['      baseline: us-east-1\n', '']),
      errors: [
        [14, 5, 'gates.error-ratio.compare: needs a baseline: baseline (a region of the plan, e.g. baseline: us-east-1) or baselineQuery (a query of its own)'],
      ],
    },
    {
      name: 'a bound not in the form',
      text: edit(['max: baseline * 1.2 + 0.001', 'max: canary < baseline * 1.2']),
      errors: [
        [
          16,
          12,
          "gates.error-ratio.compare.max: 'canary < baseline * 1.2' is not a bound: write 'baseline * FACTOR + OFFSET' (e.g. 'baseline * 1.2 + 0.001'; either part may be left out)",
        ],
      ],
    },
    {
      name: 'direction without the matching bound',
      text: edit(['      max: baseline * 1.2 + 0.001\n', '      direction: decrease\n      max: baseline * 1.2 + 0.001\n']),
      errors: [[14, 5, "gates.error-ratio.compare: direction decrease needs min: the bound the canary fails below, e.g. min: 'baseline * 0.8'"]],
    },
    {
      name: 'either direction needs both bounds',
      text: edit(['      max: baseline * 1.2 + 0.001\n', '      direction: either\n      max: baseline * 1.2 + 0.001\n']),
      errors: [[14, 5, "gates.error-ratio.compare: direction either needs min: the bound the canary fails below, e.g. min: 'baseline * 0.8'"]],
    },
    {
      name: 'a fixed threshold mixed with a comparison',
      text: edit(['    interval: 1m\n', '    interval: 1m\n    max: 0.05\n']),
      errors: [
        [
          14,
          5,
          'gates.error-ratio.max: a fixed max cannot be mixed with compare (one gate, one judge): put the fixed threshold in a gate of its own, or write the bound under compare.max',
        ],
      ],
    },
    {
      name: 'failureLimit on a comparison',
      text: edit(['    interval: 1m\n', '    interval: 1m\n    failureLimit: 1\n']),
      errors: [
        [14, 5, 'gates.error-ratio.failureLimit: does not apply to a comparison: it fails once, at the look that shows the regression; leave failureLimit out'],
      ],
    },
    {
      name: 'sequential with the ratio judge',
      text: edit(['      max: baseline', '      judge: ratio\n      sequential: true\n      max: baseline']),
      errors: [
        [
          17,
          19,
          'gates.error-ratio.compare.sequential: the ratio judge has no test whose error rate holds under repeated looks; use judge: mann-whitney, or leave sequential out',
        ],
      ],
    },
    {
      name: 'promoteEarly without sequential looks',
      text: edit(['      max: baseline', '      sequential: false\n      promoteEarly: true\n      max: baseline']),
      errors: [
        [
          17,
          21,
          'gates.error-ratio.compare.promoteEarly: needs sequential looks (judge: mann-whitney with sequential: true): only they can show a pass before the bake ends',
        ],
      ],
    },
    {
      name: 'promoteEarly as a number without a unit',
      text: edit(['      max: baseline', '      promoteEarly: 20\n      max: baseline']),
      errors: [
        [
          16,
          21,
          'gates.error-ratio.compare.promoteEarly: compare.promoteEarly must be true, false or a duration with a unit, such as 20s or 20m (a number alone has none); got the number 20',
        ],
      ],
    },
    {
      name: 'a confidence that is not a percentage',
      text: edit(['      max: baseline', '      confidence: 40%\n      max: baseline']),
      errors: [
        [16, 19, "gates.error-ratio.compare.confidence: compare.confidence must be a percentage above 50% and below 100%, such as '98%'; got the string '40%'"],
      ],
    },
    {
      name: 'a bake too short for minSamples',
      text: edit(['      max: baseline', '      minSamples: 40\n      max: baseline']),
      errors: [
        [
          16,
          19,
          "gates.error-ratio.compare.minSamples: stage 'canary' step 1 bakes 30m, which gives 30 samples at interval 1m, fewer than 79, so the bake's second half (judged on its own at the end) has fewer than minSamples 40: a healthy canary could never pass; lengthen the bake, shorten the interval or lower minSamples",
        ],
      ],
    },
    {
      // The end verdict judges the second half too: 30 samples give 15 there, fewer than 20.
      name: 'minSamples more than half the looks (the second half could never pass)',
      text: edit(['      max: baseline', '      minSamples: 20\n      max: baseline']),
      errors: [
        [
          16,
          19,
          "gates.error-ratio.compare.minSamples: stage 'canary' step 1 bakes 30m, which gives 30 samples at interval 1m, fewer than 39, so the bake's second half (judged on its own at the end) has fewer than minSamples 20: a healthy canary could never pass; lengthen the bake, shorten the interval or lower minSamples",
        ],
      ],
    },
    {
      name: 'the ratio judge needs minSamples over the whole bake only',
      text: edit(['      max: baseline', '      judge: ratio\n      sequential: false\n      minSamples: 20\n      max: baseline']),
      errors: [],
    },
    {
      name: 'a window longer than the interval (overlapping samples)',
      text: edit(['    interval: 1m\n', '    interval: 1m\n    window: 30m\n']),
      errors: [
        [
          14,
          13,
          "gates.error-ratio.window: a comparison gate's window (30m) must be at most its interval (1m): overlapping windows share samples, which the test takes as independent; set window to 1m or leave it out",
        ],
      ],
    },
    {
      name: 'onNoData: pass on a comparison',
      text: edit(['    interval: 1m\n', '    interval: 1m\n    onNoData: pass\n']),
      errors: [
        [
          14,
          15,
          "gates.error-ratio.onNoData: 'pass' cannot be used on a comparison gate: a bake without paired samples would promote; use 'inconclusive' (a person decides), 'fail' or 'wait'",
        ],
      ],
    },
    {
      name: 'a bake longer than one range read can hold',
      text: edit(['    interval: 1m\n', '    interval: 10s\n'], ['steps: [{traffic: 10, bake: 30m}]', 'steps: [{traffic: 10, bake: 2d}]']),
      errors: [
        [
          13,
          15,
          "gates.error-ratio.interval: stage 'canary' step 1 bakes 2d, which gives 17280 samples at interval 10s: a look reads the bake so far, at most 11000 steps (the backends' limit); use a longer interval or a shorter bake",
        ],
      ],
    },
    {
      name: 'an unknown template variable in the baseline query',
      text: edit(['      baseline: us-east-1\n', '      baselineQuery: errors{region="{{ baseline }}"}\n']),
      errors: [
        [
          15,
          37,
          "gates.error-ratio.compare.baselineQuery: unknown template variable '{{ baseline }}'; known here: region, stage, version, release.id, step.traffic, step.index, window",
        ],
      ],
    },
    {
      name: 'an unknown template variable in the volume query',
      text: edit(['requests{region="{{ region }}"}', 'requests{region="{{ regoin }}"}']),
      errors: [
        [
          18,
          31,
          "gates.error-ratio.minVolume.query: unknown template variable '{{ regoin }}' (did you mean 'region'?); known here: region, stage, version, release.id, step.traffic, step.index, window",
        ],
      ],
    },
    {
      name: 'minVolume without a comparison',
      text: edit(['    compare:\n      baseline: us-east-1\n      max: baseline * 1.2 + 0.001\n', '    max: 0.05\n']),
      errors: [[15, 5, 'gates.error-ratio.minVolume: only applies to a comparison gate (compare): a fixed threshold is judged on one value, not on steps']],
    },
  ])('$name', ({ text, errors: expected }) => {
    expect(errors(text)).toEqual(expected);
  });
});

describe("a comparison's other queries", () => {
  it('are checked for unsafe values like the gate query (the baseline query, the volume query)', () => {
    const plan = loadPlanText(edit(['      baseline: us-east-1\n', '      baselineQuery: errors{region="us-east-1"}\n']), 'plan.yml', {
      workflowsDir: false,
    }).plan!;
    plan.variables.threshold = '0 or vector(1)';
    plan.gates['error-ratio']!.compare!.baseline = { query: 'errors > {{ vars.threshold }}' };
    expect(unsafeTemplateValues(plan).map((p) => [p.gate, p.field])).toEqual([['error-ratio', 'query']]);
    plan.gates['error-ratio']!.compare!.baseline = { query: 'errors{region="us-east-1"}' };
    plan.gates['error-ratio']!.minVolume = { query: 'requests > {{ vars.threshold }}', min: 1 };
    expect(unsafeTemplateValues(plan)).toHaveLength(1);
    plan.gates['error-ratio']!.minVolume = { query: 'requests{v="{{ vars.threshold }}"}', min: 1 };
    expect(unsafeTemplateValues(plan)).toEqual([]);
  });
});

describe('a Datadog comparison fixes its rollup to the interval', () => {
  // Datadog picks the rollup of a query without one from the range's length, which grows at every look.
  const DD = edit(
    ['    type: prometheus\n    url: https://prom.example.com\n', '    type: datadog\n    apiKeyEnv: DD_API_KEY\n    appKeyEnv: DD_APP_KEY\n'],
    ['query: errors{region="{{ region }}"}', 'query: sum:errors{region:{{ region }}}.as_count().rollup(sum, 60)'],
    ['query: requests{region="{{ region }}"}', 'query: sum:requests{region:{{ region }}}.rollup(sum, 60)'],
  );
  const dd = (...replacements: [string, string][]) => {
    let text = DD;
    for (const [from, to] of replacements) {
      if (!text.includes(from)) throw new Error(`not in the plan: ${from}`);
      text = text.replace(from, to);
    }
    return text;
  };
  const missing =
    "a Datadog comparison query needs an explicit .rollup(avg, 60) (the gate's interval in seconds; or sum, min, max, count): without it Datadog's rollup grows with the bake and earlier samples change between looks";

  it('accepts each range query with .rollup(<aggregator>, <interval in seconds>)', () => {
    expect(errors(DD)).toEqual([]);
    expect(errors(dd(['interval: 1m', 'interval: 30s'], ['.rollup(sum, 60)', '.rollup(avg,30)'], ['.rollup(sum, 60)', '.rollup( sum , 30 )']))).toEqual([]);
  });

  it.each<{ name: string; text: string; errors: Array<[number, number, string]> }>([
    {
      name: 'a gate query without a rollup',
      text: dd(['.as_count().rollup(sum, 60)', '.as_count()']),
      errors: [[13, 12, `gates.error-ratio.query: ${missing}`]],
    },
    {
      name: 'a baselineQuery without a rollup',
      text: dd(['      baseline: us-east-1\n', '      baselineQuery: sum:errors{region:stable}\n']),
      errors: [[16, 22, `gates.error-ratio.compare.baselineQuery: ${missing}`]],
    },
    {
      name: 'a minVolume query without a rollup (it is read over the bake too)',
      text: dd(['sum:requests{region:{{ region }}}.rollup(sum, 60)', 'sum:requests{region:{{ region }}}']),
      errors: [[19, 14, `gates.error-ratio.minVolume.query: ${missing}`]],
    },
    {
      name: 'an aggregator without seconds',
      text: dd(['.as_count().rollup(sum, 60)', '.rollup(avg)']),
      errors: [
        [
          13,
          12,
          "gates.error-ratio.query: .rollup(avg) gives no interval, so Datadog still picks it from the range's length and earlier samples change between looks: write .rollup(avg, 60) (the gate's interval in seconds)",
        ],
      ],
    },
    {
      name: "seconds that are not the gate's interval",
      text: dd(['.as_count().rollup(sum, 60)', '.as_count().rollup(sum, 300)']),
      errors: [
        [
          13,
          12,
          "gates.error-ratio.query: .rollup(sum, 300) rolls up 5m but the gate's interval is 1m: a look takes one sample per interval, so write .rollup(sum, 60) or set interval: 5m",
        ],
      ],
    },
    {
      name: 'a formula with one metric left to the default rollup',
      text: dd([
        'sum:errors{region:{{ region }}}.as_count().rollup(sum, 60)',
        'sum:errors{region:{{ region }}}.rollup(sum, 60) / sum:hits{region:{{ region }}}',
      ]),
      errors: [
        [
          13,
          12,
          "gates.error-ratio.query: 2 metrics but one .rollup: each metric of a Datadog comparison query needs its own .rollup(avg, 60), or Datadog picks the others' rollup from the range's length and earlier samples change between looks",
        ],
      ],
    },
    {
      name: 'an interval that is not whole seconds',
      text: dd(['interval: 1m', 'interval: 1500ms']),
      errors: [[14, 15, 'gates.error-ratio.interval: a Datadog comparison needs an interval of whole seconds (its .rollup is in seconds); got 1s500ms']],
    },
  ])('$name', ({ text, errors: expected }) => {
    expect(errors(text)).toEqual(expected);
  });

  it('warns when a look would read more points than Datadog returns for a series (it would roll up coarser)', () => {
    const text = dd(['steps: [{traffic: 10, bake: 30m}]', 'steps: [{traffic: 10, bake: 2d}]']);
    const diagnostics = loadPlanText(text, 'plan.yml', { workflowsDir: false }).diagnostics;
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)).toEqual([
      "gates.error-ratio.interval: stage 'canary' step 1 bakes 2d: its last look reads 2881 points at interval 1m, more than the 1500 per series Datadog returns, past which it rolls up coarser than the query's .rollup and earlier samples change between looks; use a longer interval or a shorter bake",
    ]);
    expect(
      loadPlanText(PLAN.replace('steps: [{traffic: 10, bake: 30m}]', 'steps: [{traffic: 10, bake: 2d}]'), 'plan.yml', { workflowsDir: false }).diagnostics,
    ).toEqual([]);
  });

  it('a Datadog gate with a fixed threshold is read at one time, so needs no rollup', () => {
    const text = dd(
      [
        '    compare:\n      baseline: us-east-1\n      max: baseline * 1.2 + 0.001\n    minVolume:\n      query: sum:requests{region:{{ region }}}.rollup(sum, 60)\n      min: 1\n',
        '    max: 0.05\n',
      ],
      ['.as_count().rollup(sum, 60)', '.as_count()'],
    );
    expect(errors(text)).toEqual([]);
  });
});
