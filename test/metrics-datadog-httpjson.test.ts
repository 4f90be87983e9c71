/**
 * Datadog (v1 /api/v1/query, answers in the shape of Datadog's API reference "Query timeseries
 * points") and HTTP JSON providers at the network edge.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Provider } from '../src/plan/types.js';
import { createMetricsPort } from '../src/metrics/registry.js';
import type { Observation } from '../src/core/values.js';
import { request } from './support/metrics-fixtures.js';
import { startRecordedServer, type Answer, type RecordedServer } from './support/recorded-server.js';

let server: RecordedServer;
let next: Answer;
beforeAll(async () => {
  server = await startRecordedServer(() => next);
});
afterAll(async () => server.close());
beforeEach(() => {
  server.requests.length = 0;
});
const noop = () => {};
const KEYS = { DD_API: 'api-key-1234', DD_APP: 'app-key-5678' };

function datadog(extra: Record<string, unknown> = {}): Provider {
  return { type: 'datadog', name: 'dd', url: server.url, apiKeyEnv: 'DD_API', appKeyEnv: 'DD_APP', timeoutMs: 2000, ...extra } as Provider;
}
function series(scope: string, points: Array<[number, number | null]>) {
  return {
    metric: 'trace.http.errors',
    scope,
    expression: `avg:trace.http.errors{${scope}}`,
    pointlist: points,
    interval: 20,
    length: points.length,
    display_name: 'trace.http.errors',
    aggr: 'avg',
  };
}
const answer = (list: unknown[]): Answer => ({
  body: { status: 'ok', res_type: 'time_series', series: list, from_date: 1, to_date: 2, query: 'q', message: '', group_by: [] },
});

async function dd(a: Answer, gate: Parameters<typeof request>[1] = {}, env: Record<string, string> = KEYS, counts = false): Promise<Observation> {
  next = a;
  const req = request(datadog(), { query: 'avg:trace.http.errors{region:{{ region }},version:{{ version }}}', windowMs: 300_000, ...gate });
  return createMetricsPort({ providers: {} }, env, { setSecret: noop }).measure(counts ? { ...req, counts: true } : req);
}

describe('datadog', () => {
  it('reads the last non-null point and sends the window and keys', async () => {
    const obs = await dd(
      answer([
        series('region:eu-west-1', [
          [1000, 0.01],
          [2000, 0.02],
          [3000, null],
        ]),
      ]),
    );
    expect(obs).toMatchObject({ kind: 'value', value: 0.02 });
    const req = server.requests[0];
    expect(req?.url.pathname).toBe('/api/v1/query');
    const at = Date.UTC(2026, 10, 23, 12, 0, 0) / 1000;
    expect(req?.url.searchParams.get('to')).toBe(String(at));
    expect(req?.url.searchParams.get('from')).toBe(String(at - 300));
    expect(req?.url.searchParams.get('query')).toBe('avg:trace.http.errors{region:eu-west-1,version:1.4.2}');
    expect(req?.headers['dd-api-key']).toBe('api-key-1234');
    expect(req?.headers['dd-application-key']).toBe('app-key-5678');
  });

  it('applies the gate reducer over the points of one series', async () => {
    expect(
      await dd(
        answer([
          series('s', [
            [1, 1],
            [2, null],
            [3, 5],
          ]),
        ]),
        { reduce: 'max' },
      ),
    ).toMatchObject({ kind: 'value', value: 5 });
    expect(
      await dd(
        answer([
          series('s', [
            [1, 1],
            [2, null],
            [3, 5],
          ]),
        ]),
        { reduce: 'avg' },
      ),
    ).toMatchObject({ kind: 'value', value: 3 });
  });

  it('no series, or only null points, is no data', async () => {
    expect(await dd(answer([]))).toMatchObject({ kind: 'no-data' });
    expect(
      await dd(
        answer([
          series('s', [
            [1, null],
            [2, null],
          ]),
        ]),
      ),
    ).toMatchObject({ kind: 'no-data' });
  });

  it('several series is an error naming their scopes, unless reduced', async () => {
    const two = answer([series('region:a,code:500', [[1, 1]]), series('region:a,code:503', [[1, 2]])]);
    const obs = await dd(two);
    expect(obs.kind).toBe('error');
    expect((obs as { message: string }).message).toContain('region:a,code:500');
    expect((obs as { message: string }).message).toContain('region:a,code:503');
    expect(await dd(two, { reduce: 'sum' })).toMatchObject({ kind: 'value', value: 3 });
  });

  it('several series: each gives its latest point to a threshold gate; a read of event counts sums every bucket (the window total)', async () => {
    // An slo gate's good/total read as .as_count() per status code: buckets of 1 minute over a 5-minute window.
    const buckets = (n: number): Array<[number, number]> => [1, 2, 3, 4, 5].map((m) => [m * 60_000, n]);
    const two = answer([series('code:200', buckets(100)), series('code:201', buckets(10))]);
    expect(await dd(two, { reduce: 'sum' }, KEYS, true)).toMatchObject({ kind: 'value', value: 550 });
    // The same counts in one series sum alike.
    expect(await dd(answer([series('all', buckets(110))]), { reduce: 'sum' }, KEYS, true)).toMatchObject({ kind: 'value', value: 550 });
    // A gauge per host (10 rps each) under a threshold gate: the latest value of each, summed (not every point: that would be 100).
    expect(await dd(answer([series('host:a', buckets(10)), series('host:b', buckets(10))]), { reduce: 'sum' })).toMatchObject({ kind: 'value', value: 20 });
    const spread = answer([
      series('host:a', [
        [1, 0.9],
        [2, 0.3],
      ]),
      series('host:b', [
        [1, 0.4],
        [2, 0.5],
      ]),
    ]);
    expect(await dd(spread, { reduce: 'max' })).toMatchObject({ kind: 'value', value: 0.5 });
  });

  it('several series where one has no points is no data naming it, never a reduced value of the rest', async () => {
    const obs = await dd(answer([series('region:a', [[1, 1]]), series('region:b', [[1, null]])]), { reduce: 'max' });
    expect(obs).toMatchObject({ kind: 'no-data' });
    expect((obs as { detail: string }).detail).toMatch(/^1 of 2 series have no finite value \(region:b\)/);
    expect((obs as { answered?: number[] }).answered).toEqual([1]);
  });

  it('errors[] and status: error become error observations with the message', async () => {
    expect(await dd({ status: 403, body: { errors: ['Forbidden'] } })).toEqual({ kind: 'error', message: 'Datadog: HTTP 403: Forbidden' });
    expect(
      await dd({ status: 200, body: { status: 'error', error: "Error parsing query: unable to parse avg:x{: Rule 'scope_expr' didn't match", series: [] } }),
    ).toMatchObject({ kind: 'error', message: expect.stringContaining('Error parsing query') });
    expect(await dd({ status: 200, body: 'not json' })).toMatchObject({ kind: 'error', message: expect.stringContaining('not JSON') });
  });

  it('refuses a tag value that would change the scope, and names a missing key', async () => {
    next = answer([]);
    const bad = await createMetricsPort({ providers: {} }, KEYS, { setSecret: noop }).measure(
      request(datadog(), { query: 'avg:x{version:{{ version }}}' }, { version: '1.0,env:dev' }),
    );
    expect(bad).toMatchObject({ kind: 'error', message: expect.stringContaining('cannot be used in a Datadog query') });
    expect(await dd(answer([]), {}, { DD_API: 'x-key' })).toEqual({
      kind: 'error',
      message: 'provider dd application key: environment variable DD_APP is not set',
    });
    expect(server.requests).toHaveLength(0);
  });
});

function httpJson(extra: Record<string, unknown> = {}): Provider {
  return { type: 'http-json', name: 'api', url: `${server.url}/base`, timeoutMs: 2000, ...extra } as Provider;
}
async function hj(
  a: Answer,
  gate: Parameters<typeof request>[1] = {},
  ctx: Parameters<typeof request>[2] = {},
  env: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): Promise<Observation> {
  next = a;
  return createMetricsPort({ providers: {} }, env, { setSecret: noop }).measure(
    request(httpJson(extra), { url: '/slo/{{ region }}?v={{ version }}', path: '$.data.error_rate', ...gate }, ctx),
  );
}

describe('http-json', () => {
  it('GETs the rendered URL (values percent-encoded) and reads the JSONPath', async () => {
    const obs = await hj({ body: { data: { error_rate: 0.012 } } }, {}, { version: '1.0/../admin?x=1' });
    expect(obs).toEqual({ kind: 'value', value: 0.012, detail: '$.data.error_rate' });
    const req = server.requests[0];
    expect(req?.url.pathname).toBe('/base/slo/eu-west-1');
    expect(req?.url.searchParams.get('v')).toBe('1.0/../admin?x=1');
    expect(req?.url.searchParams.get('x')).toBeNull();
  });

  it('POSTs a JSON body with values JSON-escaped, and a bearer token', async () => {
    await hj(
      { body: { data: { error_rate: '0.5' } } },
      { method: 'POST', body: '{"region": "{{ region }}", "version": "{{ version }}"}' },
      { version: 'a"b' },
      { TOKEN: 'bearer-xyz' },
      { bearerTokenEnv: 'TOKEN' },
    );
    const req = server.requests[0];
    expect(req?.method).toBe('POST');
    expect(JSON.parse(req?.body ?? '')).toEqual({ region: 'eu-west-1', version: 'a"b' });
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers.authorization).toBe('Bearer bearer-xyz');
  });

  it('no match or null is no data; a string that is not a number is an error', async () => {
    expect(await hj({ body: { data: {} } })).toMatchObject({ kind: 'no-data' });
    expect(await hj({ body: { data: { error_rate: null } } })).toMatchObject({ kind: 'no-data' });
    expect(await hj({ body: { data: { error_rate: 'high' } } })).toMatchObject({ kind: 'error', message: expect.stringContaining('not a number') });
  });

  it('several matches need a reducer', async () => {
    const body = { regions: [{ rate: 1 }, { rate: 4 }] };
    expect(await hj({ body }, { path: '$.regions[*].rate' })).toMatchObject({ kind: 'error', message: expect.stringContaining('matched 2 values') });
    expect(await hj({ body }, { path: '$.regions[*].rate', reduce: 'avg' })).toMatchObject({ kind: 'value', value: 2.5 });
  });

  it.each([
    ['a null', [{ rate: 1 }, { rate: null }, { rate: 4 }], /^1 of 3 series have no finite value \(value 2 = null\)/],
    ['a NaN string', [{ rate: 1 }, { rate: 'NaN' }], /^1 of 2 series have no finite value \(value 2 = NaN\)/],
  ])('several matches where one is %s: no data naming it, never a reduced value of the rest', async (_what, regions, detail) => {
    const obs = await hj({ body: { regions } }, { path: '$.regions[*].rate', reduce: 'max' });
    expect(obs).toMatchObject({ kind: 'no-data' });
    expect((obs as { detail: string }).detail).toMatch(detail);
    // The values that did answer go with it (a breach among them still fails the gate).
    expect((obs as { answered?: number[] }).answered).toEqual(regions.flatMap((r) => (typeof r.rate === 'number' ? [r.rate] : [])));
  });

  it('an HTTP error carries status and body', async () => {
    expect(await hj({ status: 500, body: 'database is down' })).toMatchObject({ kind: 'error', message: expect.stringMatching(/HTTP 500.*database is down/) });
  });
});
