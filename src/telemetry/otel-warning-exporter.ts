/**
 * An exporter that says when an export failed, then passes the result on. The SDK reports a
 * failed export to its global error handler, which is silent unless a diag logger is set (and
 * then prints its own wording, the response body included): here a failure is one warning of
 * ours, bounded, and the release never hears of it otherwise.
 */
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { bounded } from './trace-spans.js';
import { plural } from '../plan/words.js';

/** Warnings after which further failures are only counted (a dead collector and a long job). */
const WARNINGS_MAX = 3;

export class WarningExporter implements SpanExporter {
  private failures = 0;
  lost = 0;

  constructor(
    private readonly inner: SpanExporter,
    private readonly warn: (message: string) => void,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code !== ExportResultCode.SUCCESS) this.failed(spans.length, result.error);
      done(result);
    });
  }

  private failed(count: number, error: Error | undefined): void {
    this.failures += 1;
    this.lost += count;
    if (this.failures > WARNINGS_MAX) return;
    // The message only: an OTLPExporterError's data is the collector's response body.
    const why = error ? bounded(error.message || error.name) : 'no reason given';
    const more = this.failures === WARNINGS_MAX ? '; further export failures are not reported' : '';
    this.warn(`traces: ${plural(count, 'span')} could not be exported to the OTLP endpoint (${why}); the release goes on without them${more}`);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
