import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVICE_NAME,
  ATTR_TELEMETRY_SDK_LANGUAGE,
  ATTR_TELEMETRY_SDK_NAME,
  ATTR_TELEMETRY_SDK_VERSION,
  AddAttributeDecision,
  BindOnceFuture,
  ExportResultCode,
  SDK_INFO,
  addHrTimes,
  cleanAttributes,
  cleanSimpleAttributes,
  getStringFromEnv,
  globalErrorHandler,
  hrTime,
  hrTimeDuration,
  isSimpleAttributeValue,
  isTimeInput,
  isTimeInputHrTime,
  isTracingSuppressed,
  maybeAddAttribute,
  millisToHrTime,
  parseKeyPairsIntoRecord,
  suppressTracing
} from "./chunk-opentelemetry-core-exportresult.js";
import {
  PlanNameIndex
} from "./chunk-telemetry-plan-names.js";
import {
  untilAborted
} from "./chunk-driver-telemetry.js";
import {
  plural,
  truncate
} from "./chunk-plan-words.js";
import {
  oneLine
} from "./chunk-report-untrusted.js";
import {
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  SamplingDecision,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  context,
  createNoopMeter,
  diag,
  isSpanContextValid,
  trace
} from "./chunk-opentelemetry-api-context.js";
import "./chunk-runtime.js";

// node_modules/@opentelemetry/sdk-trace/dist/sampler/AlwaysOffSampler.mjs
var AlwaysOffSampler = class {
  shouldSample() {
    return { decision: 0 };
  }
  toString() {
    return "AlwaysOffSampler";
  }
};

// node_modules/@opentelemetry/sdk-trace/dist/sampler/AlwaysOnSampler.mjs
var AlwaysOnSampler = class {
  shouldSample() {
    return { decision: 2 };
  }
  toString() {
    return "AlwaysOnSampler";
  }
};

// node_modules/@opentelemetry/sdk-trace/dist/sampler/ParentBasedSampler.mjs
var ParentBasedSampler = class {
  _root;
  _remoteParentSampled;
  _remoteParentNotSampled;
  _localParentSampled;
  _localParentNotSampled;
  constructor(config) {
    this._root = config.root;
    if (!this._root) {
      globalErrorHandler(/* @__PURE__ */ new Error("ParentBasedSampler must have a root sampler configured"));
      this._root = new AlwaysOnSampler();
    }
    this._remoteParentSampled = config.remoteParentSampled ?? new AlwaysOnSampler();
    this._remoteParentNotSampled = config.remoteParentNotSampled ?? new AlwaysOffSampler();
    this._localParentSampled = config.localParentSampled ?? new AlwaysOnSampler();
    this._localParentNotSampled = config.localParentNotSampled ?? new AlwaysOffSampler();
  }
  shouldSample(context2, traceId, spanName, spanKind, attributes, links) {
    const parentContext = trace.getSpanContext(context2);
    if (!parentContext || !isSpanContextValid(parentContext)) return this._root.shouldSample(context2, traceId, spanName, spanKind, attributes, links);
    if (parentContext.isRemote) {
      if (parentContext.traceFlags & TraceFlags.SAMPLED) return this._remoteParentSampled.shouldSample(context2, traceId, spanName, spanKind, attributes, links);
      return this._remoteParentNotSampled.shouldSample(context2, traceId, spanName, spanKind, attributes, links);
    }
    if (parentContext.traceFlags & TraceFlags.SAMPLED) return this._localParentSampled.shouldSample(context2, traceId, spanName, spanKind, attributes, links);
    return this._localParentNotSampled.shouldSample(context2, traceId, spanName, spanKind, attributes, links);
  }
  toString() {
    return `ParentBased{root=${this._root.toString()}, remoteParentSampled=${this._remoteParentSampled.toString()}, remoteParentNotSampled=${this._remoteParentNotSampled.toString()}, localParentSampled=${this._localParentSampled.toString()}, localParentNotSampled=${this._localParentNotSampled.toString()}}`;
  }
};

// node_modules/@opentelemetry/sdk-trace/dist/inspect.mjs
var inspectCustom = /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom");
function settledResourceAttributes(resource) {
  const attrs = {};
  for (const [k, v] of resource.getRawAttributes()) {
    if (typeof v?.then === "function") continue;
    if (v != null) attrs[k] ??= v;
  }
  return attrs;
}
function formatInspect(className, payload, depth, options, inspect) {
  if (typeof depth === "number" && depth < 0) {
    const tag = `[${className}]`;
    return options?.stylize ? options.stylize(tag, "special") : tag;
  }
  if (typeof inspect !== "function" || !options) return payload;
  return `${className} ${inspect(payload, {
    ...options,
    depth: options.depth == null ? options.depth : options.depth - 1
  })}`;
}

// node_modules/@opentelemetry/sdk-trace/dist/enums.mjs
var ExceptionEventName = "exception";

