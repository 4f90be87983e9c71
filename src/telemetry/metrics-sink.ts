/**
 * The release's own metrics (prom-client): SKELETON, to be written. Loaded only when
 * pushgateway-url or metrics-file is set (src/modes/telemetry.ts).
 */
import type { TelemetrySink } from '../driver/telemetry.js';

export interface MetricsSinkOptions {
  pushgatewayUrl?: string;
  metricsFile?: string;
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
  setSecret: (value: string) => void;
}

export function createMetricsSink(_opts: MetricsSinkOptions): TelemetrySink {
  throw new Error('not built yet');
}
