/**
 * Issue 10, items 7 and 11, below the bundle: the neutralisers of untrusted text (properties
 * with fast-check, and the runner's own command parser as the judge), the log writer's guard,
 * the release summary with hostile reasons, and fitting in bytes (multi-byte characters and
 * surrogate pairs at the cut, whole rows only, the ledger text counted in bytes).
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { initialState, type State } from '../src/core/state.js';
import { BACKEND_TEXT_MAX, createMetricsPort } from '../src/metrics/registry.js';
import { decodeEnvelope, encodeEnvelope, LEDGER_FORMAT, LEDGER_VERSION, type LedgerEnvelope } from '../src/github/envelope.js';
import { releaseSummary } from '../src/report/summary.js';
import { cutToBytes, fitSummary } from '../src/report/text.js';
import { guardLog, htmlText, markdownText, oneLine, safeLinkTarget } from '../src/report/untrusted.js';
import * as io from '../src/runner/io.js';
import { gate, makePlan, stage } from './support/plans.js';
import { runnerCommands } from './support/runner-commands.js';

const EVIL = [
  '\n::error::pwned',
  '::add-mask::x',
  '::stop-commands::abc',
  '%0A::warning::x',
  '| a | b |',
  '<img src=x>',
  '[x](http://evil)',
  '<!-- c -->',
  '\r::set-output name=a::b',
  ' \u0085::error::nel',
  '\u2028::error::ls',
  'x ##[error]v1',
  '\u001b[31mred',
];
/** Strings built from the pieces that make commands, Markdown and HTML, plus any text. */
const hostile = fc.oneof(
  fc.constantFrom(...EVIL),
  fc.string({
    unit: fc.constantFrom(
      ':',
      '#',
      '[',
      ']',
      ' ',
      '\n',
      '\r',
      '\u0085',
      '\u2028',
      '\t',
      'a',
      '%',
      'error',
      'add-mask',
      '|',
      '<',
      '>',
      '`',
      '\\',
      '!',
      '&',
      '*',
      '_',
    ),
  }),
  fc.string({ unit: 'binary' }),
);

const LINE_BREAKS = /[\n\r\v\f\u0085\u2028\u2029]/;
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;
const MD_SPECIAL = /[\\`*_[\]<>#|~!&$]/;

describe('log text', () => {
  it('oneLine: no line break and no control character survives; plain text is unchanged', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = oneLine(s);
        expect(out).not.toMatch(LINE_BREAKS);
        expect(out).not.toMatch(CONTROLS);
      }),
      { numRuns: 500 },
    );
    expect(oneLine('value 0.4 is above max 0.05')).toBe('value 0.4 is above max 0.05');
    expect(oneLine('boom\n::error::pwned\r\nx')).toBe('boom\\n::error::pwned\\nx');
  });

  it('guardLog: the runner finds no command in anything it lets through, whatever the text', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        expect(runnerCommands(guardLog(a))).toEqual([]);
        expect(runnerCommands(guardLog(`${a}\n${b}`))).toEqual([]);
        expect(runnerCommands(guardLog(`eu-west: gate-failed: ${oneLine(a)}`))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('guardLog keeps ordinary lines and JSON as they are, and a defused `##[` still parses as the same JSON', () => {
    const text = 'GATES\nok   errors @ canary/eu-west step 1 (50%) [prom]\n     request: errors{region="eu-west"}';
    expect(guardLog(text)).toBe(text);
    const json = JSON.stringify({ message: 'x ##[error]y', list: ['::error::z'] }, null, 2);
    expect(JSON.parse(guardLog(json))).toEqual(JSON.parse(json));
    expect(runnerCommands(guardLog(json))).toEqual([]);
    expect(guardLog('  ::error::pwned')).toBe('  \\::error::pwned');
  });

  it('the log writer (info, logLine) starts no runner command; logLine writes exactly one line', () => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    try {
      for (const e of EVIL) io.info(`verdict: ${e}`);
      io.logLine(`eu-west: gate-failed: ${EVIL.join(' ')}`);
    } finally {
      spy.mockRestore();
    }
    expect(runnerCommands(out)).toEqual([]);
    expect(out).toContain('::error::pwned');
    const last = out.trimEnd().split('\n').at(-1) ?? '';
    expect(last).toContain('eu-west: gate-failed: \\n::error::pwned ::add-mask::x');
    // Our own commands still work: they do not go through info.
    out = '';
    const again = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    try {
      io.warning('gate: \n::error::pwned');
    } finally {
      again.mockRestore();
    }
    expect(runnerCommands(out).map((c) => [c.command, c.data])).toEqual([['warning', 'gate: \n::error::pwned']]);
  });
});