// node_modules/@opentelemetry/sdk-trace/dist/Span.mjs
var SpanImpl = class {
  _spanContext;
  kind;
  parentSpanContext;
  attributes;
  links = [];
  events = [];
  startTime;
  resource;
  instrumentationScope;
  _droppedAttributesCount = 0;
  _droppedEventsCount = 0;
  _droppedLinksCount = 0;
  _attributesCount = 0;
  name;
  status = { code: SpanStatusCode.UNSET };
  endTime = [0, 0];
  _ended = false;
  _duration = [-1, -1];
  _spanProcessor;
  _spanLimits;
  _recordEndMetrics;
  _performanceStartTime;
  _performanceOffset;
  _startTimeProvided;
  /**
  * Constructs a new SpanImpl instance.
  *
  * `opts.attributes` must already have been sanitized by caller.
  * `attributes` in `opts.links` must already have been sanitized by caller.
  * These are typically required anyway to pass sanitized details to a
  * *sampler* before span creation.
  */
  constructor(opts) {
    const now = Date.now();
    this._spanContext = opts.spanContext;
    this._performanceStartTime = performance.now();
    this._performanceOffset = now - (this._performanceStartTime + performance.timeOrigin);
    this._startTimeProvided = opts.startTime != null;
    this._spanLimits = opts.spanLimits;
    this._spanProcessor = opts.spanProcessor;
    this.name = opts.name;
    this.parentSpanContext = opts.parentSpanContext;
    this.kind = opts.kind;
    this.startTime = this._getTime(opts.startTime ?? now);
    this.resource = opts.resource;
    this.instrumentationScope = opts.scope;
    this._recordEndMetrics = opts.recordEndMetrics;
    if (opts.links) {
      const { linkCountLimit } = this._spanLimits;
      if (opts.links.length > linkCountLimit) {
        this.links = opts.links.slice(opts.links.length - linkCountLimit, opts.links.length);
        this._droppedLinksCount = opts.links.length - linkCountLimit;
      } else {
        this.links = opts.links;
        this._droppedLinksCount = 0;
      }
    }
    this.attributes = opts.attributes ?? {};
    this._attributesCount = Object.keys(this.attributes).length;
    this._droppedAttributesCount = opts.droppedAttributesCount ?? 0;
    this._spanProcessor.onStart(this, opts.context);
  }
  spanContext() {
    return this._spanContext;
  }
  setAttribute(key, value) {
    if (this._isSpanEnded()) return this;
    const decision = maybeAddAttribute({
      key,
      value,
      attributes: this.attributes,
      limits: this._spanLimits,
      currentAttributesCount: this._attributesCount
    });
    if (decision === AddAttributeDecision.DROP_LIMIT_REACHED) {
      this._droppedAttributesCount++;
      if (this._droppedAttributesCount === 1) diag.warn("Dropping extra attributes.");
    } else if (decision === AddAttributeDecision.ADD_NEW) this._attributesCount++;
    return this;
  }
  setAttributes(attributes) {
    for (const key in attributes) if (Object.prototype.hasOwnProperty.call(attributes, key)) this.setAttribute(key, attributes[key]);
    return this;
  }
  /**
  *
  * @param name Span event name
  * @param [attributesOrStartTime] Attributes or start time
  *     if type is {@type TimeInput} and 3rd param is undefined.
  *     Only "simple" value types are supported for span event attributes
  *     (string, number, boolean, homogeneous array of these primitive types).
  *     See OTEP 4485 and `cleanSimpleAttributes()` in `@opentelemetry/core`.
  * @param [timeStamp] Specified time stamp for the event
  */
  addEvent(name, attributesOrStartTime, timeStamp) {
    if (this._isSpanEnded()) return this;
    const { eventCountLimit } = this._spanLimits;
    if (eventCountLimit === 0) {
      diag.warn("No events allowed.");
      this._droppedEventsCount++;
      return this;
    }
    if (eventCountLimit !== void 0 && this.events.length >= eventCountLimit) {
      if (this._droppedEventsCount === 0) diag.debug("Dropping extra events.");
      this.events.shift();
      this._droppedEventsCount++;
    }
    if (isTimeInput(attributesOrStartTime)) {
      if (!isTimeInput(timeStamp)) timeStamp = attributesOrStartTime;
      attributesOrStartTime = void 0;
    }
    this.events.push({
      name,
      time: this._getTime(timeStamp),
      ...cleanSimpleAttributes(attributesOrStartTime, {
        attributeCountLimit: this._spanLimits.attributePerEventCountLimit,
        attributeValueLengthLimit: this._spanLimits.attributeValueLengthLimit
      })
    });
    return this;
  }
  addLink(link) {
    if (this._isSpanEnded()) return this;
    const { linkCountLimit } = this._spanLimits;
    if (linkCountLimit === 0) {
      this._droppedLinksCount++;
      return this;
    }
    if (linkCountLimit !== void 0 && this.links.length >= linkCountLimit) {
      if (this._droppedLinksCount === 0) diag.debug("Dropping extra links.");
      this.links.shift();
      this._droppedLinksCount++;
    }
    this.links.push({
      context: link.context,
      ...cleanAttributes(link.attributes, {
        attributeCountLimit: this._spanLimits.attributePerLinkCountLimit,
        attributeValueLengthLimit: this._spanLimits.attributeValueLengthLimit
      })
    });
    return this;
  }
  addLinks(links) {
    for (const link of links) this.addLink(link);
    return this;
  }
  setStatus(status) {
    if (this._isSpanEnded()) return this;
    if (status.code === SpanStatusCode.UNSET) return this;
    if (this.status.code === SpanStatusCode.OK) return this;
    const newStatus = { code: status.code };
    if (status.code === SpanStatusCode.ERROR) {
      if (typeof status.message === "string") newStatus.message = status.message;
      else if (status.message != null) diag.warn(`Dropping invalid status.message of type '${typeof status.message}', expected 'string'`);
    }
    this.status = newStatus;
    return this;
  }
  updateName(name) {
    if (this._isSpanEnded()) return this;
    this.name = name;
    return this;
  }
  end(endTime) {
    if (this._isSpanEnded()) {
      diag.error(`${this.name} ${this._spanContext.traceId}-${this._spanContext.spanId} - You can only call end() on a span once.`);
      return;
    }
    this.endTime = this._getTime(endTime);
    this._duration = hrTimeDuration(this.startTime, this.endTime);
    if (this._duration[0] < 0) {
      diag.warn("Inconsistent start and end time, startTime > endTime. Setting span duration to 0ms.", this.startTime, this.endTime);
      this.endTime = this.startTime.slice();
      this._duration = [0, 0];
    }
    if (this._droppedEventsCount > 0) diag.warn(`Dropped ${this._droppedEventsCount} events because eventCountLimit reached`);
    if (this._droppedLinksCount > 0) diag.warn(`Dropped ${this._droppedLinksCount} links because linkCountLimit reached`);
    if (this._spanProcessor.onEnding) this._spanProcessor.onEnding(this);
    this._recordEndMetrics?.();
    this._ended = true;
    this._spanProcessor.onEnd(this);
  }
  _getTime(inp) {
    if (typeof inp === "number" && inp <= performance.now()) return hrTime(inp + this._performanceOffset);
    if (typeof inp === "number") return millisToHrTime(inp);
    if (inp instanceof Date) return millisToHrTime(inp.getTime());
    if (isTimeInputHrTime(inp)) return inp;
    if (this._startTimeProvided) return millisToHrTime(Date.now());
    const msDuration = performance.now() - this._performanceStartTime;
    return addHrTimes(this.startTime, millisToHrTime(msDuration));
  }
  isRecording() {
    return this._ended === false;
  }
  recordException(exception, time) {
    const attributes = {};
    if (typeof exception === "string") attributes[ATTR_EXCEPTION_MESSAGE] = exception;
    else if (exception) {
      if (exception.code) attributes[ATTR_EXCEPTION_TYPE] = exception.code.toString();
      else if (exception.name) attributes[ATTR_EXCEPTION_TYPE] = exception.name;
      if (exception.message) attributes[ATTR_EXCEPTION_MESSAGE] = exception.message;
      if (exception.stack) attributes[ATTR_EXCEPTION_STACKTRACE] = exception.stack;
    }
    if (attributes[ATTR_EXCEPTION_TYPE] || attributes[ATTR_EXCEPTION_MESSAGE]) this.addEvent(ExceptionEventName, attributes, time);
    else diag.warn(`Failed to record an exception ${exception}`);
  }
  get duration() {
    return this._duration;
  }
  get ended() {
    return this._ended;
  }
  get droppedAttributesCount() {
    return this._droppedAttributesCount;
  }
  get droppedEventsCount() {
    return this._droppedEventsCount;
  }
  get droppedLinksCount() {
    return this._droppedLinksCount;
  }
  _isSpanEnded() {
    if (this._ended) {
      const error = /* @__PURE__ */ new Error(`Operation attempted on ended Span {traceId: ${this._spanContext.traceId}, spanId: ${this._spanContext.spanId}}`);
      diag.warn(`Cannot execute the operation on ended Span {traceId: ${this._spanContext.traceId}, spanId: ${this._spanContext.spanId}}`, error);
    }
    return this._ended;
  }
  [inspectCustom](depth, options, inspect) {
    const payload = {
      name: this.name,
      kind: this.kind,
      spanContext: this._spanContext,
      parentSpanContext: this.parentSpanContext,
      status: this.status,
      startTime: this.startTime,
      endTime: this.endTime,
      duration: this._duration,
      ended: this._ended,
      attributes: this.attributes,
      events: this.events,
      links: this.links,
      droppedAttributesCount: this._droppedAttributesCount,
      droppedEventsCount: this._droppedEventsCount,
      droppedLinksCount: this._droppedLinksCount,
      instrumentationScope: this.instrumentationScope,
      resource: { attributes: settledResourceAttributes(this.resource) }
    };
    return formatInspect("SpanImpl", payload, depth, options, inspect);
  }
};

// node_modules/@opentelemetry/sdk-trace/dist/semconv.mjs
var ATTR_OTEL_COMPONENT_NAME = "otel.component.name";
var ATTR_OTEL_COMPONENT_TYPE = "otel.component.type";
var ATTR_OTEL_SPAN_PARENT_ORIGIN = "otel.span.parent.origin";
var ATTR_OTEL_SPAN_SAMPLING_RESULT = "otel.span.sampling_result";
var METRIC_OTEL_SDK_PROCESSOR_SPAN_PROCESSED = "otel.sdk.processor.span.processed";
var METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_CAPACITY = "otel.sdk.processor.span.queue.capacity";
var METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_SIZE = "otel.sdk.processor.span.queue.size";
var METRIC_OTEL_SDK_SPAN_LIVE = "otel.sdk.span.live";
var METRIC_OTEL_SDK_SPAN_STARTED = "otel.sdk.span.started";
var OTEL_COMPONENT_TYPE_VALUE_BATCHING_SPAN_PROCESSOR = "batching_span_processor";

// node_modules/@opentelemetry/sdk-trace/dist/TracerMetrics.mjs
var TracerMetrics = class {
  startedSpans;
  liveSpans;
  constructor(meter) {
    this.startedSpans = meter.createCounter(METRIC_OTEL_SDK_SPAN_STARTED, {
      unit: "{span}",
      description: "The number of created spans."
    });
    this.liveSpans = meter.createUpDownCounter(METRIC_OTEL_SDK_SPAN_LIVE, {
      unit: "{span}",
      description: "The number of currently live spans."
    });
  }
  startSpan(parentSpanCtx, samplingDecision) {
    const samplingDecisionStr = samplingDecisionToString(samplingDecision);
    this.startedSpans.add(1, {
      [ATTR_OTEL_SPAN_PARENT_ORIGIN]: parentOrigin(parentSpanCtx),
      [ATTR_OTEL_SPAN_SAMPLING_RESULT]: samplingDecisionStr
    });
    if (samplingDecision === 0) return () => {
    };
    const liveSpanAttributes = { [ATTR_OTEL_SPAN_SAMPLING_RESULT]: samplingDecisionStr };
    this.liveSpans.add(1, liveSpanAttributes);
    return () => {
      this.liveSpans.add(-1, liveSpanAttributes);
    };
  }
};
function parentOrigin(parentSpanContext) {
  if (!parentSpanContext) return "none";
  if (parentSpanContext.isRemote) return "remote";
  return "local";
}
function samplingDecisionToString(decision) {
  switch (decision) {
    case 2:
      return "RECORD_AND_SAMPLE";
    case 1:
      return "RECORD_ONLY";
    case 0:
      return "DROP";
  }
}

// node_modules/@opentelemetry/sdk-trace/dist/version.mjs
var VERSION = "3.1.0";

