/**
 * Adversarial review of the provider safety promises: secrets cut in half by a truncated error
 * excerpt must not leak their first characters; odd number shapes are never a pass.
 */
import { describe, expect, it } from 'vitest';
import { measureHttpJson, jsonPathObservation } from '../src/metrics/http-json.js';
import { measurePrometheus, observationOf } from '../src/metrics/prometheus.js';
import { measureDatadog, datadogObservation } from '../src/metrics/datadog.js';
import { Redactor } from '../src/metrics/secrets.js';
import type { FetchLike } from '../src/metrics/http.js';
import type { Provider } from '../src/plan/types.js';
import { assessObservation } from '../src/core/verdict.js';
import { gate, request } from './support/metrics-fixtures.js';

const SECRET = 'tok-SECRET-abcdefghijklmnopqrstuvwxyz';

function fetchAnswering(status: number, text: string): FetchLike {
  return async () => ({ status, statusText: 'X', text: async () => text });
}

function deps(status: number, text: string) {
  const r = new Redactor();
  r.add(SECRET);
  return { fetch: fetchAnswering(status, text), env: { TOKEN: SECRET, DD_KEY: SECRET, DD_APP: 'app-key-000' }, redact: (t: string) => r.redact(t) };
}

/** Texts where the secret straddles every cut point near `cut`. */
function straddling(cut: number, prefixExtra = 0): string[] {
  const out: string[] = [];
  for (let k = 1; k < SECRET.length; k += 1) out.push('x'.repeat(cut - k + prefixExtra) + SECRET + ' tail');
  return out;
}

const PREFIX = SECRET.slice(0, 6); // 'tok-SE': what leaks when the excerpt ends mid-secret

describe('secrets cut by a truncated excerpt', () => {
  it('http-json error bodies never carry the first characters of a secret', async () => {
    const provider = { type: 'http-json', name: 'json', url: 'http://h', bearerTokenEnv: 'TOKEN', timeoutMs: 1000 } as Provider;
    for (const text of straddling(200)) {
      const obs = await measureHttpJson(deps(500, text), request(provider, { path: '$.v', url: '/q' }));
      expect(obs.kind).toBe('error');
      expect(JSON.stringify(obs)).not.toContain(PREFIX);
    }
  });
  it('a non-JSON answer excerpt never carries the first characters of a secret', async () => {
    const prom = { type: 'prometheus', name: 'prom', url: 'http://h', bearerTokenEnv: 'TOKEN', timeoutMs: 1000 } as Provider;
    const dd = { type: 'datadog', name: 'dd', url: 'http://h', apiKeyEnv: 'DD_KEY', appKeyEnv: 'DD_APP', timeoutMs: 1000 } as Provider;
    const json = { type: 'http-json', name: 'json', url: 'http://h', bearerTokenEnv: 'TOKEN', timeoutMs: 1000 } as Provider;
    for (const text of straddling(120)) {
      for (const [measure, p] of [
        [measurePrometheus, prom],
        [measureDatadog, dd],
        [measureHttpJson, json],
      ] as const) {
        const obs = await measure(deps(200, text), request(p, { path: '$.v', url: '/q', query: 'up' }));
        expect(obs.kind).toBe('error');
        expect(JSON.stringify(obs)).not.toContain(PREFIX);
      }
    }
  });
  it('a JSONPath match that is not a number is quoted without a cut secret', () => {
    for (const text of straddling(80)) {
      const r = new Redactor();
      r.add(SECRET);
      const obs = jsonPathObservation({ v: text }, '$.v', undefined, (t) => r.redact(t));
      expect(obs.kind).toBe('error');
      expect(r.redact(JSON.stringify(obs))).not.toContain(PREFIX);
    }
  });
});

describe('odd numbers are never a pass', () => {
  const g = gate({ max: 0.05 });
  it.each([['NaN'], ['+Inf'], ['-Inf'], ['1e309'], ['-1e309'], ['Inf']])('prometheus scalar %s is no data', (raw) => {
    const obs = observationOf({ resultType: 'scalar', result: [1, raw] }, undefined);
    expect(assessObservation(obs, g).phase).not.toBe('successful');
  });
  it.each([[true], [[0.01]], [{ v: 0.01 }], ['abc'], ['0x1'], [' '], ['']])('http-json %j is not a pass', (v) => {
    const obs = jsonPathObservation({ v }, '$.v', undefined);
    expect(assessObservation(obs, g).phase).not.toBe('successful');
  });
  it('datadog all-null points are no data', () => {
    const obs = datadogObservation(
      [
        {
          pointlist: [
            [1, null],
            [2, null],
          ],
          scope: 'a',
        },
      ],
      undefined,
    );
    expect(obs.kind).toBe('no-data');
    expect(assessObservation(obs, g).phase).toBe('inconclusive');
  });
  it('negative zero and the exact limit pass; a hair above fails', () => {
    expect(assessObservation({ kind: 'value', value: -0 }, gate({ min: 0, max: 0 })).phase).toBe('successful');
    expect(assessObservation({ kind: 'value', value: 0.05 }, g).phase).toBe('successful');
    expect(assessObservation({ kind: 'value', value: 0.05000001 }, g).phase).toBe('failed');
    expect(assessObservation({ kind: 'value', value: 1 }, gate({ min: 1, max: 1 })).phase).toBe('successful');
  });
});

describe('secrets in escaped forms', () => {
  it('a secret echoed inside a raw JSON body (quotes and backslashes escaped) is scrubbed', async () => {
    const secret = 'p"w\\SECRET-Z9';
    const r = new Redactor();
    r.add(secret);
    const body = JSON.stringify({ error: `invalid token ${secret}` });
    const provider = { type: 'http-json', name: 'json', url: 'http://h', bearerTokenEnv: 'TOKEN', timeoutMs: 1000 } as Provider;
    const obs = await measureHttpJson(
      { fetch: fetchAnswering(401, body), env: { TOKEN: secret }, redact: (t) => r.redact(t) },
      request(provider, { path: '$.v', url: '/q' }),
    );
    expect(obs.kind).toBe('error');
    expect(JSON.stringify(obs)).not.toContain('SECRET-Z9');
  });
});
