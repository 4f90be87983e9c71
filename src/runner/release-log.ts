/**
 * The release's log lines: SKELETON (human lines as before), to be written: `::group::` per
 * stage, and `log-format: json`.
 */
import type { TelemetrySink } from '../driver/telemetry.js';
import { logLine } from './io.js';

export type LogFormat = 'human' | 'json';

export interface ReleaseLog extends TelemetrySink {
  /** A line that is not a history entry (resuming, claims, hand-overs). */
  message(text: string): void;
}

export function createReleaseLog(_format: LogFormat, write: (line: string) => void = logLine): ReleaseLog {
  return {
    message: (text) => write(text),
    opened: () => undefined,
    transition: (h) => write(`${h.region ? `${h.region}: ` : ''}${h.kind}: ${h.reason}`),
    request: () => undefined,
    finished: () => undefined,
    flush: async () => undefined,
  };
}