// node_modules/@opentelemetry/sdk-trace/dist/Tracer.mjs
var NO_ATTR_LIMITS = {
  attributeCountLimit: Infinity,
  attributeValueLengthLimit: Infinity
};
var Tracer$1 = class {
  _sampler;
  _spanLimits;
  _idGenerator;
  instrumentationScope;
  _resource;
  _spanProcessor;
  _tracerMetrics;
  /**
  * Constructs a new Tracer instance.
  */
  constructor(instrumentationScope, options) {
    this.instrumentationScope = instrumentationScope;
    this._sampler = options.sampler;
    this._spanLimits = options.spanLimits;
    this._resource = options.resource;
    this._idGenerator = options.idGenerator;
    this._spanProcessor = options.spanProcessor;
    const meter = options.meterProvider.getMeter("@opentelemetry/sdk-trace", VERSION);
    this._tracerMetrics = new TracerMetrics(meter);
  }
  /**
  * Starts a new Span or returns the default NoopSpan based on the sampling
  * decision.
  */
  startSpan(name, options = {}, context2 = context.active()) {
    if (options.root) context2 = trace.deleteSpan(context2);
    const parentSpan = trace.getSpan(context2);
    if (isTracingSuppressed(context2)) {
      diag.debug("Instrumentation suppressed, returning Noop Span");
      return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    }
    const parentSpanContext = parentSpan?.spanContext();
    const spanId = this._idGenerator.generateSpanId();
    let validParentSpanContext;
    let traceId;
    let traceState;
    if (!parentSpanContext || !trace.isSpanContextValid(parentSpanContext)) traceId = this._idGenerator.generateTraceId();
    else {
      traceId = parentSpanContext.traceId;
      traceState = parentSpanContext.traceState;
      validParentSpanContext = parentSpanContext;
    }
    const spanKind = options.kind ?? SpanKind.INTERNAL;
    const links = (options.links ?? []).map((link) => {
      return {
        context: link.context,
        ...cleanAttributes(link.attributes, {
          attributeCountLimit: this._spanLimits.attributePerLinkCountLimit,
          attributeValueLengthLimit: this._spanLimits.attributeValueLengthLimit
        })
      };
    });
    const attrsData1 = cleanAttributes(options.attributes, NO_ATTR_LIMITS);
    const attributes = attrsData1.attributes ?? {};
    const samplingResult = this._sampler.shouldSample(context2, traceId, name, spanKind, attributes, links);
    const recordEndMetrics = this._tracerMetrics.startSpan(parentSpanContext, samplingResult.decision);
    traceState = samplingResult.traceState ?? traceState;
    const traceFlags = samplingResult.decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE;
    const spanContext = {
      traceId,
      spanId,
      traceFlags,
      traceState
    };
    if (samplingResult.decision === SamplingDecision.NOT_RECORD) {
      diag.debug("Recording is off, propagating context in a non-recording span");
      return trace.wrapSpanContext(spanContext);
    }
    const attrsData2 = cleanAttributes(Object.assign(attributes, samplingResult.attributes), this._spanLimits);
    return new SpanImpl({
      resource: this._resource,
      scope: this.instrumentationScope,
      context: context2,
      spanContext,
      name,
      kind: spanKind,
      links,
      parentSpanContext: validParentSpanContext,
      attributes: attrsData2.attributes,
      droppedAttributesCount: (attrsData1.droppedAttributesCount ?? 0) + (attrsData2.droppedAttributesCount ?? 0),
      startTime: options.startTime,
      spanProcessor: this._spanProcessor,
      spanLimits: this._spanLimits,
      recordEndMetrics
    });
  }
  startActiveSpan(name, arg2, arg3, arg4) {
    let opts;
    let ctx;
    let fn;
    if (arguments.length < 2) return;
    else if (arguments.length === 2) fn = arg2;
    else if (arguments.length === 3) {
      opts = arg2;
      fn = arg3;
    } else {
      opts = arg2;
      ctx = arg3;
      fn = arg4;
    }
    const parentContext = ctx ?? context.active();
    const span = this.startSpan(name, opts, parentContext);
    const contextWithSpanSet = trace.setSpan(parentContext, span);
    return context.with(contextWithSpanSet, fn, void 0, span);
  }
  [inspectCustom](depth, options, inspect) {
    const payload = {
      instrumentationScope: this.instrumentationScope,
      resource: { attributes: settledResourceAttributes(this._resource) },
      spanLimits: this._spanLimits
    };
    return formatInspect("Tracer", payload, depth, options, inspect);
  }
};

// node_modules/@opentelemetry/sdk-trace/dist/MultiSpanProcessor.mjs
var MultiSpanProcessor = class {
  _spanProcessors;
  constructor(spanProcessors) {
    this._spanProcessors = spanProcessors;
  }
  forceFlush() {
    const promises = [];
    for (const spanProcessor of this._spanProcessors) promises.push(spanProcessor.forceFlush());
    return new Promise((resolve) => {
      Promise.all(promises).then(() => {
        resolve();
      }).catch((error) => {
        globalErrorHandler(error || /* @__PURE__ */ new Error("MultiSpanProcessor: forceFlush failed"));
        resolve();
      });
    });
  }
  onStart(span, context2) {
    for (const spanProcessor of this._spanProcessors) spanProcessor.onStart(span, context2);
  }
  onEnding(span) {
    for (const spanProcessor of this._spanProcessors) if (spanProcessor.onEnding) spanProcessor.onEnding(span);
  }
  onEnd(span) {
    for (const spanProcessor of this._spanProcessors) spanProcessor.onEnd(span);
  }
  shutdown() {
    const promises = [];
    for (const spanProcessor of this._spanProcessors) promises.push(spanProcessor.shutdown());
    return new Promise((resolve, reject) => {
      Promise.all(promises).then(() => {
        resolve();
      }, reject);
    });
  }
};

// node_modules/@opentelemetry/resources/dist/utils.mjs
var isPromiseLike = (val) => {
  return val !== null && typeof val === "object" && typeof val.then === "function";
};

// node_modules/@opentelemetry/resources/dist/detectors/platform/node/default-service-name.mjs
var serviceName;
function defaultServiceName() {
  if (serviceName === void 0) try {
    const argv0 = globalThis.process.argv0;
    serviceName = argv0 ? `unknown_service:${argv0}` : "unknown_service";
  } catch {
    serviceName = "unknown_service";
  }
  return serviceName;
}

// node_modules/@opentelemetry/resources/dist/ResourceImpl.mjs
var ResourceImpl = class ResourceImpl2 {
  _rawAttributes;
  _asyncAttributesPending = false;
  _schemaUrl;
  _memoizedAttributes;
  static FromAttributeList(attributes, options) {
    const res = new ResourceImpl2({}, options);
    res._rawAttributes = guardedRawAttributes(attributes);
    res._asyncAttributesPending = attributes.filter(([_, val]) => isPromiseLike(val)).length > 0;
    return res;
  }
  constructor(resource, options) {
    const attributes = resource.attributes ?? {};
    this._rawAttributes = Object.entries(attributes).map(([k, v]) => {
      if (isPromiseLike(v)) this._asyncAttributesPending = true;
      return [k, v];
    });
    this._rawAttributes = guardedRawAttributes(this._rawAttributes);
    this._schemaUrl = validateSchemaUrl(options?.schemaUrl);
  }
  get asyncAttributesPending() {
    return this._asyncAttributesPending;
  }
  async waitForAsyncAttributes() {
    if (!this.asyncAttributesPending) return;
    for (let i = 0; i < this._rawAttributes.length; i++) {
      const [k, v] = this._rawAttributes[i];
      this._rawAttributes[i] = [k, isPromiseLike(v) ? await v : v];
    }
    this._asyncAttributesPending = false;
  }
  get attributes() {
    if (this.asyncAttributesPending) diag.error("Accessing resource attributes before async attributes settled");
    if (this._memoizedAttributes) return this._memoizedAttributes;
    const attrs = {};
    for (const [k, v] of this._rawAttributes) {
      if (isPromiseLike(v)) {
        diag.debug(`Unsettled resource attribute ${k} skipped`);
        continue;
      }
      if (Object.hasOwn(attrs, k)) {
      } else if (k.length === 0) diag.warn("dropping invalid resource attribute key: <empty string>");
      else if (!isSimpleAttributeValue(v)) diag.warn(`dropping invalid resource attribute value for key "${k}"`);
      else attrs[k] = v;
    }
    if (!this._asyncAttributesPending) this._memoizedAttributes = attrs;
    return attrs;
  }
  getRawAttributes() {
    return this._rawAttributes;
  }
  get schemaUrl() {
    return this._schemaUrl;
  }
  merge(resource) {
    if (resource == null) return this;
    const mergedSchemaUrl = mergeSchemaUrl(this, resource);
    const mergedOptions = mergedSchemaUrl ? { schemaUrl: mergedSchemaUrl } : void 0;
    return ResourceImpl2.FromAttributeList([...resource.getRawAttributes(), ...this.getRawAttributes()], mergedOptions);
  }
};
function resourceFromAttributes(attributes, options) {
  return ResourceImpl.FromAttributeList(Object.entries(attributes), options);
}
function resourceFromDetectedResource(detectedResource, options) {
  return new ResourceImpl(detectedResource, options);
}
function emptyResource() {
  return resourceFromAttributes({});
}
function defaultResource() {
  return resourceFromAttributes({
    [ATTR_SERVICE_NAME]: defaultServiceName(),
    [ATTR_TELEMETRY_SDK_LANGUAGE]: SDK_INFO[ATTR_TELEMETRY_SDK_LANGUAGE],
    [ATTR_TELEMETRY_SDK_NAME]: SDK_INFO[ATTR_TELEMETRY_SDK_NAME],
    [ATTR_TELEMETRY_SDK_VERSION]: SDK_INFO[ATTR_TELEMETRY_SDK_VERSION]
  });
}
function guardedRawAttributes(attributes) {
  return attributes.map(([k, v]) => {
    if (isPromiseLike(v)) return [k, v.then((val) => val, (err) => {
      diag.debug("promise rejection for resource attribute: %s - %s", k, err);
    })];
    return [k, v];
  });
}
function validateSchemaUrl(schemaUrl) {
  if (typeof schemaUrl === "string" || schemaUrl === void 0) return schemaUrl;
  diag.warn("Schema URL must be string or undefined, got %s. Schema URL will be ignored.", schemaUrl);
}
function mergeSchemaUrl(old, updating) {
  const oldSchemaUrl = old?.schemaUrl;
  const updatingSchemaUrl = updating?.schemaUrl;
  const isOldEmpty = oldSchemaUrl === void 0 || oldSchemaUrl === "";
  const isUpdatingEmpty = updatingSchemaUrl === void 0 || updatingSchemaUrl === "";
  if (isOldEmpty) return updatingSchemaUrl;
  if (isUpdatingEmpty) return oldSchemaUrl;
  if (oldSchemaUrl === updatingSchemaUrl) return oldSchemaUrl;
  diag.warn('Schema URL merge conflict: old resource has "%s", updating resource has "%s". Resulting resource will have undefined Schema URL.', oldSchemaUrl, updatingSchemaUrl);
}

