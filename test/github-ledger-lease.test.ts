/**
 * A ledger's lease is read before anything else, and its expiry is printed in the lease-held
 * message: an expiry out of Date's range (an edited ledger) made that message throw
 * "Invalid time value", an internal error, instead of a ledger-corrupt refusal.
 */
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, EnvelopeError, LEDGER_FORMAT, LEDGER_VERSION } from '../src/github/envelope.js';

function text(lease: unknown): string {
  return JSON.stringify({ format: LEDGER_FORMAT, version: LEDGER_VERSION, releaseId: 'shop-5.0.0', annotated: [], state: {}, lease });
}

describe('the lease of a ledger', () => {
  for (const expiresAt of [1e20, -1e20, Number.MAX_VALUE]) {
    it(`expiring at ${expiresAt} is ledger-corrupt`, () => {
      let err: unknown;
      try {
        decodeEnvelope(text({ holder: '77:1:release:abc', expiresAt }));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EnvelopeError);
      expect((err as EnvelopeError).reasonCode).toBe('ledger-corrupt');
      expect((err as Error).message).toMatch(/lease/);
    });
  }

  it('a lease as a driver writes it reads back', () => {
    const at = Date.UTC(2026, 11, 1);
    expect(decodeEnvelope(text({ holder: '77:1:release:abc', expiresAt: at })).lease).toEqual({ holder: '77:1:release:abc', expiresAt: at });
  });
});
