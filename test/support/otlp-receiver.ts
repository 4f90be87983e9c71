/**
 * An OTLP/HTTP trace receiver for tests: an http server on loopback that takes POST /v1/traces
 * in both encodings and decodes them into one shape. JSON is read as the OTLP JSON mapping says
 * (ids as hex, 64-bit numbers as strings); protobuf with protobufjs and the subset of
 * opentelemetry-proto (trace/v1, common/v1, resource/v1) below, written from the .proto files, so
 * a payload the official exporter encodes wrongly fails to decode or decodes to other values.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';

const OTLP_TRACE_PROTO = `
syntax = "proto3";
package opentelemetry.proto;
message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message Status { reserved 1; string message = 2; int32 code = 3; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  fixed32 flags = 16;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  Status status = 15;
}
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
`;

const ExportTraceServiceRequest = protobuf.parse(OTLP_TRACE_PROTO, { keepCase: false }).root.lookupType('opentelemetry.proto.ExportTraceServiceRequest');

export type AttrValue = string | number | boolean | AttrValue[] | undefined;

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  kind: number;
  /** Epoch milliseconds (from the nanoseconds sent; sub-millisecond parts kept as a fraction). */
  start: number;
  end: number;
  attributes: Record<string, AttrValue>;
  status: { code: number; message: string };
  resource: Record<string, AttrValue>;
  encoding: 'json' | 'protobuf';
}

export interface ReceivedRequest {
  contentType: string;
  headers: IncomingHttpHeaders;
  spans: number;
}

interface PbAny {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: unknown;
  doubleValue?: number;
  arrayValue?: { values?: PbAny[] };
}

function valueOf(v: PbAny | undefined): AttrValue {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined && v.intValue !== null) return Number(String(v.intValue));
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(valueOf);
  return undefined;
}

function attrsOf(list: Array<{ key: string; value?: PbAny }> | undefined): Record<string, AttrValue> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

const nanosToMs = (n: unknown): number => Number(BigInt(String(n)) / 1000n) / 1000;

interface Decoded {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value?: PbAny }> };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind?: number;
        startTimeUnixNano: unknown;
        endTimeUnixNano: unknown;
        attributes?: Array<{ key: string; value?: PbAny }>;
        status?: { code?: number; message?: string };
      }>;
    }>;
  }>;
}

function spansOf(d: Decoded, encoding: 'json' | 'protobuf'): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of d.resourceSpans ?? []) {
    const resource = attrsOf(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? [])
      for (const s of ss.spans ?? [])
        out.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? '',
          name: s.name,
          kind: s.kind ?? 0,
          start: nanosToMs(s.startTimeUnixNano),
          end: nanosToMs(s.endTimeUnixNano),
          attributes: attrsOf(s.attributes),
          status: { code: s.status?.code ?? 0, message: s.status?.message ?? '' },
          resource,
          encoding,
        });
  }
  return out;
}

function decodeProtobuf(body: Buffer): Decoded {
  const msg = ExportTraceServiceRequest.decode(body);
  // bytes as hex (the JSON mapping's form for ids), 64-bit integers as strings, enums as numbers.
  const obj = ExportTraceServiceRequest.toObject(msg, { longs: String, enums: Number, bytes: Array, defaults: false, oneofs: false });
  const hex = (b: unknown): string => (Array.isArray(b) ? Buffer.from(b as number[]).toString('hex') : '');
  const d = obj as Decoded;
  for (const rs of d.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const s of ss.spans ?? []) {
        s.traceId = hex(s.traceId);
        s.spanId = hex(s.spanId);
        s.parentSpanId = hex(s.parentSpanId);
      }
  return d;
}

export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly requests: ReceivedRequest[] = [];
  readonly problems: string[] = [];
  private server: Server | undefined;
  /** Answer every export with this status instead (a collector that refuses). */
  failWith: number | undefined;

  /** The endpoint for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const contentType = String(req.headers['content-type'] ?? '');
        if (req.method !== 'POST' || req.url !== '/v1/traces') {
          this.problems.push(`${req.method ?? '?'} ${req.url ?? '?'}`);
          res.writeHead(404).end();
          return;
        }
        if (this.failWith !== undefined) {
          res.writeHead(this.failWith, { 'content-type': 'text/plain' }).end('refused by the test');
          return;
        }
        try {
          const spans = contentType.startsWith('application/json')
            ? spansOf(JSON.parse(body.toString('utf8')) as Decoded, 'json')
            : contentType.startsWith('application/x-protobuf')
              ? spansOf(decodeProtobuf(body), 'protobuf')
              : undefined;
          if (!spans) throw new Error(`content type ${contentType}`);
          this.spans.push(...spans);
          this.requests.push({ contentType, headers: req.headers, spans: spans.length });
          res
            .writeHead(200, { 'content-type': contentType.startsWith('application/json') ? 'application/json' : 'application/x-protobuf' })
            .end(contentType.startsWith('application/json') ? '{}' : '');
        } catch (err) {
          this.problems.push(`could not decode: ${String(err)}`);
          res.writeHead(400).end();
        }
      });
    });
    const server = this.server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}