// node_modules/@opentelemetry/resources/dist/detect-resources.mjs
var detectResources = (config = {}) => {
  return (config.detectors || []).map((d) => {
    try {
      const resource = resourceFromDetectedResource(d.detect(config));
      diag.debug(`${d.constructor.name} found resource.`, resource);
      return resource;
    } catch (e) {
      diag.debug(`${d.constructor.name} failed: ${e.message}`);
      return emptyResource();
    }
  }).reduce((acc, resource) => acc.merge(resource), emptyResource());
};

// node_modules/@opentelemetry/resources/dist/detectors/ResourceAttributesEnvDetector.mjs
var ResourceAttributesEnvDetector = class {
  _MAX_LENGTH = 255;
  _COMMA_SEPARATOR = ",";
  _LABEL_KEY_VALUE_SPLITTER = "=";
  detect(_config) {
    const attributes = {};
    const rawAttributes = getStringFromEnv("OTEL_RESOURCE_ATTRIBUTES");
    if (rawAttributes) try {
      const parsedAttributes = this._parseResourceAttributes(rawAttributes);
      Object.assign(attributes, parsedAttributes);
    } catch (e) {
      diag.debug(`ResourceAttributesEnvDetector failed: ${e instanceof Error ? e.message : e}`);
    }
    return { attributes };
  }
  /**
  * Creates an attribute map from the OTEL_RESOURCE_ATTRIBUTES environment
  * variable.
  *
  * OTEL_RESOURCE_ATTRIBUTES: A comma-separated list of attributes in the
  * format "key1=value1,key2=value2". The ',' and '=' characters in keys
  * and values MUST be percent-encoded. Other characters MAY be percent-encoded.
  *
  * Per the spec, on any error (e.g., decoding failure), the entire environment
  * variable value is discarded.
  *
  * @param rawEnvAttributes The resource attributes as a comma-separated list
  * of key/value pairs.
  * @returns The parsed resource attributes.
  * @throws Error if parsing fails (caller handles by discarding all attributes)
  */
  _parseResourceAttributes(rawEnvAttributes) {
    if (!rawEnvAttributes) return {};
    const attributes = {};
    const rawAttributes = rawEnvAttributes.split(this._COMMA_SEPARATOR).filter((attr) => attr.trim() !== "");
    for (const rawAttribute of rawAttributes) {
      const keyValuePair = rawAttribute.split(this._LABEL_KEY_VALUE_SPLITTER);
      if (keyValuePair.length !== 2) throw new Error(`Invalid format for OTEL_RESOURCE_ATTRIBUTES: "${rawAttribute}". Expected format: key=value. The ',' and '=' characters must be percent-encoded in keys and values.`);
      const [rawKey, rawValue] = keyValuePair;
      const key = rawKey.trim();
      const value = rawValue.trim();
      if (key.length === 0) throw new Error(`Invalid OTEL_RESOURCE_ATTRIBUTES: empty attribute key in "${rawAttribute}".`);
      let decodedKey;
      let decodedValue;
      try {
        decodedKey = decodeURIComponent(key);
        decodedValue = decodeURIComponent(value);
      } catch (e) {
        throw new Error(`Failed to percent-decode OTEL_RESOURCE_ATTRIBUTES entry "${rawAttribute}": ${e instanceof Error ? e.message : e}`, { cause: e });
      }
      if (decodedKey.length > this._MAX_LENGTH) throw new Error(`Attribute key exceeds the maximum length of ${this._MAX_LENGTH} characters: "${decodedKey}".`);
      if (decodedValue.length > this._MAX_LENGTH) throw new Error(`Attribute value exceeds the maximum length of ${this._MAX_LENGTH} characters for key "${decodedKey}".`);
      attributes[decodedKey] = decodedValue;
    }
    return attributes;
  }
};
var resourceAttributesEnvDetector = new ResourceAttributesEnvDetector();

// node_modules/@opentelemetry/resources/dist/detectors/EnvDetector.mjs
var EnvDetector = class extends ResourceAttributesEnvDetector {
  /**
  * Returns a {@link Resource} populated with attributes from the
  * OTEL_RESOURCE_ATTRIBUTES environment variable. Note this is an async
  * function to conform to the Detector interface.
  *
  * @param config The resource detection config
  */
  detect(_config) {
    const attributes = {};
    const rawAttributes = getStringFromEnv("OTEL_RESOURCE_ATTRIBUTES");
    const serviceName2 = getStringFromEnv("OTEL_SERVICE_NAME");
    if (rawAttributes) try {
      const parsedAttributes = this._parseResourceAttributes(rawAttributes);
      Object.assign(attributes, parsedAttributes);
    } catch (e) {
      diag.debug(`EnvDetector failed: ${e instanceof Error ? e.message : e}`);
    }
    if (serviceName2) attributes[ATTR_SERVICE_NAME] = serviceName2;
    return { attributes };
  }
};
var envDetector = new EnvDetector();

// node_modules/@opentelemetry/sdk-trace/dist/export/SpanProcessorMetrics.mjs
var componentCounter = /* @__PURE__ */ new Map();
var SpanProcessorMetrics = class {
  processedSpans;
  queueSize;
  queueSizeCallback;
  standardAttrs;
  droppedAttrs;
  constructor(componentType, meter, queueConfig) {
    const counter = componentCounter.get(componentType) ?? 0;
    componentCounter.set(componentType, counter + 1);
    this.standardAttrs = {
      [ATTR_OTEL_COMPONENT_TYPE]: componentType,
      [ATTR_OTEL_COMPONENT_NAME]: `${componentType}/${counter}`
    };
    this.droppedAttrs = {
      ...this.standardAttrs,
      [ATTR_ERROR_TYPE]: "queue_full"
    };
    this.processedSpans = meter.createCounter(METRIC_OTEL_SDK_PROCESSOR_SPAN_PROCESSED, {
      unit: "{span}",
      description: "The number of spans for which the processing has finished, either successful or failed."
    });
    if (queueConfig) {
      const { capacity, getQueueSize } = queueConfig;
      meter.createUpDownCounter(METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_CAPACITY, {
        unit: "{span}",
        description: "The maximum number of spans the queue of a given instance of an SDK span processor can hold."
      }).add(capacity, this.standardAttrs);
      this.queueSize = meter.createObservableUpDownCounter(METRIC_OTEL_SDK_PROCESSOR_SPAN_QUEUE_SIZE, {
        unit: "{span}",
        description: "The number of spans in the queue of a given instance of an SDK span processor."
      });
      this.queueSizeCallback = (result) => result.observe(getQueueSize(), this.standardAttrs);
      this.queueSize.addCallback(this.queueSizeCallback);
    }
  }
  dropSpans(count) {
    this.processedSpans.add(count, this.droppedAttrs);
  }
  finishSpans(count, error) {
    if (!error) {
      this.processedSpans.add(count, this.standardAttrs);
      return;
    }
    const attrs = {
      ...this.standardAttrs,
      [ATTR_ERROR_TYPE]: error.name
    };
    this.processedSpans.add(count, attrs);
  }
  shutdown() {
    if (this.queueSize && this.queueSizeCallback) this.queueSize.removeCallback(this.queueSizeCallback);
  }
};

