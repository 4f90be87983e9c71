import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  JsonTraceSerializer,
  OTLPExporterBase,
  TraceExporterMetricsHelper,
  convertLegacyHttpOptions,
  createOtlpHttpExportDelegate
} from "./chunk-opentelemetry-otlp-exporter-base-exportermetrics.js";
import "./chunk-opentelemetry-core-exportresult.js";
import "./chunk-opentelemetry-api-context.js";
import "./chunk-runtime.js";

// node_modules/@opentelemetry/exporter-trace-otlp-http/dist/semconv.mjs
var OTEL_COMPONENT_TYPE_VALUE_OTLP_HTTP_SPAN_EXPORTER = "otlp_http_span_exporter";

// node_modules/@opentelemetry/exporter-trace-otlp-http/dist/platform/node/OTLPTraceExporter.mjs
var OTLPTraceExporter = class extends OTLPExporterBase {
  constructor(config = {}) {
    super(createOtlpHttpExportDelegate(convertLegacyHttpOptions(config, "TRACES", "v1/traces", { "Content-Type": "application/json" }), JsonTraceSerializer, OTEL_COMPONENT_TYPE_VALUE_OTLP_HTTP_SPAN_EXPORTER, TraceExporterMetricsHelper, config.selfObsMeterProvider));
  }
};
export {
  OTLPTraceExporter
};
