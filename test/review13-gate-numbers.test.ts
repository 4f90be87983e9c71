/**
 * Review 13: a gate's numbers against its limit must never read as a false or empty comparison.
 */
import { describe, expect, it } from 'vitest';
import { againstLimits } from '../src/report/observed-range.js';

describe('review13: gate numbers rounded to four digits', () => {
  it('a value just above max 0.01 does not read "0.01 > 0.01"', () => {
    const text = againstLimits({ lo: 0.0100004, hi: 0.0100004 }, undefined, 0.01);
    expect(text).not.toBe('0.01 > 0.01');
  });
  it('a latency of 12,346 ms above max 12,345.5 does not read "12350 > 12350"', () => {
    const text = againstLimits({ lo: 12345.7, hi: 12345.7 }, undefined, 12345.5);
    const [value, limit] = text.split(' > ');
    expect(value).not.toBe(limit);
  });
});
