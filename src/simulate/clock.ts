/**
 * A virtual clock: `sleepUntil` moves time forward at once, so hours of bake take no wall time.
 * The driver reads time only through the Clock port, so it cannot tell the difference.
 */
import type { Clock } from '../driver/ports.js';

export class VirtualClock implements Clock {
  private t: number;

  constructor(start: number) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  async sleepUntil(epochMs: number): Promise<void> {
    if (epochMs > this.t) this.t = epochMs;
  }

  /** Moves time forward by `ms` (a simulated person taking a while to approve). */
  advance(ms: number): void {
    this.t += Math.max(0, ms);
  }
}
