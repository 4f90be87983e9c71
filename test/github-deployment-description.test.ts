/**
 * The 140-character cut of deployment descriptions lives in the GitHub adapter; the core keeps
 * its own bound for the state. Both cut the same way, so what GitHub gets is what earlier
 * versions sent (the core or the driver cut first, the adapter put it on one line).
 */
import { describe, expect, it } from 'vitest';
import { STATUS_DESCRIPTION_MAX } from '../src/core/state.js';
import { DESCRIPTION_MAX, deploymentDescription } from '../src/github/deployments.js';

/** What reached GitHub before the cut moved: cut to 140 units, then one line (the adapter's ellipsis cut never fired on it). */
function sentBefore(text: string): string {
  const cut = text.slice(0, 140).replace(/\s+/g, ' ').trim();
  const chars = Array.from(cut);
  return chars.length <= 140 ? cut : chars.slice(0, 139).join('') + '…';
}

describe('deploymentDescription', () => {
  it("is GitHub's limit, and the state bound is the same", () => {
    expect(DESCRIPTION_MAX).toBe(140);
    expect(STATUS_DESCRIPTION_MAX).toBe(DESCRIPTION_MAX);
  });

  it.each([
    ['step 1/2 at 50%: deploy run requested', 'step 1/2 at 50%: deploy run requested'],
    ['  two\n lines\t\there ', 'two lines here'],
    ['x'.repeat(300), 'x'.repeat(140)],
    [`${'a'.repeat(138)}   bcd`, 'a'.repeat(138)],
    ['', ''],
  ])('%j -> %j', (text, sent) => {
    expect(deploymentDescription(text)).toBe(sent);
    expect(deploymentDescription(text)).toBe(sentBefore(text));
  });

  it('sends what earlier versions sent, for any text', () => {
    const alphabet = ['a', ' ', '\n', '\t', 'é', '😀', '-', ':'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(next() * 300) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(deploymentDescription(text)).toBe(sentBefore(text));
      // A description the core stored (cut by its own bound) is not changed again by the adapter's cut.
      const stored = text.slice(0, STATUS_DESCRIPTION_MAX);
      expect(deploymentDescription(stored)).toBe(deploymentDescription(text));
    }
  });
});
