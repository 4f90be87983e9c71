/**
 * Builds what watches a release besides GitHub (src/driver/telemetry.ts): the log (always), the
 * release's own metrics when `pushgateway-url` or `metrics-file` is set, and traces when an OTLP
 * endpoint is set in the standard OTEL_* variables. The metrics and trace modules are imported
 * only when asked for: prom-client and the OpenTelemetry SDK are never loaded otherwise, so a
 * job without them starts as fast as before (bench/cold-start.ts).
 */
import type { Settings } from '../action-io.js';
import { fanOut, type TelemetrySink } from '../driver/telemetry.js';

export interface TelemetryOptions {
  settings: Settings;
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
  setSecret: (value: string) => void;
  /** The repository the job runs in (`owner/name`, from the runner's parsed environment), for the metrics' grouping. */
  repository?: string;
}

/** Whether the standard variables name an OTLP endpoint for traces (no SDK is loaded to find out). */
export function tracesWanted(env: NodeJS.ProcessEnv): boolean {
  const set = (name: string): boolean => (env[name] ?? '').trim() !== '';
  // OTEL_TRACES_EXPORTER=none turns traces off, as the SDK's own configuration does.
  if ((env.OTEL_TRACES_EXPORTER ?? '').trim() === 'none' || (env.OTEL_SDK_DISABLED ?? '').trim() === 'true') return false;
  return set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') || set('OTEL_EXPORTER_OTLP_ENDPOINT');
}

/** The sinks the settings and environment ask for, besides the log; none: nothing loaded. */
export async function openTelemetry(log: TelemetrySink, opts: TelemetryOptions): Promise<TelemetrySink> {
  const { settings, env, warn } = opts;
  const sinks: TelemetrySink[] = [log];
  const names = ['log'];
  if (settings.pushgatewayUrl !== undefined || settings.metricsFile !== undefined) {
    try {
      const { createMetricsSink } = await import('../telemetry/metrics-sink.js');
      sinks.push(
        createMetricsSink({
          ...(settings.pushgatewayUrl !== undefined ? { pushgatewayUrl: settings.pushgatewayUrl } : {}),
          ...(settings.metricsFile !== undefined ? { metricsFile: settings.metricsFile } : {}),
          env,
          ...(opts.repository !== undefined ? { repository: opts.repository } : {}),
          warn,
          setSecret: opts.setSecret,
        }),
      );
      names.push('metrics');
    } catch (err) {
      warn(`the release's metrics are off: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (tracesWanted(env)) {
    try {
      const { createTraceSink } = await import('../telemetry/trace-sink.js');
      sinks.push(await createTraceSink({ env, warn, setSecret: opts.setSecret }));
      names.push('traces');
    } catch (err) {
      warn(`the release's traces are off: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return fanOut(sinks, (message, i) => warn(`${names[i] ?? 'telemetry'}: ${message}; it is off for the rest of this job`));
}
