/**
 * The two writers of the CLI's terminal output, in process: colour.ts (when to colour, and that
 * colour is added after escaping, so text from outside never carries a control character or a
 * runner command) and fit.ts (the width, and rows fitted into it without losing a word).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colourWanted, render, span, styled, type Part, type Style } from '../src/cli/colour.js';
import { fitLine, fitRow, outputWidth } from '../src/cli/fit.js';
import { progressLine } from '../src/cli/simulate-format.js';
import { guardLog } from '../src/report/untrusted.js';

const OWN_SGR = /\u001b\[(1|2|22|31|32|33|39)m/g;
const STYLES: Style[] = ['failed', 'passed', 'attention', 'dim', 'bold'];

/** Text an attacker would like to print: escapes, bells, line breaks, runner commands. */
const hostile = fc.string({
  unit: fc.constantFrom('a', ' ', ':', '#', '[', '\u001b', '\u0007', '\u009b', '\n', '\r', '\t', '::error::x', '##[warning]', '\u001b[2J', '\u0085'),
  maxLength: 30,
});
const part: fc.Arbitrary<Part> = fc.oneof(hostile, fc.record({ style: fc.constantFrom(...STYLES), text: hostile }));

describe('colour.ts: when', () => {
  type Stream = Parameters<typeof colourWanted>[0];
  const tty: Stream = { isTTY: true, hasColors: () => true };
  const pipe: Stream = { isTTY: false };
  it.each<[Stream, NodeJS.ProcessEnv, boolean]>([
    [tty, {}, true],
    [pipe, {}, false],
    [pipe, { FORCE_COLOR: '1' }, true],
    [pipe, { FORCE_COLOR: '3' }, true],
    [tty, { FORCE_COLOR: '0' }, false],
    [tty, { FORCE_COLOR: 'false' }, false],
    [tty, { NO_COLOR: '1' }, false],
    [pipe, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    // An empty value is no value (no-color.org, force-color.org).
    [tty, { NO_COLOR: '' }, true],
    [pipe, { FORCE_COLOR: '' }, false],
    [{ isTTY: true, hasColors: () => false }, {}, false],
  ])('%o with %o: %s', (stream, env, want) => {
    expect(colourWanted(stream, env)).toBe(want);
  });

  it('asks the terminal without NO_COLOR/FORCE_COLOR (they are settled already)', () => {
    let seen: object | undefined;
    colourWanted({ isTTY: true, hasColors: (env) => ((seen = env), true) }, { NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm' });
    expect(seen).toEqual({ TERM: 'xterm' });
  });
});

describe('colour.ts: render', () => {
  it('without colour is exactly the log writer’s text', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        expect(render(styled(...parts), false)).toBe(guardLog(styled(...parts).toString()));
      }),
    );
  });

  it('with colour, no control character but the CLI’s own SGR codes and line breaks, no runner command, same text', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const out = render(styled(...parts), true);
        const bare = out.replace(OWN_SGR, '');
        // Tabs pass, as in every log line, and so does U+0085: guardLog leaves it (src/report/untrusted.ts).
        expect(bare).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u0084\u0086-\u009f]/);
        for (const line of out.split('\n')) {
          expect(line).not.toMatch(/^[\s\u0085]*::/);
          expect(line).not.toContain('##[');
        }
        // Each styled part opens and closes its colour on its own line.
        for (const line of out.split('\n')) expect((line.match(/\u001b\[(1|2|31|32|33)m/g) ?? []).length).toBe((line.match(/\u001b\[(22|39)m/g) ?? []).length);
      }),
    );
  });

  it('paints the CLI’s words, and an ESC inside them is shown, not sent', () => {
    expect(render(styled(span('failed', 'FAILED'), ' x'), true)).toBe('\u001b[31mFAILED\u001b[39m x');
    expect(render(styled(span('bold', 'a\u001b[5mb')), true)).toBe('\u001b[1ma\\u001b[5mb\u001b[22m');
    // A plain string is never painted, whatever it holds.
    expect(render('\u001b[31mred', true)).toBe('\\u001b[31mred');
  });
});

describe('fit.ts', () => {
  it('the width: a terminal’s columns, else COLUMNS, else none', () => {
    expect(outputWidth({ isTTY: true, columns: 90 }, { COLUMNS: '40' })).toBe(90);
    expect(outputWidth({ isTTY: true, columns: 0 }, { COLUMNS: '40' })).toBe(40);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '40' })).toBe(40);
    expect(outputWidth({ isTTY: false }, {})).toBeUndefined();
    expect(outputWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBeUndefined();
  });

  const words = fc.array(fc.stringMatching(/^[a-z0-9:()%.-]{1,30}$/), { maxLength: 20 });

  it('a row fits any width of 10 or more, and keeps every word of the reason in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 200 }), fc.integer({ min: 0, max: 90 }), words, (max, headWidth, why) => {
        const head: Part[] = ['#'.repeat(headWidth)];
        const lines = fitRow(head, [span('failed', why.join(' '))], max).map(String);
        for (const l of lines) expect([...l].length).toBeLessThanOrEqual(max);
        const tail = lines.join(' ').replace(/^#+/, '').split(/\s+/).filter(Boolean).join('');
        expect(tail).toBe(why.join(''));
      }),
    );
  });

  it('a prose line fits and keeps its words; without a width it is left alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 120 }), words, (max, ws) => {
        const lines = fitLine(ws.join(' '), max).map(String);
        for (const l of lines) expect([...l].length).toBeLessThanOrEqual(max);
        expect(lines.join(' ').split(/\s+/).filter(Boolean).join('')).toBe(ws.join(''));
      }),
    );
    expect(fitLine('x '.repeat(200), undefined)).toEqual(['x '.repeat(200)]);
  });

  it('a control character is measured as the writer shows it (\\u0007: six columns)', () => {
    const line = `gate says ${'\u0007'.repeat(8)} and more words here`;
    const lines = fitLine(line, 20).map((l) => render(l, false));
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(20);
    const row = fitRow(['head  '], [line], 30).map((l) => render(l, true).replace(OWN_SGR, ''));
    for (const l of row) expect([...l].length).toBeLessThanOrEqual(30);
  });

  it('the reason wraps beside the row when there is room, under it when there is not', () => {
    const rows = fitRow(['REGION  '], ['one two three four five six seven eight'], 34).map(String);
    expect(rows).toEqual(['REGION  one two three four five', '        six seven eight']);
    const under = fitRow(['a-long-region-column  '], ['why it failed'], 30).map(String);
    expect(under).toEqual(['a-long-region-column', '    why it failed']);
  });
});

describe('simulate-format.ts: the plain progress line (the Prometheus demo prints it as is)', () => {
  it('is the styled line’s text, its coloured event column included', () => {
    const line = progressLine(
      { at: 60_000, kind: 'region-failed', reasonCode: 'gate-failed', reason: 'gate errors failed', stage: 'canary', region: 'us-east-1', step: 0 },
      0,
      false,
    );
    expect(line).toBe(`T+00:01:00  canary     us-east-1        step 1  ${'region-failed'.padEnd(28)} gate errors failed`);
  });
});