// node_modules/@opentelemetry/sdk-trace/dist/export/BatchSpanProcessorBase.mjs
var BatchSpanProcessorBase = class {
  _maxExportBatchSize;
  _maxQueueSize;
  _scheduledDelayMillis;
  _exportTimeoutMillis;
  _exporter;
  _metrics;
  _isExporting = false;
  _finishedSpans = [];
  _timer;
  _shutdownOnce;
  _droppedSpansCount = 0;
  constructor(options) {
    this._exporter = options.exporter;
    this._maxExportBatchSize = options.maxExportBatchSize ?? 512;
    this._maxQueueSize = options.maxQueueSize ?? 2048;
    this._scheduledDelayMillis = options.scheduledDelayMillis ?? 5e3;
    this._exportTimeoutMillis = options.exportTimeoutMillis ?? 3e4;
    this._shutdownOnce = new BindOnceFuture(this._shutdown, this);
    if (this._maxExportBatchSize > this._maxQueueSize) {
      diag.warn("BatchSpanProcessor: maxExportBatchSize must be smaller or equal to maxQueueSize, setting maxExportBatchSize to match maxQueueSize");
      this._maxExportBatchSize = this._maxQueueSize;
    }
    const meter = options.selfObsMeterProvider ? options.selfObsMeterProvider.getMeter("@opentelemetry/sdk-trace") : createNoopMeter();
    this._metrics = new SpanProcessorMetrics(OTEL_COMPONENT_TYPE_VALUE_BATCHING_SPAN_PROCESSOR, meter, {
      capacity: this._maxQueueSize,
      getQueueSize: () => this._finishedSpans.length
    });
  }
  forceFlush() {
    if (this._shutdownOnce.isCalled) return this._shutdownOnce.promise;
    return this._flushAll();
  }
  onStart(_span, _parentContext) {
  }
  onEnd(span) {
    if (this._shutdownOnce.isCalled) return;
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    this._addToBuffer(span);
  }
  shutdown() {
    return this._shutdownOnce.call();
  }
  _shutdown() {
    return Promise.resolve().then(() => {
      return this.onShutdown();
    }).then(() => {
      return this._flushAll();
    }).then(() => {
      this._metrics.shutdown();
      return this._exporter.shutdown();
    });
  }
  /** Add a span in the buffer. */
  _addToBuffer(span) {
    if (this._finishedSpans.length >= this._maxQueueSize) {
      if (this._droppedSpansCount === 0) diag.debug("maxQueueSize reached, dropping spans");
      this._droppedSpansCount++;
      this._metrics.dropSpans(1);
      return;
    }
    if (this._droppedSpansCount > 0) {
      diag.warn(`Dropped ${this._droppedSpansCount} spans because maxQueueSize reached`);
      this._droppedSpansCount = 0;
    }
    this._finishedSpans.push(span);
    this._maybeStartTimer();
  }
  /**
  * Send all spans to the exporter respecting the batch size limit
  * This function is used only on forceFlush or shutdown,
  * for all other cases _flush should be used
  * */
  _flushAll() {
    return new Promise((resolve, reject) => {
      const promises = [];
      const count = Math.ceil(this._finishedSpans.length / this._maxExportBatchSize);
      for (let i = 0, j = count; i < j; i++) promises.push(this._flushOneBatch());
      Promise.all(promises).then(() => {
        resolve();
      }).catch(reject);
    });
  }
  _flushOneBatch() {
    this._clearTimer();
    if (this._finishedSpans.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(/* @__PURE__ */ new Error("Timeout"));
      }, this._exportTimeoutMillis);
      context.with(suppressTracing(context.active()), () => {
        let spans;
        if (this._finishedSpans.length <= this._maxExportBatchSize) {
          spans = this._finishedSpans;
          this._finishedSpans = [];
        } else spans = this._finishedSpans.splice(0, this._maxExportBatchSize);
        const doExport = () => this._exporter.export(spans, (result) => {
          clearTimeout(timer);
          this._metrics.finishSpans(spans.length, result.error);
          if (result.code === ExportResultCode.SUCCESS) resolve();
          else reject(result.error ?? /* @__PURE__ */ new Error("BatchSpanProcessor: span export failed"));
        });
        let pendingResources = null;
        for (let i = 0, len = spans.length; i < len; i++) {
          const resource = spans[i].resource;
          if (resource.asyncAttributesPending && resource.waitForAsyncAttributes) {
            pendingResources ??= /* @__PURE__ */ new Set();
            pendingResources.add(resource);
          }
        }
        if (pendingResources === null) doExport();
        else Promise.all(Array.from(pendingResources, (resource) => resource.waitForAsyncAttributes?.())).then(doExport, (err) => {
          globalErrorHandler(err);
          reject(err);
        });
      });
    });
  }
  _maybeStartTimer() {
    if (this._isExporting) return;
    const flush = () => {
      this._isExporting = true;
      this._flushOneBatch().finally(() => {
        this._isExporting = false;
        if (this._finishedSpans.length > 0) {
          this._clearTimer();
          this._maybeStartTimer();
        }
      }).catch((e) => {
        this._isExporting = false;
        globalErrorHandler(e);
      });
    };
    if (this._finishedSpans.length >= this._maxExportBatchSize) return flush();
    if (this._timer !== void 0) return;
    this._timer = setTimeout(() => flush(), this._scheduledDelayMillis);
    unrefTimer(this._timer);
  }
  _clearTimer() {
    if (this._timer !== void 0) {
      clearTimeout(this._timer);
      this._timer = void 0;
    }
  }
};
function unrefTimer(timer) {
  const handle = timer;
  if (typeof handle !== "number") handle.unref?.();
}

// node_modules/@opentelemetry/sdk-trace/dist/platform/node/export/BatchSpanProcessor.mjs
var BatchSpanProcessor = class extends BatchSpanProcessorBase {
  onShutdown() {
  }
};

// node_modules/@opentelemetry/sdk-trace/dist/platform/node/RandomIdGenerator.mjs
var SPAN_ID_BYTES = 8;
var TRACE_ID_BYTES = 16;
var RandomIdGenerator = class {
  /**
  * Returns a random 16-byte trace ID formatted/encoded as a 32 lowercase hex
  * characters corresponding to 128 bits.
  */
  generateTraceId() {
    return generateId(TRACE_ID_BYTES);
  }
  /**
  * Returns a random 8-byte span ID formatted/encoded as a 16 lowercase hex
  * characters corresponding to 64 bits.
  */
  generateSpanId() {
    return generateId(SPAN_ID_BYTES);
  }
};
var SHARED_BUFFER = Buffer.allocUnsafe(TRACE_ID_BYTES);
function generateId(bytes) {
  for (let i = 0; i < bytes / 4; i++) SHARED_BUFFER.writeUInt32BE(Math.random() * 2 ** 32 >>> 0, i * 4);
  for (let i = 0; i < bytes; i++) if (SHARED_BUFFER[i] > 0) break;
  else if (i === bytes - 1) SHARED_BUFFER[bytes - 1] = 1;
  return SHARED_BUFFER.toString("hex", 0, bytes);
}

// node_modules/@opentelemetry/sdk-trace/dist/TracerProvider.mjs
var TracerProvider$1 = class {
  _resource;
  _activeSpanProcessor;
  _tracerOptions;
  _tracers = /* @__PURE__ */ new Map();
  constructor(options = {}) {
    this._resource = options.resource ?? defaultResource();
    const spanProcessors = options.spanProcessors ?? [];
    this._activeSpanProcessor = new MultiSpanProcessor(spanProcessors);
    this._tracerOptions = {
      resource: this._resource,
      sampler: options.sampler ?? new ParentBasedSampler({ root: new AlwaysOnSampler() }),
      spanLimits: {
        attributeCountLimit: options.spanLimits?.attributeCountLimit ?? 128,
        attributeValueLengthLimit: options.spanLimits?.attributeValueLengthLimit ?? Infinity,
        eventCountLimit: options.spanLimits?.eventCountLimit ?? 128,
        linkCountLimit: options.spanLimits?.linkCountLimit ?? 128,
        attributePerEventCountLimit: options.spanLimits?.attributePerEventCountLimit ?? 128,
        attributePerLinkCountLimit: options.spanLimits?.attributePerLinkCountLimit ?? 128
      },
      idGenerator: options.idGenerator || new RandomIdGenerator(),
      spanProcessor: this._activeSpanProcessor,
      meterProvider: options.meterProvider ?? { getMeter() {
        return createNoopMeter();
      } }
    };
  }
  getTracer(name, version, options) {
    const key = `${name}@${version || ""}:${options?.schemaUrl || ""}`;
    if (!this._tracers.has(key)) this._tracers.set(key, new Tracer$1({
      name,
      version,
      schemaUrl: options?.schemaUrl
    }, this._tracerOptions));
    return this._tracers.get(key);
  }
  forceFlush(options) {
    const timeout = options?.timeoutMillis ?? 3e4;
    const promises = this._activeSpanProcessor["_spanProcessors"].map((spanProcessor) => {
      return new Promise((resolve) => {
        let state;
        const timeoutInterval = setTimeout(() => {
          resolve(/* @__PURE__ */ new Error(`Span processor did not completed within timeout period of ${timeout} ms`));
          state = 1;
        }, timeout);
        spanProcessor.forceFlush().then(() => {
          clearTimeout(timeoutInterval);
          if (state !== 1) {
            state = 0;
            resolve(state);
          }
        }).catch((error) => {
          clearTimeout(timeoutInterval);
          state = 2;
          resolve(error);
        });
      });
    });
    return new Promise((resolve, reject) => {
      Promise.all(promises).then((results) => {
        const errors = results.filter((result) => result !== 0);
        if (errors.length > 0) reject(errors);
        else resolve();
      }).catch((error) => reject([error]));
    });
  }
  shutdown() {
    return this._activeSpanProcessor.shutdown();
  }
  [inspectCustom](depth, options, inspect) {
    const processors = this._activeSpanProcessor["_spanProcessors"];
    const payload = {
      resource: { attributes: settledResourceAttributes(this._resource) },
      tracers: Array.from(this._tracers.keys()),
      spanProcessors: processors.map((p) => p.constructor?.name ?? "SpanProcessor")
    };
    return formatInspect("TracerProvider", payload, depth, options, inspect);
  }
};

