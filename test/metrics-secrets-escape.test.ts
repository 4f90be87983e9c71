/**
 * Secrets never leave a provider (backends that echo credentials, URLs with userinfo), and
 * template values are escaped or refused for the language they land in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { escapeDatadogTag, escapePromqlString, renderFor, UnsafeValueError, unsafeTemplateValues } from '../src/metrics/escape.js';
import { createMetricsPort } from '../src/metrics/registry.js';
import { Redactor } from '../src/metrics/secrets.js';
import { loadPlanText } from '../src/plan/load.js';
import type { Provider } from '../src/plan/types.js';
import { edit } from './fixtures/base-plan.js';
import { request } from './support/metrics-fixtures.js';
import { startRecordedServer, type RecordedServer } from './support/recorded-server.js';

const TOKEN = 'tok-SECRET-9f8e7d';
const PASSWORD = 'pw-SECRET-a1b2c3';
const DD_KEY = 'ddkey-SECRET-0042';

describe('secrets', () => {
  let server: RecordedServer;
  const output: string[] = [];
  beforeAll(async () => {
    // A hostile backend: echoes every credential it got, in the error body and in series labels.
    server = await startRecordedServer((req) => {
      const echo = `${req.headers.authorization ?? ''} ${String(req.headers['dd-api-key'] ?? '')} ${req.headers['x-key'] ?? ''} ${Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString()}`;
      if (req.url.pathname.endsWith('/labels')) return { body: { status: 'success', data: { resultType: 'vector', result: [{ metric: { token: echo }, value: [1, '1'] }, { metric: { token: 'x' }, value: [1, '2'] }] } } };
      return { status: 401, body: { status: 'error', errorType: 'unauthorized', error: `invalid credentials: ${echo}`, errors: [`invalid key ${echo}`] } };
    });
    const capture = (chunk: unknown) => {
      output.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    for (const level of ['log', 'warn', 'error', 'info', 'debug'] as const) vi.spyOn(console, level).mockImplementation((...a: unknown[]) => void output.push(a.map(String).join(' ')));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('masks every secret and lets none through any observation or output', async () => {
    const providers: Record<string, Provider> = {
      bearer: { type: 'prometheus', name: 'bearer', url: server.url, bearerTokenEnv: 'TOKEN', headers: { 'X-Key': { env: 'TOKEN' } }, timeoutMs: 2000 } as Provider,
      basic: { type: 'prometheus', name: 'basic', url: `${server.url}/labels`, basicAuth: { usernameEnv: 'USER', passwordEnv: 'PASSWORD' }, timeoutMs: 2000 } as Provider,
      userinfo: { type: 'prometheus', name: 'userinfo', urlEnv: 'PROM_URL', timeoutMs: 2000 } as Provider,
      dd: { type: 'datadog', name: 'dd', url: server.url, apiKeyEnv: 'DD_KEY', appKeyEnv: 'DD_APP', timeoutMs: 2000 } as Provider,
      json: { type: 'http-json', name: 'json', url: server.url, bearerTokenEnv: 'TOKEN', timeoutMs: 2000 } as Provider,
    };
    const env = { TOKEN, USER: 'robot', PASSWORD, DD_KEY, DD_APP: 'app-SECRET-77', PROM_URL: `http://robot:${PASSWORD}@127.0.0.1:9/prom` };
    const masked: string[] = [];
    const port = createMetricsPort({ providers }, env, { setSecret: (v) => masked.push(v) });
    expect(masked).toEqual(expect.arrayContaining([TOKEN, PASSWORD, DD_KEY, 'app-SECRET-77']));

    const texts: string[] = [];
    for (const p of Object.values(providers)) {
      const obs = await port.measure(request(p, { query: 'up', path: '$.x', url: '/q' }));
      texts.push(JSON.stringify(obs));
    }
    const all = [...texts, ...output].join('\n');
    // The backend did receive the credentials (the test would prove nothing otherwise)...
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(texts.join('\n')).toContain('***');
    // ...and none came back out, in any encoding.
    for (const secret of [TOKEN, PASSWORD, DD_KEY, 'app-SECRET-77', Buffer.from(`robot:${PASSWORD}`).toString('base64')]) {
      expect(all).not.toContain(secret);
    }
  });

  it('the redactor scrubs encoded forms and URL credentials', () => {
    const r = new Redactor();
    r.add('p@ss word');
    expect(r.redact('a p@ss word b p%40ss%20word c https://u:x@host/path')).toBe('a *** b *** c https://***@host/path');
  });
});

describe('escaping', () => {
  it('escapes PromQL string values', () => {
    expect(escapePromqlString('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(escapePromqlString("it's", "'")).toBe("it\\'s");
  });

  it('escapes by the place a value lands in PromQL', () => {
    const values = { region: 'eu-west-1', version: '1.0"}', window: '5m' };
    expect(renderFor('promql', 'rate(x{v="{{ version }}"}[{{ window }}])', values)).toBe('rate(x{v="1.0\\"}"}[5m])');
    expect(() => renderFor('promql', 'x{v=~{{ version }}}', values)).toThrow(UnsafeValueError);
    expect(() => renderFor('promql', 'x{v=`{{ version }}`}', { version: 'a`b' })).toThrow(/backtick/);
    expect(renderFor('promql', 'x{v=`{{ version }}`}', { version: 'a"b' })).toBe('x{v=`a"b`}');
  });

  it('Datadog tags are lower-cased or refused', () => {
    expect(escapeDatadogTag('EU-West-1')).toBe('eu-west-1');
    expect(() => escapeDatadogTag('a,env:dev')).toThrow(UnsafeValueError);
    expect(() => escapeDatadogTag('a}')).toThrow(UnsafeValueError);
  });

  it('URL and JSON values cannot break structure', () => {
    expect(renderFor('url', '/x/{{ v }}?q={{ v }}', { v: 'a/b&c=d' })).toBe('/x/a%2Fb%26c%3Dd?q=a%2Fb%26c%3Dd');
    expect(JSON.parse(renderFor('json', '{"a": "{{ v }}"}', { v: '"}, "b": "x' }))).toEqual({ a: '"}, "b": "x' });
  });

  it('unsafeTemplateValues finds plan values that cannot be made safe, once per problem', () => {
    const loaded = loadPlanText(
      edit(
        ['name: app\n', 'name: app\nvariables:\n  job: "api, env:dev"\n  threshold: "0 or vector(1)"\n'],
        ['query: up{region="{{ region }}"}', 'query: up{region="{{ region }}"} > {{ vars.threshold }}'],
        ['regions: [us-east-1]', 'regions: [us-east-1, eu-west-1]'],
      ),
      'plan.yml',
      { workflowsDir: false },
    );
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const plan = loaded.plan!;
    const problems = unsafeTemplateValues(plan);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ gate: 'errors', field: 'query', stage: 'one', region: 'us-east-1', step: 0 });
    expect(problems[0]?.message).toContain('{{ vars.threshold }}');
    // A safe plan has none; the version is checked as given.
    plan.gates.errors!.query = 'up{region="{{ region }}",v="{{ version }}"}';
    expect(unsafeTemplateValues(plan, '1.2.3"} or x')).toEqual([]);
    plan.gates.errors!.query = 'up > {{ version }}';
    expect(unsafeTemplateValues(plan, '1 or x')).toHaveLength(1);
  });
});
