/**
 * The release's traces (OpenTelemetry), loaded only when an OTLP endpoint is set
 * (src/modes/telemetry.ts). One trace per release, whichever job advances it: its id and the ids
 * of the release spans are derived from the release id (trace-ids.ts); which spans the history
 * makes is trace-spans.ts; this module is the SDK around them: the invocation span (this job,
 * wall clock), a client span per GitHub request under it, a batch processor with a bounded queue
 * and a flush bounded by its deadline. An export that fails warns (otel-warning-exporter.ts) and
 * changes nothing else.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';
import { untilAborted, type GitHubRequestRecord, type InvocationContext, type InvocationEnd, type TelemetrySink } from '../driver/telemetry.js';
import type { HistoryEntry, State } from '../core/state.js';
import { createExporter, endpointProblem, maskOtlpSecrets, protocolOf, releaseResource } from './otel-config.js';
import { WarningExporter } from './otel-warning-exporter.js';
import { ReleaseIdGenerator, spanIdOf, traceIdOf } from './trace-ids.js';
import { A } from './trace-attributes.js';
import { bounded, ReleaseSpans, type SpanSpec } from './trace-spans.js';

export interface TraceSinkOptions {
  /** The job's environment; the exporters read the OTEL_* variables from process.env themselves, so it is that in production. */
  env: NodeJS.ProcessEnv;
  warn: (message: string) => void;
  setSecret: (value: string) => void;
}

// Incubating semantic conventions: the package advises copying them rather than importing its
// unstable entry point.
const ATTR_URL_TEMPLATE = 'url.template';
const ATTR_CICD_PIPELINE_RUN_ID = 'cicd.pipeline.run.id';
const ATTR_CICD_PIPELINE_TASK_NAME = 'cicd.pipeline.task.name';

/** Requests sent before the release is known (finding and claiming it), kept for the invocation span: at most this many. */
const EARLY_REQUESTS_MAX = 200;
/** The batch processor's queue (the SDK's default): past it, spans are dropped, never held in memory. */
const QUEUE_MAX = 2048;
const BATCH_MAX = 512;

interface Release {
  releaseId: string;
  tracer: Tracer;
  ids: ReleaseIdGenerator;
  spans: ReleaseSpans;
  /** This job's span until it is ended (at the flush). */
  invocation: Span | undefined;
  invocationContext: Context;
  /** The driver returned: its outcome is on the invocation span. */
  finished: boolean;
}

export async function createTraceSink(opts: TraceSinkOptions): Promise<TelemetrySink> {
  const protocol = protocolOf(opts.env);
  if (!protocol.ok) throw new Error(protocol.reason);
  // Before the exporter exists: nothing can print a header value unmasked.
  maskOtlpSecrets(opts.env, opts.setSecret);
  const problem = endpointProblem(opts.env);
  if (problem !== undefined) throw new Error(problem);
  const exporter = new WarningExporter(await createExporter(protocol.protocol, opts.env), opts.warn);
  return new TraceSink(new BatchSpanProcessor({ exporter, maxQueueSize: QUEUE_MAX, maxExportBatchSize: BATCH_MAX }), opts.warn);
}

class TraceSink implements TelemetrySink {
  private provider: TracerProvider | undefined;
  private release: Release | undefined;
  private readonly early: GitHubRequestRecord[] = [];

  constructor(
    private readonly processor: BatchSpanProcessor,
    private readonly warn: (message: string) => void,
  ) {}

  /** The trace id is known once the release is: the provider, and this job's span, start here. */
  opened(ctx: InvocationContext, state: State): void {
    if (this.release) return;
    const ids = new ReleaseIdGenerator(traceIdOf(ctx.releaseId));
    this.provider = new TracerProvider({ resource: releaseResource(), idGenerator: ids, spanProcessors: [this.processor] });
    const tracer = this.provider.getTracer('progressive-release');
    const spans = new ReleaseSpans(ctx.plan);
    spans.replay(state.history, state);
    const r: Release = { releaseId: ctx.releaseId, tracer, ids, spans, invocation: undefined, invocationContext: ROOT_CONTEXT, finished: false };
    const start = Math.min(ctx.startedAt, ...this.early.map((e) => e.startedAt));
    const invocation = tracer.startSpan(
      `invocation ${ctx.kind}`,
      { startTime: new Date(start), attributes: invocationAttributes(ctx) },
      remoteParent(r, spanIdOf(ctx.releaseId, 'release')),
    );
    r.invocation = invocation;
    r.invocationContext = trace.setSpan(ROOT_CONTEXT, invocation);
    this.release = r;
    for (const rec of this.early.splice(0)) requestSpan(r, rec);
  }

