/**
 * The release's traces (OpenTelemetry): SKELETON, to be written. Loaded only when an OTLP
 * endpoint is set (src/modes/telemetry.ts).
 */
import type { TelemetrySink } from '../driver/telemetry.js';

export interface TraceSinkOptions {
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
  setSecret: (value: string) => void;
}

export async function createTraceSink(_opts: TraceSinkOptions): Promise<TelemetrySink> {
  throw new Error('not built yet');
}
