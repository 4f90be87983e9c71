import { describe, expect, it } from 'vitest';
import { formatBound, parseBound } from '../src/plan/tolerance.js';

describe('a comparison bound in plan words', () => {
  it.each([
    ['baseline * 1.2 + 0.001', { factor: 1.2, offset: 0.001 }],
    ['baseline*1.2+0.001', { factor: 1.2, offset: 0.001 }],
    ['baseline', { factor: 1, offset: 0 }],
    ['baseline + 5', { factor: 1, offset: 5 }],
    ['baseline * 0.9 - 0.002', { factor: 0.9, offset: -0.002 }],
    ['1.5 * baseline', { factor: 1.5, offset: 0 }],
    ['Baseline * 2', { factor: 2, offset: 0 }],
    ['baseline * 1e0 + 1e-3', { factor: 1, offset: 0.001 }],
  ])('%s', (text, bound) => {
    expect(parseBound(text)).toEqual(bound);
  });

  it.each([
    'canary * 1.2',
    'baseline * -1',
    'baseline * 0',
    'baseline / 2',
    'baseline * 1.2 + x',
    '1.2',
    'baseline ** 2',
    '',
    'baseline * 1.2 + 0.001; rm -rf',
  ])('refuses %j', (text) => {
    expect(parseBound(text)).toBeUndefined();
  });

  it('reads back as plan words', () => {
    expect(formatBound({ factor: 1.2, offset: 0.001 })).toBe('baseline * 1.2 + 0.001');
    expect(formatBound({ factor: 1, offset: -2 })).toBe('baseline - 2');
    expect(formatBound({ factor: 1.5, offset: 0 })).toBe('baseline * 1.5');
  });
});
