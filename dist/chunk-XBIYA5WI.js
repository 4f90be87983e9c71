import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  OTLPExporterBase,
  ProtobufTraceSerializer,
  TraceExporterMetricsHelper,
  convertLegacyHttpOptions,
  createOtlpHttpExportDelegate
} from "./chunk-7AAUY4L5.js";
import "./chunk-QRCHMI7S.js";
import "./chunk-MF7KQGBL.js";
import "./chunk-EE4O4GVB.js";

// node_modules/@opentelemetry/exporter-trace-otlp-proto/dist/semconv.mjs
var OTEL_COMPONENT_TYPE_VALUE_OTLP_HTTP_SPAN_EXPORTER = "otlp_http_span_exporter";

// node_modules/@opentelemetry/exporter-trace-otlp-proto/dist/platform/node/OTLPTraceExporter.mjs
var OTLPTraceExporter = class extends OTLPExporterBase {
  constructor(config = {}) {
    super(createOtlpHttpExportDelegate(convertLegacyHttpOptions(config, "TRACES", "v1/traces", { "Content-Type": "application/x-protobuf" }), ProtobufTraceSerializer, OTEL_COMPONENT_TYPE_VALUE_OTLP_HTTP_SPAN_EXPORTER, TraceExporterMetricsHelper, config.selfObsMeterProvider));
  }
};
export {
  OTLPTraceExporter
};
