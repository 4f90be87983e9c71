/**
 * A virtual clock: `sleepUntil` moves time forward at once, so hours of bake take no wall time.
 * The driver reads time only through the Clock port, so it cannot tell the difference.
 */
import type { Clock } from '../driver/ports.js';

/** A time at which the simulation steps in (a person's command); `due` is asked at every sleep, as it may change. */
export interface Alarm {
  due: () => number | undefined;
  ring: () => void;
}

export class VirtualClock implements Clock {
  private t: number;
  private alarm: Alarm | undefined;

  constructor(start: number) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** A sleep that would pass the alarm's time stops there and rings it (once): time never skips a person's command. */
  async sleepUntil(epochMs: number): Promise<void> {
    const alarm = this.alarm;
    const due = alarm?.due();
    if (alarm && due !== undefined && due < epochMs) {
      this.alarm = undefined;
      if (due > this.t) this.t = due;
      alarm.ring();
      return;
    }
    if (epochMs > this.t) this.t = epochMs;
  }

  /** Sets (or, undefined, clears) the alarm. */
  setAlarm(alarm: Alarm | undefined): void {
    this.alarm = alarm;
  }

  /** Moves time forward by `ms` (a simulated person taking a while to approve). */
  advance(ms: number): void {
    this.t += Math.max(0, ms);
  }

  /** Moves time forward to `epochMs` (never back). */
  advanceTo(epochMs: number): void {
    if (epochMs > this.t) this.t = epochMs;
  }
}