/** What CommonMark shows for backslash-escaped punctuation: the character itself. */
const unescapeMarkdown = (s: string) => s.replace(/\\([\\`*_[\]<>#|~!&$])/g, '$1');

describe('Markdown and HTML text', () => {
  it('markdownText: every special character is escaped, no line break is left, and the text reads back as written', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = markdownText(s);
        expect(out).not.toMatch(LINE_BREAKS);
        // Take away the escaped pairs: nothing special is left unescaped.
        expect(out.replace(/\\[\\`*_[\]<>#|~!&$]/g, '')).not.toMatch(MD_SPECIAL);
        if (!CONTROLS.test(s)) expect(unescapeMarkdown(out)).toBe(s.replace(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/g, ' '));
      }),
      { numRuns: 500 },
    );
  });

  it('a label value cannot add a table row, a link, an image or an HTML comment', () => {
    const cellText = markdownText('x | y |\n| injected | row |<img src=x>[x](http://evil)<!-- c -->![i](http://evil/i.png)');
    expect(cellText).toBe('x \\| y \\| \\| injected \\| row \\|\\<img src=x\\>\\[x\\](http://evil)\\<\\!-- c --\\>\\!\\[i\\](http://evil/i.png)');
  });

  it('htmlText: no tag can open or close, and entities decode back to the text', () => {
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    fc.assert(
      fc.property(hostile, (s) => {
        const out = htmlText(s);
        expect(out).not.toMatch(/[<>"']/);
        expect(out.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
        if (!CONTROLS.test(s)) expect(decode(out)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('links only to http(s) URLs that cannot break the Markdown', () => {
    expect(safeLinkTarget('https://github.com/acme/shop/actions/runs/1')).toBe('https://github.com/acme/shop/actions/runs/1');
    for (const bad of ['javascript:alert(1)', 'https://x/)[y](http://evil', 'https://x/ y', 'https://x/<img>', undefined])
      expect(safeLinkTarget(bad)).toBeUndefined();
  });

  it('the release summary quotes hostile reasons and run statuses escaped, one row per region', () => {
    const plan = makePlan({ stages: [stage('all', ['eu-west', 'us-east'])] });
    const state = initialState(plan, 'app-1.0.0', '1.0.0');
    const bad = `boom\n| x | y |\n<img src=x> [x](http://evil) <!-- c --> \`code\` **b**`;
    state.history.push({ at: 0, kind: 'gate-failed', region: 'eu-west', step: 0, gate: 'errors', reasonCode: 'gate-failed', reason: bad });
    const eu = state.regions['eu-west'];
    if (eu)
      Object.assign(eu, {
        phase: 'failed',
        runs: [{ kind: 'deploy', step: 0, correlationId: 'c', dispatchedAt: 0, deadline: 1, runId: 7, htmlUrl: 'https://x/)[y](http://evil', done: false }],
      });
    state.pause = { reasonCode: 'gate-inconclusive', reason: bad } as State['pause'];
    const md = releaseSummary(state, plan, { runStatus: () => 'waiting <img src=y>' });
    expect(md).not.toMatch(/(?<!\\)<(img|!--)/);
    expect(md).not.toMatch(/(?<!\\)\[x\]/);
    expect(md).not.toContain('(http://evil)[');
    expect(md).toContain('\\<img src=x\\>');
    expect(md).toContain('waiting \\<img src=y\\>');
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    expect(table).toHaveLength(2 + 2);
  });
});

/** Whether `s` has a UTF-16 surrogate without its other half. */
const loneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('fitting in bytes', () => {
  it.each([
    ['an emoji (surrogate pair, 4 bytes) across the cut', 'a'.repeat(9) + '😀', 10, 'a'.repeat(9)],
    ['an emoji that fits exactly', 'a'.repeat(6) + '😀b', 10, 'a'.repeat(6) + '😀'],
    ['a 2-byte character across the cut', 'a'.repeat(9) + 'é', 10, 'a'.repeat(9)],
    ['a 3-byte mark across the cut', 'a'.repeat(8) + '✅', 10, 'a'.repeat(8)],
    ['a 3-byte mark that fits', 'a'.repeat(7) + '✅', 10, 'a'.repeat(7) + '✅'],
    ['an emoji with its variation selector (6 bytes) is kept whole', '↩️↩️↩️', 11, '↩️'],
    ['a flag (two regional indicators) is kept whole', 'ab🇩🇪', 7, 'ab'],
  ])('cutToBytes: %s', (_what, text, max, want) => {
    const cut = cutToBytes(text, max);
    expect(cut).toBe(want);
    expect(bytes(cut)).toBeLessThanOrEqual(max);
    expect(loneSurrogate(cut)).toBe(false);
  });

  it('cutToBytes: the longest prefix of whole characters (grapheme clusters) within the limit, for any text', () => {
    const graphemes = (s: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(fc.constantFrom('a', 'é', '✅', '↩️', '😀', '🇩🇪', '\u0301', '\uFE0F'), fc.string({ unit: 'binary', maxLength: 1 })),
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 120 }),
        (s, max) => {
          const cut = cutToBytes(s, max);
          expect(s.startsWith(cut)).toBe(true);
          expect(bytes(cut)).toBeLessThanOrEqual(max);
          if (!loneSurrogate(s)) expect(loneSurrogate(cut)).toBe(false);
          // It ends on a cluster boundary of the text, and the next whole cluster would not fit.
          const whole = graphemes(s);
          let at = 0;
          let i = 0;
          while (at < cut.length) at += (whole[i++] ?? '').length;
          expect(at).toBe(cut.length);
          const next = whole[i];
          if (next !== undefined) expect(bytes(cut + next)).toBeGreaterThan(max);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('fitSummary counts bytes: 40,000 marks (120,000 bytes, 40,000 characters) are cut, on a line end, with a note', () => {
    const row = '| r | ✅ promoted |';
    const md = Array.from({ length: 4000 }, () => row).join('\n') + '\n' + '✅'.repeat(40_000);
    const fitted = fitSummary(md);
    expect(bytes(fitted)).toBeLessThanOrEqual(65_535);
    const lines = fitted.split('\n');
    const rows = lines.filter((l) => l.startsWith('|'));
    for (const r of rows) expect(r).toBe(row);
    expect(fitted).toContain('summary cut to fit the limit of 65,535 bytes');
  });

  it('fitSummary: one line over the limit is cut on a character boundary, never half an emoji', () => {
    const fitted = fitSummary('😀'.repeat(20_000), 1000);
    expect(bytes(fitted)).toBeLessThanOrEqual(1000);
    expect(loneSurrogate(fitted)).toBe(false);
  });

  it('the release summary of 1,100 regions fits in 65,535 bytes, leaves out whole rows (pending first) and says how many', () => {
    const regions = Array.from({ length: 1100 }, (_, i) => `region-${String(i).padStart(4, '0')}`);
    const plan = makePlan({ stages: [stage('all', regions)] });
    const state = initialState(plan, 'app-1.0.0', '1.0.0');
    // The first 600 promoted, one late region deploying: the ones in flight stay in view.
    for (const name of regions.slice(0, 600)) Object.assign(state.regions[name] ?? {}, { phase: 'promoted' });
    Object.assign(state.regions['region-1099'] ?? {}, { phase: 'deploying' });
    const md = releaseSummary(state, plan);
    expect(bytes(md)).toBeLessThanOrEqual(65_535);
    const rows = md.split('\n').filter((l) => l.startsWith('| region-'));
    for (const r of rows) expect(r).toMatch(/^\| region-\d{4} \| all \| .* \|$/);
    expect(rows.some((r) => r.startsWith('| region-1099 |'))).toBe(true);
    expect(rows.some((r) => r.startsWith('| region-0000 |'))).toBe(true);
    const left = 1100 - rows.length;
    expect(left).toBeGreaterThan(0);
    expect(md).toContain(
      `_Rows for ${left.toLocaleString('en-US')} of 1,100 regions left out, all pending, to fit the limit of 65,535 bytes: the job summary of the run driving the release has the full table._`,
    );
    // A job summary (1 MiB) keeps them all.
    expect(
      releaseSummary(state, plan, { maxBytes: 1024 * 1024 })
        .split('\n')
        .filter((l) => l.startsWith('| region-')),
    ).toHaveLength(1100);
  });

  it('the ledger text counts bytes: JSON under 65,535 characters but over 65,535 bytes is compressed, and gzip ledgers still read', () => {
    const state = { schemaVersion: 2, history: Array.from({ length: 700 }, (_, i) => ({ at: i, reason: `↩️ ${'✅'.repeat(30)} ${i}` })) };
    const env: LedgerEnvelope = { format: LEDGER_FORMAT, version: LEDGER_VERSION, releaseId: 'app-1.0.0', annotated: [], state };
    const json = JSON.stringify(env);
    expect(json.length).toBeLessThan(65_535);
    expect(bytes(json)).toBeGreaterThan(65_535);
    const text = encodeEnvelope(env);
    expect(bytes(text)).toBeLessThanOrEqual(65_535);
    expect(decodeEnvelope(text).state).toEqual(state);
    const old = `gzip+base64:${gzipSync(json).toString('base64')}`;
    expect(decodeEnvelope(old).state).toEqual(state);
  });
});

describe('backend text is bounded before it reaches the state', () => {
  it('a megabyte of Prometheus error text or series labels becomes at most 1,000 characters', async () => {
    const plan = makePlan();
    const huge = `${'x'.repeat(500)}\n::error::pwned ${'y'.repeat(1_000_000)}`;
    const answers = [
      { status: 400, body: { status: 'error', errorType: 'bad_data', error: huge } },
      {
        status: 200,
        body: {
          status: 'success',
          data: {
            resultType: 'vector',
            result: [
              { metric: { pod: huge }, value: [0, '1'] },
              { metric: { pod: 'b' }, value: [0, '2'] },
            ],
          },
        },
      },
    ];
    for (const a of answers) {
      const port = createMetricsPort(
        plan,
        {},
        { setSecret: () => undefined, fetch: async () => ({ status: a.status, statusText: '', text: async () => JSON.stringify(a.body) }) },
      );
      const obs = await port.measure({
        gate: gate('errors'),
        provider: plan.providers.prom as never,
        context: { releaseId: 'app-1', version: '1', stage: 'one', region: 'us-east-1', step: { index: 0, traffic: 100 }, vars: {} },
        at: 0,
      });
      expect(obs.kind).toBe('error');
      const text = obs.kind === 'error' ? obs.message : '';
      expect(text.length).toBeLessThanOrEqual(BACKEND_TEXT_MAX);
      expect(text).toContain('xxx');
      expect(text.endsWith('…')).toBe(true);
    }
  });
});
