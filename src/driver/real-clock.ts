/**
 * The wall clock, for `run` and for tests against real backends. `sleepUntil` sleeps in slices
 * of at most `maxSliceMs` so a long bake does not sit on one huge timer (Node caps timers at
 * ~24.8 days and a changed system clock is noticed within a slice).
 */
import type { Clock } from './ports.js';

export class RealClock implements Clock {
  constructor(private readonly maxSliceMs = 60_000) {}

  now(): number {
    return Date.now();
  }

  async sleepUntil(epochMs: number): Promise<void> {
    for (;;) {
      const ms = epochMs - Date.now();
      if (ms <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(ms, this.maxSliceMs)));
    }
  }
}