// src/telemetry/otel-config.ts
var DEFAULT_SERVICE_NAME = "progressive-release";
function protocolOf(env) {
  const asked = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? "").trim() || (env.OTEL_EXPORTER_OTLP_PROTOCOL ?? "").trim() || "http/protobuf";
  if (asked === "http/protobuf" || asked === "http/json") return { ok: true, protocol: asked };
  if (asked === "grpc")
    return {
      ok: false,
      reason: "OTLP protocol grpc is not supported (it would add a gRPC stack to every job that sends traces); set OTEL_EXPORTER_OTLP_PROTOCOL to http/protobuf or http/json and point the endpoint at the collector's HTTP port (4318)"
    };
  return { ok: false, reason: "the OTLP protocol variable is neither http/protobuf nor http/json (grpc is not supported)" };
}
function endpointProblem(env) {
  const name = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? "").trim() !== "" ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : "OTEL_EXPORTER_OTLP_ENDPOINT";
  const raw = (env[name] ?? "").trim();
  try {
    const url = new URL(raw);
    if (url.protocol === "http:" || url.protocol === "https:") return void 0;
  } catch {
  }
  return `${name} is not an http(s) URL`;
}
function maskOtlpSecrets(env, setSecret) {
  for (const name of ["OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS"]) {
    const raw = env[name];
    if (raw === void 0 || raw.trim() === "") continue;
    for (const entry of raw.split(",")) {
      const at = entry.indexOf("=");
      if (at < 0) continue;
      const value = entry.slice(at + 1).trim();
      if (value !== "") setSecret(value);
    }
    for (const value of Object.values(parseKeyPairsIntoRecord(raw))) if (value !== "") setSecret(value);
  }
  for (const name of ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]) {
    const raw = env[name];
    if (raw === void 0) continue;
    try {
      const url = new URL(raw);
      if (url.password !== "") setSecret(decodeURIComponent(url.password));
      if (url.username !== "") setSecret(decodeURIComponent(url.username));
    } catch {
    }
  }
}
var EXPORT_TIMEOUT_MS = 4e3;
async function createExporter(protocol, env) {
  const timeoutSet = ["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT"].some((n) => (env[n] ?? "").trim() !== "");
  const config = timeoutSet ? {} : { timeoutMillis: EXPORT_TIMEOUT_MS };
  if (protocol === "http/json") {
    const { OTLPTraceExporter: OTLPTraceExporter2 } = await import("./chunk-opentelemetry-exporter-trace-otlp-http-index.js");
    return new OTLPTraceExporter2(config);
  }
  const { OTLPTraceExporter } = await import("./chunk-opentelemetry-exporter-trace-otlp-proto-index.js");
  return new OTLPTraceExporter(config);
}
function releaseResource() {
  return defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: DEFAULT_SERVICE_NAME })).merge(detectResources({ detectors: [envDetector] }));
}

// src/telemetry/trace-attributes.ts
var A = "progressive_release.";
var REASON_MAX = 256;
function bounded(text) {
  return truncate(oneLine(text), REASON_MAX);
}
var PlanNames = class {
  index;
  constructor(plan) {
    this.index = new PlanNameIndex(plan);
  }
  gate(what, name) {
    return named(what, name, this.index.hasGate(name));
  }
  stage(what, name) {
    return named(what, name, this.index.hasStage(name));
  }
  region(what, name) {
    return named(what, name, this.index.hasRegion(name));
  }
};
function named(what, name, known) {
  return known ? bounded(`${what} ${name}`) : `${what} (unknown)`;
}
function whyOf(h) {
  return { [`${A}reason_code`]: bounded(h.reasonCode), [`${A}reason`]: bounded(h.reason) };
}
function gateNumbers(h) {
  const n = h.numbers ?? {};
  const out = {};
  if (n.value !== void 0) out[`${A}gate.value`] = n.value;
  if (n.min !== void 0) out[`${A}gate.min`] = n.min;
  if (n.max !== void 0) out[`${A}gate.max`] = n.max;
  if (n.threshold !== void 0) out[`${A}gate.threshold`] = n.threshold;
  if (n.limit !== void 0) out[`${A}gate.limit`] = n.limit;
  if (n.samples !== void 0) out[`${A}gate.samples`] = n.samples;
  if (n.successful !== void 0) out[`${A}gate.successful`] = n.successful;
  if (n.failed !== void 0) out[`${A}gate.failed`] = n.failed;
  if (n.inconclusive !== void 0) out[`${A}gate.inconclusive`] = n.inconclusive;
  for (const [field, name] of VERDICT_NUMBERS) {
    const v = n[field];
    if (v !== void 0 && Number.isFinite(v)) out[`${A}gate.${name}`] = v;
  }
  return out;
}
var VERDICT_NUMBERS = [
  ["canaryMean", "canary_mean"],
  ["baselineMean", "baseline_mean"],
  ["ratio", "ratio"],
  ["p", "p"],
  ["u", "u"],
  ["canaryN", "canary_n"],
  ["baselineN", "baseline_n"],
  ["tolerance", "tolerance"],
  ["lower", "lower"],
  ["upper", "upper"],
  ["burnRateShort", "burn_rate_short"],
  ["burnRateLong", "burn_rate_long"],
  ["factor", "factor"],
  ["objective", "objective"]
];
function freezeNumbers(h) {
  const n = h.numbers ?? {};
  const out = {};
  if (n.budgetRemaining !== void 0 && Number.isFinite(n.budgetRemaining)) out[`${A}freeze.budget_remaining`] = n.budgetRemaining;
  if (n.floor !== void 0 && Number.isFinite(n.floor)) out[`${A}freeze.floor`] = n.floor;
  if (n.objective !== void 0 && Number.isFinite(n.objective)) out[`${A}freeze.objective`] = n.objective;
  return out;
}
function observe(attributes, h) {
  const n = h.numbers ?? {};
  if (n.min !== void 0) attributes[`${A}gate.min`] = n.min;
  if (n.max !== void 0) attributes[`${A}gate.max`] = n.max;
  if (n.value === void 0) return;
  const lo = attributes[`${A}gate.observed_min`];
  const hi = attributes[`${A}gate.observed_max`];
  attributes[`${A}gate.observed_min`] = typeof lo === "number" ? Math.min(lo, n.value) : n.value;
  attributes[`${A}gate.observed_max`] = typeof hi === "number" ? Math.max(hi, n.value) : n.value;
}
var MEASUREMENT_PHASE = /^(successful|failed|inconclusive|error|wait):/;
function measurementPhase(h) {
  return MEASUREMENT_PHASE.exec(h.reason)?.[1] ?? "unknown";
}

