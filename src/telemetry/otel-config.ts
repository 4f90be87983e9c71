/**
 * The OTLP exporter and the resource, configured the standard way only: the OTEL_* variables,
 * which the official exporters and resource detector read themselves (endpoint, `/v1/traces`,
 * headers, timeout, certificates, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES). Read here are only
 * what they leave to the caller: which encoding (each exporter package speaks one), the service
 * name's default, and the header values, which are credentials and are masked before anything
 * could print them.
 */
import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import { defaultResource, detectResources, envDetector, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export const DEFAULT_SERVICE_NAME = 'progressive-release';

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** The encoding the variables ask for; the spec's default is http/protobuf. `grpc` (and anything else) is refused with the reason. */
export function protocolOf(env: NodeJS.ProcessEnv): { ok: true; protocol: OtlpProtocol } | { ok: false; reason: string } {
  const asked = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? '').trim() || (env.OTEL_EXPORTER_OTLP_PROTOCOL ?? '').trim() || 'http/protobuf';
  if (asked === 'http/protobuf' || asked === 'http/json') return { ok: true, protocol: asked };
  if (asked === 'grpc')
    return {
      ok: false,
      reason:
        "OTLP protocol grpc is not supported (it would add a gRPC stack to every job that sends traces); set OTEL_EXPORTER_OTLP_PROTOCOL to http/protobuf or http/json and point the endpoint at the collector's HTTP port (4318)",
    };
  // Not echoed: a mistyped variable may hold anything.
  return { ok: false, reason: 'the OTLP protocol variable is neither http/protobuf nor http/json (grpc is not supported)' };
}

/**
 * Why the endpoint variable cannot be used, if it cannot: the exporter, given a URL it cannot
 * parse, falls back to http://localhost:4318 without a word. The value is not echoed (it may hold
 * a credential).
 */
export function endpointProblem(env: NodeJS.ProcessEnv): string | undefined {
  const name = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? '').trim() !== '' ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  const raw = (env[name] ?? '').trim();
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return undefined;
  } catch {
    // Said below.
  }
  return `${name} is not an http(s) URL`;
}

/**
 * Masks every credential the OTLP variables hold: each header value (as written and decoded, as
 * the exporter parses it), and a user-info part of an endpoint URL. Runs before an exporter exists.
 */
export function maskOtlpSecrets(env: NodeJS.ProcessEnv, setSecret: (value: string) => void): void {
  for (const name of ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS']) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    for (const entry of raw.split(',')) {
      const at = entry.indexOf('=');
      if (at < 0) continue;
      const value = entry.slice(at + 1).trim();
      if (value !== '') setSecret(value);
    }
    for (const value of Object.values(parseKeyPairsIntoRecord(raw))) if (value !== '') setSecret(value);
  }
  for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
    const raw = env[name];
    if (raw === undefined) continue;
    try {
      const url = new URL(raw);
      if (url.password !== '') setSecret(decodeURIComponent(url.password));
      if (url.username !== '') setSecret(decodeURIComponent(url.username));
    } catch {
      // Not a URL: the exporter refuses it too; nothing in it is known to be a credential.
    }
  }
}

/**
 * How long one export may take, retries included, unless OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT says.
 * The SDK's default is 10 s; an export still waiting on a collector that never answers keeps its
 * socket, so the job's process could not exit until then, long after the flush gave up (5 s,
 * src/modes/drive-release.ts). Under the flush deadline, a dead collector costs the job at most that.
 */
export const EXPORT_TIMEOUT_MS = 4_000;

/** The exporter of the asked encoding; only that package is loaded. */
export async function createExporter(protocol: OtlpProtocol, env: NodeJS.ProcessEnv): Promise<SpanExporter> {
  const timeoutSet = ['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 'OTEL_EXPORTER_OTLP_TIMEOUT'].some((n) => (env[n] ?? '').trim() !== '');
  // Passed only when the variables are silent: the exporter prefers what it is given to what they say.
  const config = timeoutSet ? {} : { timeoutMillis: EXPORT_TIMEOUT_MS };
  if (protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter(config);
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter(config);
}

/** The SDK's default resource, our service name, then what OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES say (they win). */
export function releaseResource(): Resource {
  return defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: DEFAULT_SERVICE_NAME }))
    .merge(detectResources({ detectors: [envDetector] }));
}
