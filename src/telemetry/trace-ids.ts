/**
 * The ids of a release's trace. A release is advanced by many jobs (run, reconcile, command
 * runs), each its own process with nothing shared but the ledger, so every id a second job must
 * agree on is derived from the release id instead of drawn at random: the trace id (every job
 * joins the one trace) and the span ids of the stage, region, step, bake and gate spans (a child
 * emitted by an earlier job already names the parent a later job emits). Only the invocation and
 * request spans, which no other job refers to, get the SDK's random ids.
 */
import { createHash } from 'node:crypto';
import { RandomIdGenerator, type IdGenerator } from '@opentelemetry/sdk-trace';

const PREFIX = 'progressive-release:';

function digest(text: string, bytes: number): string {
  const hex = createHash('sha256')
    .update(text)
    .digest('hex')
    .slice(0, bytes * 2);
  // An all-zero id is invalid in W3C trace context and OTLP: the span would be dropped.
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}

/** The trace id of a release: the first 16 bytes of SHA-256 of `progressive-release:<releaseId>`, as 32 hex digits. */
export function traceIdOf(releaseId: string): string {
  return digest(`${PREFIX}${releaseId}`, 16);
}

/** A span id (16 hex digits) every job derives alike from the release id and the span's key (`stage:canary`). */
export function spanIdOf(releaseId: string, key: string): string {
  return digest(`${PREFIX}${releaseId}\u0000${key}`, 8);
}

/**
 * The SDK draws a span's id inside `startSpan`; a span whose id is derived is started right
 * after `forceNext`, which hands that id to the next draw only. Root spans (the release span,
 * the only one without a parent) get the release's trace id.
 */
export class ReleaseIdGenerator implements IdGenerator {
  private readonly random = new RandomIdGenerator();
  private next: string | undefined;

  constructor(private readonly traceId: string) {}

  forceNext(spanId: string): void {
    this.next = spanId;
  }

  generateTraceId(): string {
    return this.traceId;
  }

  generateSpanId(): string {
    const id = this.next;
    this.next = undefined;
    return id ?? this.random.generateSpanId();
  }
}
