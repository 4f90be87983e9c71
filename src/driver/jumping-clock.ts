/**
 * The clock of a virtual-time run (the end-to-end tests run the bundle with
 * PROGRESSIVE_RELEASE_VIRTUAL_TIME): time jumps to each wake-up instead of passing, never behind
 * the wall clock.
 */
import type { Clock } from './ports.js';

export class JumpingClock implements Clock {
  private t = Date.now();
  now(): number {
    return Math.max(this.t, Date.now());
  }
  async sleepUntil(epochMs: number): Promise<void> {
    this.t = Math.max(this.t, epochMs);
    // Yield so signals and sockets are served between jumps.
    await new Promise((r) => setImmediate(r));
  }
}
