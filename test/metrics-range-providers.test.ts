/**
 * Range reads of Datadog and HTTP JSON at the network edge (a loopback server answering in each
 * backend's shape), the grid they share (src/metrics/series.ts) and the registry's routing. The
 * Prometheus side runs against the real Prometheus: test/metrics-range-prometheus.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Provider } from '../src/plan/types.js';
import { BACKEND_TEXT_MAX, createMetricsPort } from '../src/metrics/registry.js';
import type { FetchLike } from '../src/metrics/http.js';
import type { SeriesObservation } from '../src/core/values.js';
import { loadPlanText } from '../src/plan/load.js';
import { MAX_RANGE_STEPS, seriesObservation, type RawSeries } from '../src/metrics/series.js';
import { rangeObservationOf } from '../src/metrics/prometheus.js';
import { rangeRequest, request } from './support/metrics-fixtures.js';
import { startRecordedServer, type Answer, type RecordedServer } from './support/recorded-server.js';
import { edit } from './fixtures/base-plan.js';

let server: RecordedServer;
let next: Answer;
beforeAll(async () => {
  server = await startRecordedServer(() => next);
});
afterAll(async () => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const STEP = 60_000;
const START = Date.UTC(2026, 10, 23, 12, 0, 0);
const at = (k: number) => START + k * STEP;
const RANGE = { start: START, end: at(5), stepMs: STEP };
const KEYS = { DD_API: 'api-key-SECRET-1234', DD_APP: 'app-key-SECRET-5678', TOKEN: 'tok-SECRET-9f8e7d' };
const port = (env: Record<string, string> = KEYS) => createMetricsPort({ providers: { dd: datadog(), json: httpJson() } }, env, { setSecret: () => {} });
const points = (obs: SeriesObservation) => (obs.kind === 'series' ? obs.points : []);
const messageOf = (obs: SeriesObservation) => (obs.kind === 'error' ? obs.message : obs.kind === 'no-data' ? obs.detail : (obs.detail ?? ''));

function datadog(): Provider {
  return { type: 'datadog', name: 'dd', url: server.url, apiKeyEnv: 'DD_API', appKeyEnv: 'DD_APP', timeoutMs: 2000 } as Provider;
}
function httpJson(): Provider {
  return { type: 'http-json', name: 'json', url: server.url, bearerTokenEnv: 'TOKEN', timeoutMs: 2000 } as Provider;
}
const ddSeries = (scope: string, pointlist: unknown) => ({ metric: 'errors', scope, expression: `avg:errors{${scope}}`, pointlist });
const ddAnswer = (...series: unknown[]): Answer => ({ body: { status: 'ok', res_type: 'time_series', series } });

async function dd(a: Answer, g: Parameters<typeof rangeRequest>[3] = {}, range = RANGE, env = KEYS): Promise<SeriesObservation> {
  next = a;
  return port(env).measureRange(rangeRequest(datadog(), 'avg:errors{region:{{ region }}}', range, g));
}

describe('datadog range reads', () => {
  it('sends the range in seconds with the keys and reads the pointlist at the step times, a null counted in missing', async () => {
    const obs = await dd(
      ddAnswer(
        ddSeries('region:eu-west-1', [
          [at(0), 0.1],
          [at(1), 0.2],
          [at(2), null],
          [at(3), 0.4],
          [at(4), 0.5],
          [at(5), 0.6],
        ]),
      ),
    );
    expect(points(obs)).toEqual([
      { at: at(0), value: 0.1 },
      { at: at(1), value: 0.2 },
      { at: at(3), value: 0.4 },
      { at: at(4), value: 0.5 },
      { at: at(5), value: 0.6 },
    ]);
    expect(obs).toMatchObject({ kind: 'series', missing: 1 });
    const req = server.requests[0];
    expect(req?.url.pathname).toBe('/api/v1/query');
    expect(req?.url.searchParams.get('from')).toBe(String(START / 1000));
    expect(req?.url.searchParams.get('to')).toBe(String(at(5) / 1000));
    expect(req?.url.searchParams.get('query')).toBe('avg:errors{region:eu-west-1}');
    expect(req?.headers['dd-api-key']).toBe(KEYS.DD_API);
  });

  it('aligns a rollup that is not the step to the nearest step, keeps the point nearest each step, and leaves out points outside the range', async () => {
    // 20 s buckets offset by 5 s: three land on each 60 s step; the one 5 s away stands for it
    // (at step 0 the one 5 s before the start is outside the range: the one 15 s after stands).
    const fine: Array<[number, number]> = [[at(0) - 40_000, 99]];
    for (let t = at(0) - 25_000; t <= at(5); t += 20_000) fine.push([t, (t - START) / STEP]);
    const obs = await dd(ddAnswer(ddSeries('s', fine)));
    expect(points(obs).map((p) => p.at)).toEqual([0, 1, 2, 3, 4, 5].map(at));
    expect(points(obs).map((p) => Math.round(p.value * 1000) / 1000)).toEqual([0.25, 0.917, 1.917, 2.917, 3.917, 4.917]);
    expect(points(obs).some((p) => p.value === 99)).toBe(false);
    expect(obs).toMatchObject({ detail: expect.stringContaining('points outside the range left out') });
    // 120 s buckets: every other step has no point, counted as missing, never filled in.
    const coarse = await dd(
      ddAnswer(
        ddSeries('s', [
          [at(0), 1],
          [at(2), 2],
          [at(4), 3],
        ]),
      ),
    );
    expect(coarse).toMatchObject({ kind: 'series', missing: 3, points: [0, 2, 4].map((k, i) => ({ at: at(k), value: i + 1 })) });
  });

  it('refuses several series without a reducer, naming them on one line; combines them per step with one', async () => {
    const two = ddAnswer(
      ddSeries('region:eu-west-1,host:a', [
        [at(0), 1],
        [at(1), 2],
      ]),
      ddSeries('region:eu-west-1,host:b\n::error::forged', [
        [at(0), 10],
        [at(1), 20],
      ]),
    );
    const refused = await dd(two);
    expect(refused.kind).toBe('error');
    expect(messageOf(refused)).toContain('region:eu-west-1,host:a');
    expect(messageOf(refused)).toContain('host:b\\n::error::forged');
    expect(messageOf(refused)).not.toMatch(/[\r\n]/);
    expect(await dd(two, { reduce: 'sum' })).toMatchObject({
      kind: 'series',
      points: [
        { at: at(0), value: 11 },
        { at: at(1), value: 22 },
      ],
      missing: 4,
    });
  });

  it('turns error statuses and malformed answers into clear errors that carry no secret', async () => {
    const denied = await dd({ status: 403, body: { errors: [`Forbidden: key ${KEYS.DD_API} and ${KEYS.DD_APP}`] } });
    expect(denied).toMatchObject({ kind: 'error', message: expect.stringContaining('Datadog: HTTP 403: Forbidden') });
    expect(messageOf(denied)).not.toContain('SECRET');
    expect(await dd({ status: 502, body: `<html>bad gateway ${KEYS.DD_API}</html>` })).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^HTTP 502 .*not JSON/),
    });
    expect(messageOf(await dd({ status: 502, body: `<html>bad gateway ${KEYS.DD_API}</html>` }))).not.toContain('SECRET');
    expect(await dd(ddAnswer(ddSeries('s', [[at(0), 'lots']])))).toMatchObject({
      kind: 'error',
      message: 'Datadog returned point 1 of s without a time and a number',
    });
    expect(await dd(ddAnswer(ddSeries('s', { not: 'a list' })))).toMatchObject({ kind: 'error', message: expect.stringContaining('not a list') });
    expect(await dd(ddAnswer())).toMatchObject({ kind: 'no-data', detail: 'the query returned no series' });
    expect(await dd(ddAnswer(), {}, RANGE, { DD_APP: 'x' } as typeof KEYS)).toMatchObject({
      kind: 'error',
      message: 'provider dd API key: environment variable DD_API is not set',
    });
  });
});

const get = (url: string, g: Parameters<typeof rangeRequest>[3] = {}) => port().measureRange(rangeRequest(httpJson(), url, RANGE, { path: '$.values', ...g }));
async function json(body: unknown, url = '/series?region={{ region }}', g: Parameters<typeof rangeRequest>[3] = {}): Promise<SeriesObservation> {
  next = { body };
  return get(url, g);
}

describe('http-json range reads', () => {
  it('renders {{ start }}, {{ end }} and {{ step }} (epoch seconds) in the URL and the RFC 3339 forms in the body; reads [time, value] pairs', async () => {
    next = {
      body: {
        values: [
          [START / 1000, '0.1'],
          [at(1) / 1000, '0.2'],
          [at(2) / 1000, 'NaN'],
          [at(3) / 1000, null],
        ],
      },
    };
    const obs = await port().measureRange(
      rangeRequest(httpJson(), '/q?region={{ region }}&start={{ start }}&end={{ end }}&step={{ step }}&ms={{ start.ms }}', RANGE, {
        path: '$.values',
        method: 'POST',
        body: '{"from": "{{ start.rfc3339 }}", "to": "{{ end.rfc3339 }}", "stepMs": {{ step.ms }}}',
      }),
    );
    expect(obs).toMatchObject({
      kind: 'series',
      points: [
        { at: at(0), value: 0.1 },
        { at: at(1), value: 0.2 },
      ],
      missing: 4,
    });
    expect(obs).toMatchObject({ detail: expect.stringContaining('(1 NaN or infinite, 3 without a value)') });
    const req = server.requests[0];
    expect(req?.url.searchParams.get('start')).toBe(String(START / 1000));
    expect(req?.url.searchParams.get('end')).toBe(String(at(5) / 1000));
    expect(req?.url.searchParams.get('step')).toBe('60');
    expect(req?.url.searchParams.get('ms')).toBe(String(START));
    expect(JSON.parse(req?.body ?? '')).toEqual({ from: '2026-11-23T12:00:00.000Z', to: '2026-11-23T12:05:00.000Z', stepMs: 60000 });
    expect(req?.headers.authorization).toBe(`Bearer ${KEYS.TOKEN}`);
  });

  it('reads {time, value} objects with RFC 3339, epoch-ms and epoch-seconds times', async () => {
    const obs = await json({
      values: [
        { time: '2026-11-23T12:00:00Z', value: 1 },
        { timestamp: at(1), v: '2' },
        { t: String(at(2) / 1000), value: 3 },
        { time: '2026-11-23T13:03:00+01:00', value: 4 },
      ],
    });
    expect(points(obs)).toEqual([1, 2, 3, 4].map((v, k) => ({ at: at(k), value: v })));
  });

  it('combines several series selected by the path per step with the reducer', async () => {
    const body = {
      series: [
        {
          points: [
            [START / 1000, 1],
            [at(1) / 1000, 5],
          ],
        },
        {
          points: [
            [START / 1000, 3],
            [at(1) / 1000, 2],
          ],
        },
      ],
    };
    expect(await json(body, '/s', { path: '$.series[*].points', reduce: 'max' })).toMatchObject({
      points: [
        { at: at(0), value: 3 },
        { at: at(1), value: 5 },
      ],
    });
    const refused = await json(body, '/s', { path: '$.series[*].points' });
    expect(messageOf(refused)).toContain("2 series, expected one: $['series'][0]['points'], $['series'][1]['points']");
  });

  it('refuses shapes it does not know, naming the path and the forms it takes', async () => {
    expect(messageOf(await json({ values: [[START / 1000, 1]] }, '/s', { path: '$.values[*]' }))).toMatch(
      /^JSONPath \$\.values\[\*\] matched \[\d+,1\], expected an array of \[time, value\] pairs or of \{time, value\} objects: the path seems to select points/,
    );
    expect(messageOf(await json({ values: { a: 1 } }))).toBe(
      'JSONPath matched {"a":1} at JSONPath $.values, expected an array of [time, value] pairs or of {time, value} objects',
    );
    expect(messageOf(await json({ values: [{ when: 1, value: 1 }] }))).toBe(
      'point 1 of JSONPath $.values is {"when":1,"value":1}, which has no time: expected a key time, timestamp or t',
    );
    expect(messageOf(await json({ values: [{ time: 1 }] }))).toBe('point 1 of JSONPath $.values is {"time":1}, which has no value: expected a key value or v');
    expect(messageOf(await json({ values: [['yesterday', 1]] }))).toContain('expected epoch seconds or milliseconds, or an RFC 3339 time');
    expect(messageOf(await json({ values: [[START / 1000, { x: 1 }]] }))).toBe(
      'point 1 of JSONPath $.values has the value {"x":1}, which is not a number (or null)',
    );
    expect(messageOf(await json({ values: [5] }))).toContain('expected an array of [time, value] pairs');
    expect(await json({ other: [] })).toMatchObject({ kind: 'no-data', detail: 'JSONPath $.values matched nothing' });
    next = { body: 'not json at all' };
    expect(messageOf(await get('/s'))).toContain('answered with something that is not JSON');
  });

  it('an error status is an error with the body excerpt, scrubbed of secrets', async () => {
    next = { status: 500, body: `internal error; you sent Bearer ${KEYS.TOKEN}` };
    const obs = await get('/s');
    expect(obs).toMatchObject({
      kind: 'error',
      message: expect.stringMatching(/^HTTP 500 Internal Server Error from http:\/\/127\.0\.0\.1:\d+\/s: internal error/),
    });
    expect(messageOf(obs)).not.toContain('SECRET');
  });

  it('an instant http-json read may use {{ start }} and {{ end }}: the gate window ending at the measurement time', async () => {
    next = { body: { value: 1 } };
    const at0 = Date.UTC(2026, 10, 23, 12, 0, 0);
    const obs = await port().measure(request(httpJson(), { url: '/v?from={{ start }}&to={{ end }}', path: '$.value', windowMs: 300_000 }, {}, at0));
    expect(obs).toMatchObject({ kind: 'value', value: 1 });
    expect(server.requests[0]?.url.searchParams.get('from')).toBe(String(at0 / 1000 - 300));
    expect(server.requests[0]?.url.searchParams.get('to')).toBe(String(at0 / 1000));
  });
});

describe('prometheus range answer shapes', () => {
  const grid = { start: 0, end: 120_000, stepMs: 60_000, steps: 3 };
  it('wants a matrix, with numbers', () => {
    expect(rangeObservationOf({ resultType: 'vector', result: [] }, grid, undefined)).toEqual({
      kind: 'error',
      message: 'Prometheus answered a range query with "vector", expected a matrix',
    });
    expect(rangeObservationOf({ resultType: 'matrix', result: [{ metric: { a: 'b' }, histograms: [[0, {}]] }] }, grid, undefined)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('{a="b"} has native histogram samples'),
    });
    expect(rangeObservationOf({ resultType: 'matrix', result: [{ metric: {}, values: [[0, 'many']] }] }, grid, undefined)).toEqual({
      kind: 'error',
      message: 'Prometheus returned point 1 of {} without a time and a number',
    });
    expect(rangeObservationOf({ resultType: 'matrix', result: [{ metric: {}, values: [[60, '1e-3']] }] }, grid, undefined)).toMatchObject({
      kind: 'series',
      points: [{ at: 60_000, value: 0.001 }],
      missing: 2,
    });
  });
});

describe('the grid every provider shares', () => {
  const one = (pts: Array<[number, number | null]>): RawSeries => ({
    name: () => 'one',
    read: (emit) => {
      for (const [t, v] of pts) emit(t, v);
      return undefined;
    },
  });
  const grid = { start: 0, end: 300_000, stepMs: 60_000, steps: 6 };

  it('never turns a NaN or an infinite value into a point', () => {
    const obs = seriesObservation(
      grid,
      [
        one([
          [0, 1],
          [60_000, Number.NaN],
          [120_000, Number.POSITIVE_INFINITY],
          [180_000, 4],
        ]),
      ],
      undefined,
      'q',
    );
    expect(obs).toMatchObject({
      kind: 'series',
      points: [
        { at: 0, value: 1 },
        { at: 180_000, value: 4 },
      ],
      missing: 4,
    });
  });

  it('a step where one series is NaN is missing for the reduced value too (part of the data is none)', () => {
    const obs = seriesObservation(
      grid,
      [
        one([
          [0, 1],
          [60_000, 1],
        ]),
        one([
          [0, 2],
          [60_000, Number.NaN],
        ]),
      ],
      'min',
      'q',
    );
    expect(obs).toMatchObject({ kind: 'series', points: [{ at: 0, value: 1 }], missing: 5 });
  });

  it('all steps missing is no data, saying what was seen; points out of order are an error', () => {
    expect(seriesObservation(grid, [one([[0, Number.NaN]])], undefined, 'q')).toMatchObject({
      kind: 'no-data',
      detail: expect.stringContaining('no step of 6 has a finite value'),
    });
    expect(
      seriesObservation(
        grid,
        [
          one([
            [60_000, 1],
            [0, 2],
          ]),
        ],
        undefined,
        'q',
      ),
    ).toMatchObject({ kind: 'error', message: 'the points of one are not in time order' });
  });

  it('refuses a range too long for its step, or without a step, before asking the backend', async () => {
    const p = port();
    const tooMany = await p.measureRange(rangeRequest(datadog(), 'q', { start: 0, end: MAX_RANGE_STEPS * 1000, stepMs: 1000 }));
    expect(tooMany).toMatchObject({ kind: 'error', message: expect.stringContaining(`at most ${MAX_RANGE_STEPS} are read`) });
    expect(await p.measureRange(rangeRequest(httpJson(), '/s', { start: 0, end: 1000, stepMs: 0 }, { path: '$.v' }))).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('positive number of milliseconds'),
    });
    expect(await p.measureRange(rangeRequest(datadog(), 'q', { start: 1000, end: 0, stepMs: 1000 }))).toMatchObject({ kind: 'error' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('the registry', () => {
  it('routes range reads by provider type: synthetic providers only work in simulate', async () => {
    const synthetic = { type: 'synthetic', name: 'syn', timeoutMs: 1000 } as unknown as Provider;
    expect(await port().measureRange(rangeRequest(synthetic, 'q', RANGE))).toEqual({
      kind: 'error',
      message: 'provider syn is synthetic: it only works in simulate',
    });
    const odd = { type: 'graphite', name: 'g', timeoutMs: 1000 } as unknown as Provider;
    expect(await port().measureRange(rangeRequest(odd, 'q', RANGE))).toMatchObject({ kind: 'error', message: 'provider type graphite is not supported' });
  });

  // The port's promise, which the driver relies on without repeating it (src/driver/perform-compare.ts):
  // whatever goes wrong, every read is an answer, an error carries bounded and scrubbed text, and none throws.
  describe.each(['prometheus', 'datadog', 'http-json'] as const)("keeps the port's promise for %s", (type) => {
    const provider = (timeoutMs = 2000) =>
      ({ ...(type === 'prometheus' ? { type, name: 'p', url: 'http://127.0.0.1:9' } : type === 'datadog' ? datadog() : httpJson()), timeoutMs }) as Provider;
    const long = `${'x'.repeat(5000)} ${KEYS.TOKEN}`;
    // The port is made for the plan's provider; `p` is the one the reads name.
    const reads = (fetch: FetchLike, p: Provider) => {
      const metrics = createMetricsPort({ providers: { [p.name]: provider() } }, KEYS, { setSecret: () => {}, fetch });
      const g = type === 'http-json' ? { path: '$.values' } : {};
      return Promise.all([
        metrics.measureRange(rangeRequest(p, type === 'http-json' ? '/q' : 'q', RANGE, g)),
        metrics.measure(request(p, { ...g, query: 'q', url: '/q' })),
      ]);
    };
    const expectBoundedErrors = (answers: Array<{ kind: string; message?: string }>, text: RegExp) => {
      for (const a of answers) {
        expect(a.kind).toBe('error');
        expect(a.message).toMatch(text);
        expect(Array.from(a.message ?? '').length).toBeLessThanOrEqual(BACKEND_TEXT_MAX);
        expect(a.message).not.toContain(KEYS.TOKEN);
      }
    };

    it('a fetch that throws a long text with a secret in it', async () => {
      expectBoundedErrors(await reads(() => Promise.reject(new Error(long)), provider()), /xxx/);
    });

    it('a backend that never answers (its timeout, not a hang)', async () => {
      const hang: FetchLike = (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
      expectBoundedErrors(await reads(hang, provider(5)), /no answer within 5ms \(timeout\)/);
    });

    it('anything that escapes a provider (here a provider that cannot be read; a module that fails to load alike)', async () => {
      const broken = new Proxy(provider(), {
        get: (t, k) =>
          k === 'type'
            ? (() => {
                throw new Error(long);
              })()
            : Reflect.get(t, k),
      });
      expectBoundedErrors(await reads(() => Promise.reject(new Error('not sent')), broken), /xxx/);
    });
  });

  it('bounds the text of a range read as it does for instant reads', async () => {
    const long = ddSeries(`host:${'x'.repeat(5000)}`, [[at(0), 1]]);
    const obs = await dd(ddAnswer(long, long));
    expect(obs.kind).toBe('error');
    expect(Array.from(messageOf(obs)).length).toBeLessThanOrEqual(1000);
  });
});

describe('plan validation of the range names', () => {
  const httpJsonPlan = (url: string, body = '') =>
    edit(
      ['type: prometheus\n    url: https://prom.example.com', 'type: http-json\n    url: https://metrics.example.com'],
      ['    query: up{region="{{ region }}"}\n', `    url: ${url}\n    path: $.values\n${body}`],
    );
  const errors = (text: string) =>
    loadPlanText(text, 'plan.yml')
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.message);

  it('an http-json url and body may name the range', () => {
    expect(
      errors(
        httpJsonPlan(
          "'/q?start={{ start }}&end={{ end }}&step={{ step }}&s={{ start.ms }}'",
          `    method: POST\n    body: '{"from": "{{ start.rfc3339 }}", "step": {{ step.ms }}}'\n`,
        ),
      ),
    ).toEqual([]);
  });

  it('a range value is checked for where it lands: an RFC 3339 time outside a JSON string is refused', () => {
    const [message] = errors(httpJsonPlan("'/q'", `    method: POST\n    body: '{"from": {{ start.rfc3339 }}}'\n`));
    expect(message).toContain("{{ start.rfc3339 }} = '2026-01-01T11:59:00.000Z' is outside a quoted string in a JSON template");
  });

  it('a PromQL query may not (the provider sends the range itself), and a typo is named', () => {
    expect(errors(edit(['up{region="{{ region }}"}', 'up{region="{{ region }}"} @ {{ end }}']))[0]).toContain("unknown template variable '{{ end }}'");
    expect(errors(httpJsonPlan("'/q?start={{ strat }}'"))[0]).toContain("unknown template variable '{{ strat }}' (did you mean 'start'?)");
  });
});