// src/telemetry/trace-history.ts
function regionKey(c) {
  const region = c.h.region;
  return region === void 0 ? void 0 : `region:${region}#${c.attempt(region)}`;
}
function stepKey(c) {
  const rk = regionKey(c);
  return rk === void 0 || c.h.step === void 0 ? void 0 : `step:${rk}:${c.h.step}`;
}
function byOf(c) {
  return c.h.by !== void 0 ? { [`${A}approval.by`]: bounded(c.h.by) } : {};
}
function endRegion(c, withRegion, error) {
  const rk = regionKey(c);
  if (rk === void 0) return;
  for (const o of c.latestFirst()) if (o.region === rk && o.key !== rk) c.end(o.key, whyOf(c.h), error);
  if (withRegion) c.end(rk, whyOf(c.h), error);
}
function startRegion(c, rk, region) {
  const r = Object.hasOwn(c.state.regions, region) ? c.state.regions[region] : void 0;
  const stage = c.h.stage ?? (r && c.state.stages[r.stage]?.name) ?? "";
  c.start({
    key: rk,
    name: c.names.region("region", region),
    parentKey: `stage:${stage}`,
    start: c.h.at,
    attributes: { [`${A}stage`]: bounded(stage), [`${A}region`]: bounded(region), [`${A}attempt`]: c.attempt(region) },
    region: rk
  });
}
function startGate(c, rk, sk) {
  const { h } = c;
  const bake = c.get(`bake:${sk}`);
  return c.start({
    key: `gate:${sk}:${h.gate ?? ""}`,
    name: c.names.gate("gate", h.gate ?? ""),
    parentKey: `bake:${sk}`,
    start: Math.min(bake?.start ?? h.at, h.at),
    attributes: { [`${A}region`]: bounded(h.region ?? ""), [`${A}step`]: (h.step ?? 0) + 1, [`${A}gate`]: bounded(h.gate ?? "") },
    region: rk
  });
}
function stepAttributes(c) {
  return { [`${A}region`]: bounded(c.h.region ?? ""), [`${A}step`]: (c.h.step ?? 0) + 1, [`${A}traffic`]: c.h.numbers?.traffic ?? 0 };
}
function freezeRead(c) {
  const stage = c.h.stage ?? "";
  c.instant({
    name: c.names.stage("freeze", stage),
    parentKey: "release",
    start: c.h.at,
    end: c.h.at,
    // The region is the one whose budget the read reports (the lowest, or the one that could not be read).
    attributes: {
      [`${A}stage`]: bounded(stage),
      ...c.h.region !== void 0 ? { [`${A}region`]: bounded(c.h.region) } : {},
      ...whyOf(c.h),
      ...freezeNumbers(c.h)
    }
  });
}
var releaseHandlers = {
  "release-started": (c) => void c.start({
    key: "release",
    name: "release",
    parentKey: void 0,
    start: c.h.at,
    attributes: { [`${A}release.id`]: bounded(c.state.releaseId), [`${A}plan`]: bounded(c.state.planName), [`${A}version`]: bounded(c.state.version) }
  }),
  "release-finished": (c) => {
    const decision = c.state.outcome?.decision ?? "unknown";
    for (const o of c.latestFirst()) if (o.key !== "release") c.end(o.key, whyOf(c.h), "release-finished");
    c.end("release", { ...whyOf(c.h), [`${A}outcome`]: bounded(decision) }, decision === "promoted" ? void 0 : c.h.reasonCode);
  },
  "stage-awaiting-approval": (c) => {
    const stage = c.h.stage ?? "";
    c.start({
      key: `approval:stage:${stage}`,
      name: c.names.stage("approval", stage),
      parentKey: "release",
      start: c.h.at,
      attributes: { [`${A}stage`]: bounded(stage) }
    });
  },
  // The freeze's read before a stage (core/freeze.ts): a moment, not a span that lasts (the hold is the release's pause).
  "release-frozen": (c) => freezeRead(c),
  "freeze-lifted": (c) => freezeRead(c),
  "freeze-override-read": (c) => freezeRead(c),
  "stage-approved": (c) => c.end(`approval:stage:${c.h.stage ?? ""}`, { ...whyOf(c.h), ...byOf(c) }),
  "stage-started": (c) => {
    const stage = c.h.stage ?? "";
    c.end(`approval:stage:${stage}`, whyOf(c.h));
    c.start({ key: `stage:${stage}`, name: c.names.stage("stage", stage), parentKey: "release", start: c.h.at, attributes: { [`${A}stage`]: bounded(stage) } });
  },
  "stage-completed": (c) => c.end(`stage:${c.h.stage ?? ""}`, { ...whyOf(c.h), [`${A}regions.failed`]: c.h.numbers?.failed ?? 0, [`${A}failure_budget`]: c.h.numbers?.budget ?? 0 })
};
var stepHandlers = {
  "step-started": (c) => {
    const rk = regionKey(c);
    const sk = stepKey(c);
    if (rk === void 0 || sk === void 0 || c.h.region === void 0 || c.h.step === void 0) return;
    endRegion(c, false);
    startRegion(c, rk, c.h.region);
    c.start({ key: sk, name: `step ${c.h.step + 1}`, parentKey: rk, start: c.h.at, attributes: stepAttributes(c), region: rk });
  },
  "bake-started": (c) => {
    const rk = regionKey(c);
    const sk = stepKey(c);
    if (rk !== void 0 && sk !== void 0)
      c.start({ key: `bake:${sk}`, name: "bake", parentKey: sk, start: c.h.at, attributes: stepAttributes(c), region: rk });
  },
  "step-passed": (c) => {
    const sk = stepKey(c);
    if (sk === void 0) return;
    for (const o of c.latestFirst()) if (o.key.startsWith(`gate:${sk}:`)) c.end(o.key, { [`${A}gate.verdict`]: "none" });
    c.end(`bake:${sk}`, whyOf(c.h));
    c.end(sk, whyOf(c.h));
  }
};
var GATE_VERDICT = { "gate-passed": "passed", "gate-failed": "failed", "gate-inconclusive": "inconclusive" };
var gateVerdict = (c) => {
  const rk = regionKey(c);
  const sk = stepKey(c);
  if (rk === void 0 || sk === void 0 || c.h.gate === void 0) return;
  const gate = startGate(c, rk, sk);
  c.end(
    gate.key,
    { ...whyOf(c.h), [`${A}gate.verdict`]: GATE_VERDICT[c.h.kind] ?? "", ...gateNumbers(c.h) },
    c.h.kind === "gate-failed" ? c.h.reasonCode : void 0
  );
};
var gateHandlers = {
  measurement: (c) => {
    const { h } = c;
    const rk = regionKey(c);
    const sk = stepKey(c);
    if (rk === void 0 || sk === void 0 || h.gate === void 0) return;
    const gate = startGate(c, rk, sk);
    observe(gate.attributes, h);
    const phase = measurementPhase(h);
    c.instant({
      name: c.names.gate("measurement", h.gate),
      parentKey: gate.key,
      start: h.at,
      end: h.at,
      attributes: {
        [`${A}region`]: bounded(h.region ?? ""),
        [`${A}step`]: (h.step ?? 0) + 1,
        [`${A}gate`]: bounded(h.gate),
        [`${A}measurement.verdict`]: phase,
        ...whyOf(h),
        ...gateNumbers(h)
      },
      ...phase === "failed" || phase === "error" ? { error: h.reasonCode } : {}
    });
  },
  "gate-passed": gateVerdict,
  "gate-failed": gateVerdict,
  "gate-inconclusive": gateVerdict
};
var regionHandlers = {
  "region-awaiting-approval": (c) => {
    const rk = regionKey(c);
    if (rk === void 0 || c.h.region === void 0) return;
    startRegion(c, rk, c.h.region);
    const region = c.h.region;
    c.start({
      key: `approval:${rk}`,
      name: c.names.region("approval", region),
      parentKey: rk,
      start: c.h.at,
      attributes: { [`${A}region`]: bounded(region) },
      region: rk
    });
  },
  "region-approved": (c) => {
    const rk = regionKey(c);
    if (rk !== void 0) c.end(`approval:${rk}`, { ...whyOf(c.h), ...byOf(c) });
  },
  "region-promoted": (c) => endRegion(c, true),
  "region-failed": (c) => endRegion(c, true, c.h.reasonCode),
  "region-skipped": (c) => endRegion(c, true, c.h.reasonCode === "never-started" ? void 0 : c.h.reasonCode),
  "rollback-dispatched": (c) => {
    const rk = regionKey(c);
    if (rk !== void 0)
      c.start({
        key: `rollback:${rk}`,
        name: c.names.region("rollback", c.h.region ?? ""),
        parentKey: rk,
        start: c.h.at,
        attributes: { [`${A}region`]: bounded(c.h.region ?? "") }
      });
  },
  "region-rolled-back": (c) => {
    const rk = regionKey(c);
    if (rk !== void 0) c.end(`rollback:${rk}`, whyOf(c.h));
  },
  "rollback-failed": (c) => {
    const rk = regionKey(c);
    if (rk !== void 0) c.end(`rollback:${rk}`, whyOf(c.h), c.h.reasonCode);
  }
};
var commandHandlers = {
  // The only writer of a region's attempt is an accepted retry (core/retry.ts), and compaction keeps every command entry.
  command: (c) => {
    if (c.h.reasonCode === "retry" && c.h.region !== void 0) c.retried(c.h.region);
  }
};
var HANDLERS = {
  ...releaseHandlers,
  ...stepHandlers,
  ...gateHandlers,
  ...regionHandlers,
  ...commandHandlers
};

// src/telemetry/trace-open-spans.ts
var EntrySpans = class {
  /**
   * `attempts`: each region's attempt as far as the history has come (its accepted retries), so
   * an entry's spans belong to the attempt it was written in, not to the state's latest.
   */
  constructor(open, attempts, names, emitting, h, state) {
    this.open = open;
    this.attempts = attempts;
    this.names = names;
    this.emitting = emitting;
    this.h = h;
    this.state = state;
  }
  open;
  attempts;
  names;
  emitting;
  h;
  state;
  out = [];
  attempt(region) {
    return this.attempts.get(region) ?? 0;
  }
  retried(region) {
    this.attempts.set(region, this.attempt(region) + 1);
  }
  get(key) {
    return this.open.get(key);
  }
  /** Spans open now, the latest opened first (children before their parents). */
  latestFirst() {
    return [...this.open.values()].reverse();
  }
  /** Opens a span unless one of that key is open (the first entry that opens it gives its start). */
  start(o) {
    const known = this.open.get(o.key);
    if (known) return known;
    this.open.set(o.key, o);
    return o;
  }
  /** Ends the span of that key at this entry, if open. */
  end(key, extra = {}, error) {
    const o = this.open.get(key);
    if (!o) return;
    this.open.delete(key);
    if (!this.emitting) return;
    this.out.push({
      name: o.name,
      key: o.key,
      parentKey: o.parentKey,
      start: o.start,
      end: Math.max(o.start, this.h.at),
      attributes: { ...o.attributes, ...extra },
      // The status message: an entry's reason code, ledger text.
      ...error !== void 0 ? { error: bounded(error) } : {}
    });
  }
  /** A span that starts and ends now (a measurement). */
  instant(spec) {
    if (!this.emitting) return;
    const { error, ...rest } = spec;
    this.out.push(error !== void 0 ? { ...rest, error: bounded(error) } : rest);
  }
};

