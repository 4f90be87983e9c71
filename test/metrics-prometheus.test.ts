/**
 * The Prometheus provider at the network edge: a loopback server answers in the shapes of the
 * Prometheus HTTP API docs (https://prometheus.io/docs/prometheus/latest/querying/api/).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMetricsPort } from '../src/metrics/registry.js';
import type { Observation } from '../src/core/values.js';
import { prometheus, request } from './support/metrics-fixtures.js';
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

const ok = (resultType: string, result: unknown): Answer => ({ body: { status: 'success', data: { resultType, result } } });
const sample = (labels: Record<string, string>, v: string) => ({ metric: labels, value: [1_700_000_000, v] });
const noop = () => {};

async function measure(
  answer: Answer,
  gate: Parameters<typeof request>[1] = {},
  env: Record<string, string> = {},
  extra: Record<string, unknown> = {},
  ctx: Parameters<typeof request>[2] = {},
): Promise<Observation> {
  next = answer;
  const port = createMetricsPort({ providers: {} }, env, { setSecret: noop });
  return port.measure(request(prometheus(server.url, extra), { query: 'sum(rate(errors{region="{{ region }}"}[{{ window }}]))', ...gate }, ctx));
}

describe('prometheus result shapes', () => {
  it('reads a scalar', async () => {
    expect(await measure(ok('scalar', [1_700_000_000, '0.25']))).toEqual({ kind: 'value', value: 0.25, detail: 'scalar' });
  });

  it('reads a vector of one series and names it', async () => {
    const obs = await measure(ok('vector', [sample({ __name__: 'errors', region: 'eu-west-1' }, '0.031')]));
    expect(obs).toEqual({ kind: 'value', value: 0.031, detail: 'errors{region="eu-west-1"}' });
  });

  it('refuses two series, naming both', async () => {
    const obs = await measure(ok('vector', [sample({ region: 'eu-west-1', code: '500' }, '1'), sample({ region: 'eu-west-1', code: '503' }, '2')]));
    expect(obs.kind).toBe('error');
    const message = (obs as { message: string }).message;
    expect(message).toContain('2 series');
    expect(message).toContain('{code="500", region="eu-west-1"}');
    expect(message).toContain('{code="503", region="eu-west-1"}');
  });

  it('reduces several series when the gate says how', async () => {
    const answer = ok('vector', [sample({ code: '500' }, '1'), sample({ code: '503' }, '2'), sample({ code: '502' }, '6')]);
    expect(await measure(answer, { reduce: 'sum' })).toMatchObject({ kind: 'value', value: 9 });
    expect(await measure(answer, { reduce: 'max' })).toMatchObject({ kind: 'value', value: 6 });
    expect(await measure(answer, { reduce: 'avg' })).toMatchObject({ kind: 'value', value: 3 });
  });

  // A max over the series that answered would hide the one that did not: never a value from part of the data.
  it.each(['sum', 'max', 'min', 'avg'] as const)('one NaN or infinite series among several is no data naming it (reduce %s)', async (reduce) => {
    const answer = ok('vector', [sample({ code: '500' }, '1'), sample({ code: '502' }, 'NaN'), sample({ code: '503' }, '+Inf')]);
    const obs = await measure(answer, { reduce });
    expect(obs).toMatchObject({ kind: 'no-data' });
    expect((obs as { detail: string }).detail).toMatch(/^2 of 3 series have no finite value \(\{code="502"\} = NaN, \{code="503"\} = Infinity\)/);
    expect((obs as { detail: string }).detail).toContain('== (expr)');
    // The values that did answer go with it: a breach among them still fails the gate (core/verdict.ts).
    expect((obs as { answered?: number[] }).answered).toEqual([1]);
  });

  it('refuses a matrix with a message saying what to do', async () => {
    const obs = await measure(
      ok('matrix', [
        {
          metric: { region: 'x' },
          values: [
            [1, '1'],
            [2, '2'],
          ],
        },
      ]),
    );
    expect(obs).toMatchObject({ kind: 'error' });
    expect((obs as { message: string }).message).toMatch(/range vector \(matrix\).*rate\(/);
  });

  it.each([
    ['NaN', 'NaN'],
    ['+Inf', '+Inf'],
    ['-Inf', '-Inf'],
  ])('treats %s as no data', async (_name, v) => {
    expect(await measure(ok('vector', [sample({ region: 'eu-west-1' }, v)]))).toMatchObject({ kind: 'no-data' });
    expect(await measure(ok('scalar', [1, v]))).toMatchObject({ kind: 'no-data' });
  });

  it('treats an empty vector as no data', async () => {
    expect(await measure(ok('vector', []))).toEqual({ kind: 'no-data', detail: 'the query returned an empty vector (no series match)' });
  });
});

describe('prometheus failures become error observations', () => {
  it('carries the backend message of status: error', async () => {
    const obs = await measure({ status: 400, body: { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected identifier' } });
    expect(obs).toEqual({ kind: 'error', message: 'Prometheus: HTTP 400 (bad_data): 1:5: parse error: unexpected identifier' });
  });

  it('reports an HTTP error without JSON', async () => {
    const obs = await measure({ status: 502, body: '<html>Bad Gateway</html>' });
    expect(obs.kind).toBe('error');
    expect((obs as { message: string }).message).toContain('HTTP 502');
    expect((obs as { message: string }).message).toContain('Bad Gateway');
  });

  it('reports bad JSON on a 200', async () => {
    const obs = await measure({ status: 200, body: '{"status":"succ' });
    expect(obs).toMatchObject({ kind: 'error' });
    expect((obs as { message: string }).message).toContain('not JSON');
  });

  it('times out after provider.timeoutMs', async () => {
    const started = Date.now();
    const obs = await measure({ hang: true }, {}, {}, { timeoutMs: 150 });
    expect(obs).toMatchObject({ kind: 'error' });
    expect((obs as { message: string }).message).toContain('no answer within 150ms (timeout)');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused connection', async () => {
    const closed = await startRecordedServer();
    await closed.close();
    const port = createMetricsPort({ providers: {} }, {}, { setSecret: noop });
    const obs = await port.measure(request(prometheus(closed.url), { query: 'up' }));
    expect(obs).toMatchObject({ kind: 'error' });
    expect((obs as { message: string }).message).toContain('ECONNREFUSED');
  });

  it('never throws, even when the template names an unknown variable', async () => {
    const obs = await measure(ok('scalar', [1, '1']), { query: 'up{x="{{ vars.nope }}"}' });
    expect(obs).toMatchObject({ kind: 'error' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('prometheus requests', () => {
  it('queries at the measurement time with every value escaped', async () => {
    const at = Date.UTC(2026, 10, 23, 12, 0, 0, 500);
    next = ok('scalar', [1, '1']);
    const port = createMetricsPort({ providers: {} }, {}, { setSecret: noop });
    await port.measure({
      ...request(prometheus(`${server.url}/prom/`), { query: 'x{version="{{ version }}",region=\'{{ region }}\'}' }, { version: '1"} or vector(1) or x{a="' }),
      at,
    });
    const req = server.requests[0];
    expect(req?.method).toBe('GET');
    expect(req?.url.pathname).toBe('/prom/api/v1/query');
    expect(Number(req?.url.searchParams.get('time'))).toBe(at / 1000);
    expect(req?.url.searchParams.get('query')).toBe('x{version="1\\"} or vector(1) or x{a=\\"",region=\'eu-west-1\'}');
  });

  it('refuses a value outside quotes that is not a plain token, without querying', async () => {
    const obs = await measure(ok('scalar', [1, '1']), { query: 'x > {{ version }}' }, {}, {}, { version: '1 or vector(1)' });
    expect(obs).toMatchObject({ kind: 'error' });
    expect((obs as { message: string }).message).toContain('outside a quoted string');
    expect(server.requests).toHaveLength(0);
  });

  it('POSTs a form when the gate says method: POST', async () => {
    await measure(ok('scalar', [1, '1']), { method: 'POST', query: 'up' });
    const req = server.requests[0];
    expect(req?.method).toBe('POST');
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(req?.body).get('query')).toBe('up');
  });

  it('sends a bearer token and custom headers from the environment', async () => {
    await measure(
      ok('scalar', [1, '1']),
      {},
      { PROM_TOKEN: 'tok-123', TENANT: 'team-a' },
      { bearerTokenEnv: 'PROM_TOKEN', headers: { 'X-Scope-OrgID': { env: 'TENANT' }, 'X-Plain': 'yes' } },
    );
    const h = server.requests[0]?.headers;
    expect(h?.authorization).toBe('Bearer tok-123');
    expect(h?.['x-scope-orgid']).toBe('team-a');
    expect(h?.['x-plain']).toBe('yes');
  });

  it('sends basic auth from the environment', async () => {
    await measure(ok('scalar', [1, '1']), {}, { PU: 'alice', PP: 's3cret!' }, { basicAuth: { usernameEnv: 'PU', passwordEnv: 'PP' } });
    expect(server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('alice:s3cret!').toString('base64')}`);
  });

  it('names a missing auth variable instead of querying without auth', async () => {
    const obs = await measure(ok('scalar', [1, '1']), {}, {}, { bearerTokenEnv: 'PROM_TOKEN' });
    expect(obs).toEqual({ kind: 'error', message: 'provider prom bearer token: environment variable PROM_TOKEN is not set' });
    expect(server.requests).toHaveLength(0);
  });

  it('reads the URL from urlEnv', async () => {
    next = ok('scalar', [1, '7']);
    const port = createMetricsPort({ providers: {} }, { PROM_URL: server.url }, { setSecret: noop });
    const provider = { type: 'prometheus', name: 'prom', urlEnv: 'PROM_URL', timeoutMs: 1000 } as const;
    expect(await port.measure(request(provider, { query: 'up' }))).toMatchObject({ kind: 'value', value: 7 });
  });
});