  transition(entry: HistoryEntry, state: State): void {
    const r = this.release;
    if (!r) return;
    for (const spec of r.spans.apply(entry, state)) emit(r, spec);
  }

  request(rec: GitHubRequestRecord): void {
    if (this.release) requestSpan(this.release, rec);
    else if (this.early.length < EARLY_REQUESTS_MAX) this.early.push(rec);
  }

  /** The outcome goes on the job's span; it ends at the flush, after the summary's requests, the job's last. */
  finished(end: InvocationEnd): void {
    const r = this.release;
    if (!r?.invocation || r.finished) return;
    r.finished = true;
    r.invocation.setAttributes({
      [`${A}outcome`]: end.decision,
      [`${A}reason_code`]: bounded(end.reasonCode),
      [`${A}reason`]: bounded(end.reason),
      [`${A}release.status`]: end.state.status,
    });
    if (end.decision === 'failed') r.invocation.setStatus({ code: SpanStatusCode.ERROR, message: end.reasonCode });
  }

  async flush(deadline: AbortSignal): Promise<void> {
    const r = this.release;
    if (r?.invocation) {
      // A signal's exit can come before the driver returned: the job's span still goes out, marked.
      if (!r.finished) r.invocation.setAttribute(`${A}invocation.interrupted`, true);
      r.invocation.end();
      r.invocation = undefined;
    }
    if (!this.provider) return;
    const flushed = this.provider.forceFlush().catch(() => undefined);
    await Promise.race([flushed, untilAborted(deadline)]);
    if (deadline.aborted) this.warn('traces: the spans of this job were not all exported before the deadline; the release is not affected');
  }
}

/** A release span, under the parent its key names (emitted by this job or by another). */
function emit(r: Release, spec: SpanSpec): void {
  const parent = spec.parentKey === undefined ? ROOT_CONTEXT : remoteParent(r, spanIdOf(r.releaseId, spec.parentKey));
  if (spec.key !== undefined) r.ids.forceNext(spanIdOf(r.releaseId, spec.key));
  // Dates, not numbers: the SDK reads a number below its process's time origin as a performance.now() offset.
  const span = r.tracer.startSpan(spec.name, { startTime: new Date(spec.start), attributes: spec.attributes }, parent);
  if (spec.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
  span.end(new Date(spec.end));
}

/** A GitHub request: a client span under this job's invocation span. */
function requestSpan(r: Release, rec: GitHubRequestRecord): void {
  const failed = rec.status === 0 || rec.status >= 400;
  const attributes: Attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: rec.method,
    [ATTR_URL_TEMPLATE]: rec.route,
    [`${A}github.not_modified`]: rec.notModified,
    ...(rec.status !== 0 ? { [ATTR_HTTP_RESPONSE_STATUS_CODE]: rec.status } : {}),
    ...(rec.rateLimitRemaining !== undefined ? { [`${A}github.rate_limit_remaining`]: rec.rateLimitRemaining } : {}),
    ...(failed ? { [ATTR_ERROR_TYPE]: rec.status === 0 ? 'no-answer' : String(rec.status) } : {}),
  };
  // The HTTP client convention's name: method and route template (bounded: no ids in it).
  const span = r.tracer.startSpan(`${rec.method} ${rec.route}`, { kind: SpanKind.CLIENT, startTime: new Date(rec.startedAt), attributes }, r.invocationContext);
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(new Date(rec.startedAt + rec.durationMs));
}

/** The context of a span another job emits (or emitted): only its ids are known here. */
function remoteParent(r: Release, spanId: string): Context {
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: traceIdOf(r.releaseId), spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });
}

function invocationAttributes(ctx: InvocationContext): Attributes {
  return {
    [`${A}release.id`]: ctx.releaseId,
    [`${A}plan`]: ctx.plan.name,
    [`${A}version`]: ctx.version,
    [`${A}invocation.kind`]: ctx.kind,
    ...(ctx.runId !== undefined ? { [ATTR_CICD_PIPELINE_RUN_ID]: ctx.runId } : {}),
    ...(ctx.runAttempt !== undefined ? { [`${A}run.attempt`]: ctx.runAttempt } : {}),
    ...(ctx.job !== undefined ? { [ATTR_CICD_PIPELINE_TASK_NAME]: ctx.job } : {}),
  };
}