// src/telemetry/trace-spans.ts
var ReleaseSpans = class {
  open = /* @__PURE__ */ new Map();
  attempts = /* @__PURE__ */ new Map();
  names;
  /** `plan`: the release's, whose names alone appear in span names. */
  constructor(plan) {
    this.names = new PlanNames(plan);
  }
  /** Rebuilds the spans still open from a loaded history; emits nothing (the jobs before emitted what ended). */
  replay(history, state) {
    for (const h of history) HANDLERS[h.kind]?.(new EntrySpans(this.open, this.attempts, this.names, false, h, state));
  }
  /** The spans this entry ends (and the measurement it is); `state` is the state after it. */
  apply(h, state) {
    const c = new EntrySpans(this.open, this.attempts, this.names, true, h, state);
    HANDLERS[h.kind]?.(c);
    return c.out;
  }
};

// src/telemetry/otel-warning-exporter.ts
var WARNINGS_MAX = 3;
var WarningExporter = class {
  constructor(inner, warn) {
    this.inner = inner;
    this.warn = warn;
  }
  inner;
  warn;
  failures = 0;
  lost = 0;
  export(spans, done) {
    this.inner.export(spans, (result) => {
      if (result.code !== ExportResultCode.SUCCESS) this.failed(spans.length, result.error);
      done(result);
    });
  }
  failed(count, error) {
    this.failures += 1;
    this.lost += count;
    if (this.failures > WARNINGS_MAX) return;
    const why = error ? bounded(error.message || error.name) : "no reason given";
    const more = this.failures === WARNINGS_MAX ? "; further export failures are not reported" : "";
    this.warn(`traces: ${plural(count, "span")} could not be exported to the OTLP endpoint (${why}); the release goes on without them${more}`);
  }
  shutdown() {
    return this.inner.shutdown();
  }
  forceFlush() {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
};

// src/telemetry/trace-ids.ts
import { createHash } from "node:crypto";
var PREFIX = "progressive-release:";
function digest(text, bytes) {
  const hex = createHash("sha256").update(text).digest("hex").slice(0, bytes * 2);
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}
function traceIdOf(releaseId) {
  return digest(`${PREFIX}${releaseId}`, 16);
}
function spanIdOf(releaseId, key) {
  return digest(`${PREFIX}${releaseId}\0${key}`, 8);
}
var ReleaseIdGenerator = class {
  constructor(traceId) {
    this.traceId = traceId;
  }
  traceId;
  random = new RandomIdGenerator();
  next;
  forceNext(spanId) {
    this.next = spanId;
  }
  generateTraceId() {
    return this.traceId;
  }
  generateSpanId() {
    const id = this.next;
    this.next = void 0;
    return id ?? this.random.generateSpanId();
  }
};

// src/telemetry/trace-sink.ts
var ATTR_URL_TEMPLATE = "url.template";
var ATTR_CICD_PIPELINE_RUN_ID = "cicd.pipeline.run.id";
var ATTR_CICD_PIPELINE_TASK_NAME = "cicd.pipeline.task.name";
var EARLY_REQUESTS_MAX = 200;
var QUEUE_MAX = 2048;
var BATCH_MAX = 512;
async function createTraceSink(opts) {
  const protocol = protocolOf(opts.env);
  if (!protocol.ok) throw new Error(protocol.reason);
  maskOtlpSecrets(opts.env, opts.setSecret);
  const problem = endpointProblem(opts.env);
  if (problem !== void 0) throw new Error(problem);
  const exporter = new WarningExporter(await createExporter(protocol.protocol, opts.env), opts.warn);
  return new TraceSink(new BatchSpanProcessor({ exporter, maxQueueSize: QUEUE_MAX, maxExportBatchSize: BATCH_MAX }), opts.warn);
}
var TraceSink = class {
  constructor(processor, warn) {
    this.processor = processor;
    this.warn = warn;
  }
  processor;
  warn;
  provider;
  release;
  early = [];
  /** The trace id is known once the release is: the provider, and this job's span, start here. */
  opened(ctx, state) {
    if (this.release) return;
    const ids = new ReleaseIdGenerator(traceIdOf(ctx.releaseId));
    this.provider = new TracerProvider$1({ resource: releaseResource(), idGenerator: ids, spanProcessors: [this.processor] });
    const tracer = this.provider.getTracer("progressive-release");
    const spans = new ReleaseSpans(ctx.plan);
    spans.replay(state.history, state);
    const r = { releaseId: ctx.releaseId, tracer, ids, spans, invocation: void 0, invocationContext: ROOT_CONTEXT, finished: false };
    const start = Math.min(ctx.startedAt, ...this.early.map((e) => e.startedAt));
    const invocation = tracer.startSpan(
      `invocation ${ctx.kind}`,
      { startTime: new Date(start), attributes: invocationAttributes(ctx) },
      remoteParent(r, spanIdOf(ctx.releaseId, "release"))
    );
    r.invocation = invocation;
    r.invocationContext = trace.setSpan(ROOT_CONTEXT, invocation);
    this.release = r;
    for (const rec of this.early.splice(0)) requestSpan(r, rec);
  }
  transition(entry, state) {
    const r = this.release;
    if (!r) return;
    for (const spec of r.spans.apply(entry, state)) emit(r, spec);
  }
  request(rec) {
    if (this.release) requestSpan(this.release, rec);
    else if (this.early.length < EARLY_REQUESTS_MAX) this.early.push(rec);
  }
  /** The outcome goes on the job's span; it ends at the flush, after the summary's requests, the job's last. */
  finished(end) {
    const r = this.release;
    if (!r?.invocation || r.finished) return;
    r.finished = true;
    r.invocation.setAttributes({
      [`${A}outcome`]: end.decision,
      [`${A}reason_code`]: bounded(end.reasonCode),
      [`${A}reason`]: bounded(end.reason),
      [`${A}release.status`]: end.state.status
    });
    if (end.decision === "failed") r.invocation.setStatus({ code: SpanStatusCode.ERROR, message: end.reasonCode });
  }
  async flush(deadline) {
    const r = this.release;
    if (r?.invocation) {
      if (!r.finished) r.invocation.setAttribute(`${A}invocation.interrupted`, true);
      r.invocation.end();
      r.invocation = void 0;
    }
    if (!this.provider) return;
    const flushed = this.provider.forceFlush().catch(() => void 0);
    await Promise.race([flushed, untilAborted(deadline)]);
    if (deadline.aborted) this.warn("traces: the spans of this job were not all exported before the deadline; the release is not affected");
  }
};
function emit(r, spec) {
  const parent = spec.parentKey === void 0 ? ROOT_CONTEXT : remoteParent(r, spanIdOf(r.releaseId, spec.parentKey));
  if (spec.key !== void 0) r.ids.forceNext(spanIdOf(r.releaseId, spec.key));
  const span = r.tracer.startSpan(spec.name, { startTime: new Date(spec.start), attributes: spec.attributes }, parent);
  if (spec.error !== void 0) span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
  span.end(new Date(spec.end));
}
function requestSpan(r, rec) {
  const failed = rec.status === 0 || rec.status >= 400;
  const attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: rec.method,
    [ATTR_URL_TEMPLATE]: rec.route,
    [`${A}github.not_modified`]: rec.notModified,
    ...rec.status !== 0 ? { [ATTR_HTTP_RESPONSE_STATUS_CODE]: rec.status } : {},
    ...rec.rateLimitRemaining !== void 0 ? { [`${A}github.rate_limit_remaining`]: rec.rateLimitRemaining } : {},
    ...failed ? { [ATTR_ERROR_TYPE]: rec.status === 0 ? "no-answer" : String(rec.status) } : {}
  };
  const span = r.tracer.startSpan(`${rec.method} ${rec.route}`, { kind: SpanKind.CLIENT, startTime: new Date(rec.startedAt), attributes }, r.invocationContext);
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(new Date(rec.startedAt + rec.durationMs));
}
function remoteParent(r, spanId) {
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: traceIdOf(r.releaseId), spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });
}
function invocationAttributes(ctx) {
  return {
    [`${A}release.id`]: ctx.releaseId,
    [`${A}plan`]: ctx.plan.name,
    [`${A}version`]: ctx.version,
    [`${A}invocation.kind`]: ctx.kind,
    ...ctx.runId !== void 0 ? { [ATTR_CICD_PIPELINE_RUN_ID]: ctx.runId } : {},
    ...ctx.runAttempt !== void 0 ? { [`${A}run.attempt`]: ctx.runAttempt } : {},
    ...ctx.job !== void 0 ? { [ATTR_CICD_PIPELINE_TASK_NAME]: ctx.job } : {}
  };
}
export {
  createTraceSink
};
