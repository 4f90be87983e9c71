/**
 * Faults the fake injects per request (server.ts `faults` option): 5xx, rate limits with
 * retry-after, slow answers, lost answers, a permission the token lacks, pages instead of JSON.
 */
export type Fault =
  /** `ms`: answered that late (a gateway that times out answers 502 after a while). */
  | { kind: 'status'; status: 500 | 502 | 503; ms?: number }
  | { kind: 'rate-limit'; status: 429 | 403; retryAfter: number; secondary: boolean }
  | { kind: 'slow'; ms: number }
  | { kind: 'lose-answer' }
  /** The token lacks a permission the route needs: GitHub's 403, word for word. */
  | { kind: 'forbidden' }
  /** An HTML page instead of the API's JSON (a proxy or GitHub's own error page). */
  | { kind: 'html'; status: 200 | 502 };

/** GitHub's answer to a GITHUB_TOKEN the workflow's `permissions:` did not grant what the route needs. */
export const FORBIDDEN_BODY = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' };

export interface FaultContext {
  seq: number;
  method: string;
  template: string;
  path: string;
  body: unknown;
}

/** Deterministic pseudo-random faults: `rate` of requests fail transiently, `lostRate` of mutations lose their answer. */
export function randomFaults(seed: number, rate: number, lostRate: number): (ctx: FaultContext) => Fault | undefined {
  let x = seed >>> 0 || 1;
  const rnd = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
  return (ctx) => {
    const r = rnd();
    if (r < rate) {
      const which = Math.floor(rnd() * 3);
      if (which === 0) return { kind: 'status', status: 502 };
      if (which === 1) return { kind: 'status', status: 503 };
      return { kind: 'rate-limit', status: 403, retryAfter: 1, secondary: true };
    }
    if (ctx.method !== 'GET' && rnd() < lostRate) return { kind: 'lose-answer' };
    return undefined;
  };
}
