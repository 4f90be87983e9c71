/**
 * Secrets never leave a provider (backends that echo credentials, URLs with userinfo), and
 * template values are escaped or refused for the language they land in.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { escapeDatadogTag, escapePromqlString, renderFor, UnsafeValueError, unsafeTemplateValues } from '../src/plan/escape.js';
import { createMetricsPort } from '../src/metrics/registry.js';
import { Redactor } from '../src/metrics/secrets.js';
import { loadPlanText } from '../src/plan/load.js';
import type { Provider } from '../src/plan/types.js';
import { edit } from './fixtures/base-plan.js';
import { request } from './support/metrics-fixtures.js';
import { startRecordedServer, type RecordedServer } from './support/recorded-server.js';
import { runRelease } from '../src/driver/interpreter.js';
import { NO_DOUBTS, rolesOf } from '../src/driver/roles.js';
import { VirtualClock } from '../src/simulate/clock.js';
import { EmulatedGitHub } from '../src/simulate/github.js';
import { emptyScenario } from '../src/simulate/scenario.js';

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
      if (req.url.pathname.endsWith('/labels'))
        return {
          body: {
            status: 'success',
            data: {
              resultType: 'vector',
              result: [
                { metric: { token: echo }, value: [1, '1'] },
                { metric: { token: 'x' }, value: [1, '2'] },
              ],
            },
          },
        };
      return { status: 401, body: { status: 'error', errorType: 'unauthorized', error: `invalid credentials: ${echo}`, errors: [`invalid key ${echo}`] } };
    });
    const capture = (chunk: unknown) => {
      output.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    for (const level of ['log', 'warn', 'error', 'info', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation((...a: unknown[]) => void output.push(a.map(String).join(' ')));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('masks every secret and lets none through any observation or output', async () => {
    const providers: Record<string, Provider> = {
      bearer: {
        type: 'prometheus',
        name: 'bearer',
        url: server.url,
        bearerTokenEnv: 'TOKEN',
        headers: { 'X-Key': { env: 'TOKEN' } },
        timeoutMs: 2000,
      } as Provider,
      basic: {
        type: 'prometheus',
        name: 'basic',
        url: `${server.url}/labels`,
        basicAuth: { usernameEnv: 'USER', passwordEnv: 'PASSWORD' },
        timeoutMs: 2000,
      } as Provider,
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

  it('a whole release against an echoing backend keeps the secret out of state, ledger and history', async () => {
    const text = edit(
      ['    url: https://prom.example.com\n', `    url: ${server.url}\n    bearerTokenEnv: TOKEN\n`],
      ['    max: 1\n', '    max: 1\n    interval: 1m\n'],
    );
    const loaded = loadPlanText(text, 'plan.yml', { workflowsDir: false });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const plan = loaded.plan!;
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const github = new EmulatedGitHub({ clock, scenario: emptyScenario(), seed: 1, runMs: 1000 });
    const metrics = createMetricsPort(plan, { TOKEN }, { setSecret: () => {} });
    const lines: string[] = [];
    const result = await runRelease({
      plan,
      version: '1.0.0',
      releaseId: 'app-1.0.0',
      ref: 'main',
      ports: { ...rolesOf(github, NO_DOUBTS), metrics, clock },
      mode: 'run',
      onTransition: (e) => lines.push(JSON.stringify(e)),
      onWarning: (m) => lines.push(m),
    });
    expect(result.decision).not.toBe('promoted');
    const everything = [JSON.stringify(result.state), JSON.stringify(result.events), JSON.stringify(github.ledger), result.reason, ...lines, ...output].join(
      '\n',
    );
    expect(everything).toContain('invalid credentials: Bearer ***');
    expect(everything).not.toContain(TOKEN);
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
    // A quote in a comment opens no string: the value after it is still bare, and refused.
    expect(() => renderFor('promql', "# don't\nup > {{ version }}", { version: '1 or vector(1)' })).toThrow(/outside a quoted string/);
    expect(() => renderFor('promql', '# v={{ version }}\nup', { version: 'x\nvector(1)' })).toThrow(/line break/);
    expect(renderFor('promql', '# "{{ version }}"\nup{v="{{ version }}"}', { version: 'a b' })).toBe('# "a b"\nup{v="a b"}');
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
    // The loader refuses the plan at the gate's line, naming the gate, field and value.
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^gates\.errors\.query: \{\{ vars\.threshold \}\} = '0 or vector\(1\)'/);
    expect(errors[0]?.line).toBeGreaterThan(1);
    expect(loaded.plan).toBeUndefined();
    // The same plan, made without the loader's refusal, shows the single problem directly.
    const plan = loadPlanText(
      edit(['regions: [us-east-1]', 'regions: [us-east-1, eu-west-1]'], ['query: up{region="{{ region }}"}', 'query: up{region="{{ region }}"} > 1']),
      'plan.yml',
      { workflowsDir: false },
    ).plan!;
    plan.variables.threshold = '0 or vector(1)';
    plan.gates.errors!.query = 'up{region="{{ region }}"} > {{ vars.threshold }}';
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

describe('escaping properties', () => {
  /** Reads a PromQL double-quoted literal starting at `start` (the opening quote); returns its value and end. */
  function readLiteral(text: string, start: number): { value: string; end: number } {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" };
    let value = '';
    for (let i = start + 1; i < text.length; i++) {
      const ch = text[i] as string;
      if (ch === '"') return { value, end: i };
      if (ch === '\\') {
        const next = text[++i] as string;
        if (next === 'x') {
          value += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
          i += 2;
        } else value += map[next] ?? `?${next}`;
      } else value += ch;
    }
    throw new Error('unterminated literal');
  }

  it('any value in a PromQL label literal decodes back to itself and never ends the literal early', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (v) => {
        const text = renderFor('promql', 'up{v="{{ version }}"} > 0', { version: v });
        const lit = readLiteral(text, text.indexOf('"'));
        return lit.value === v && text.slice(lit.end) === '"} > 0';
      }),
      { numRuns: 500 },
    );
  });

  it('any value in a URL stays one component', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (v) => {
        const url = new URL(`http://x${renderFor('url', '/a/{{ v }}?q={{ v }}', { v })}`);
        return (
          url.pathname.split('/').length === 3 &&
          decodeURIComponent(url.pathname.split('/')[2] ?? '') === v &&
          url.searchParams.get('q') === v &&
          [...url.searchParams.keys()].length === 1
        );
      }),
      { numRuns: 500 },
    );
  });
});
