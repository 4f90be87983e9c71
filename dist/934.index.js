export const id = 934;
export const ids = [934];
export const modules = {

/***/ 8480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ setPhase),
/* harmony export */   Rm: () => (/* binding */ log),
/* harmony export */   Xe: () => (/* binding */ ignore),
/* harmony export */   gV: () => (/* binding */ stageOf),
/* harmony export */   kY: () => (/* binding */ correlationId),
/* harmony export */   t7: () => (/* binding */ trafficOf)
/* harmony export */ });
/* unused harmony export parseCorrelationId */
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7066);

/** Appends one history entry at the event's time. */
function log(ctx, entry) {
    ctx.s.history.push({ at: ctx.at, ...entry });
}
/** Changes a region's phase and keeps `active` in step with it. */
function setPhase(ctx, r, phase) {
    const was = (0,_state_js__WEBPACK_IMPORTED_MODULE_0__/* .isActivePhase */ .qv)(r.phase);
    const will = (0,_state_js__WEBPACK_IMPORTED_MODULE_0__/* .isActivePhase */ .qv)(phase);
    ctx.s.counts[r.phase] -= 1;
    ctx.s.counts[phase] += 1;
    r.phase = phase;
    ctx.dirty.add(r.name);
    if (was && !will)
        delete ctx.s.active[r.name];
    else if (!was && will)
        ctx.s.active[r.name] = true;
}
function stageOf(ctx, r) {
    const stage = ctx.plan.stages[r.stage];
    if (!stage)
        throw new Error(`internal: region ${r.name} names stage #${r.stage}, which the plan does not have`);
    return stage;
}
/** The traffic of the region's current step. */
function trafficOf(ctx, r) {
    return stageOf(ctx, r).steps[r.step]?.traffic ?? 0;
}
/** Records an event that does not fit the state. It changes nothing else and emits nothing. */
function ignore(ctx, event, why) {
    const entry = { kind: 'ignored', reasonCode: 'event-ignored', reason: `${event.type} ignored: ${why}` };
    if ('region' in event && typeof event.region === 'string')
        entry.region = event.region;
    if ('step' in event && typeof event.step === 'number')
        entry.step = event.step;
    if ('by' in event && typeof event.by === 'string')
        entry.by = event.by;
    log(ctx, entry);
}
/** Correlation ids are unique per (release, region, kind, step): the adapter finds a run whose dispatch answer was lost by it. */
function correlationId(s, region, kind, step) {
    return `${s.releaseId}:${region}:${kind}:${step}`;
}
/** Reads a correlation id back (the simulator uses it to know which region a dispatch is for). */
function parseCorrelationId(id) {
    const m = /^(.*):([a-z][a-z0-9-]*):(deploy|rollback):(\d+)$/.exec(id);
    if (!m)
        return undefined;
    return { releaseId: m[1] ?? '', region: m[2] ?? '', kind: m[3] === 'rollback' ? 'rollback' : 'deploy', step: Number(m[4]) };
}


/***/ }),

/***/ 7066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   qv: () => (/* binding */ isActivePhase),
/* harmony export */   ue: () => (/* binding */ initialState)
/* harmony export */ });
/* unused harmony exports SCHEMA_VERSION, isTerminal */
const SCHEMA_VERSION = 1;
/** The state before the `started` event: every region pending. Region names are unique in a valid plan. */
function initialState(plan, releaseId, version) {
    const regions = {};
    plan.stages.forEach((stage, index) => {
        for (const name of stage.regions) {
            regions[name] = { name, stage: index, phase: 'pending', step: 0, runs: [], deployments: {}, rollbackDispatched: false, rollbackFailed: false };
        }
    });
    return {
        schemaVersion: SCHEMA_VERSION,
        releaseId,
        version,
        planName: plan.name,
        status: 'pending',
        now: 0,
        stage: 0,
        stages: plan.stages.map((s) => ({ name: s.name, phase: 'pending', cursor: 0, failed: 0 })),
        regions,
        active: {},
        counts: { pending: Object.keys(regions).length, deploying: 0, baking: 0, 'awaiting-approval': 0, promoted: 0, failed: 0, 'rolling-back': 0, 'rolled-back': 0, skipped: 0 },
        timers: [],
        touchCount: 0,
        history: [],
    };
}
/** Reads a state saved by this or another version; refuses what it cannot understand, naming why. */
function parseState(value) {
    if (typeof value !== 'object' || value === null)
        throw new Error('ledger state: expected a JSON object');
    const v = value.schemaVersion;
    if (v !== SCHEMA_VERSION)
        throw new Error(`ledger state: schemaVersion ${String(v)} is not supported (expected ${SCHEMA_VERSION})`);
    return value;
}
const TERMINAL = new Set(['promoted', 'failed', 'rolled-back', 'skipped']);
/** A region that will not change again unless the release stops and rolls it back. */
function isTerminal(phase) {
    return TERMINAL.has(phase);
}
/** Phases that keep a region in `active`. */
function isActivePhase(phase) {
    return phase === 'deploying' || phase === 'baking' || phase === 'rolling-back' || phase === 'awaiting-approval';
}


/***/ }),

/***/ 9478:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N$: () => (/* binding */ assessObservation),
/* harmony export */   UL: () => (/* binding */ newCounters),
/* harmony export */   aM: () => (/* binding */ assessGate),
/* harmony export */   vw: () => (/* binding */ gateTarget),
/* harmony export */   z5: () => (/* binding */ countVerdict)
/* harmony export */ });
function fmt(n) {
    // Four significant digits, without the trailing zeros toPrecision pads with (0.01, not 0.01000).
    return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4)));
}
/** Judges one observation of one gate. Missing data and errors are never a pass unless `onNoData: pass` says so. */
function assessObservation(obs, gate) {
    const limits = {};
    if (gate.min !== undefined)
        limits.min = gate.min;
    if (gate.max !== undefined)
        limits.max = gate.max;
    if (obs.kind === 'error') {
        return { phase: 'error', reasonCode: 'metric-error', reason: `metric backend error: ${obs.message}`, numbers: limits };
    }
    // NaN comes back from PromQL for 0/0 (no traffic): that is missing data, not a value.
    if (obs.kind === 'no-data' || !Number.isFinite(obs.value)) {
        const detail = obs.kind === 'no-data' ? obs.detail : `value is ${String(obs.value)}`;
        switch (gate.onNoData) {
            case 'pass':
                return { phase: 'successful', reasonCode: 'no-data-pass', reason: `no data (${detail}); counted as success (onNoData: pass)`, numbers: limits };
            case 'fail':
                return { phase: 'failed', reasonCode: 'no-data-fail', reason: `no data (${detail}); counted as failure (onNoData: fail)`, numbers: limits };
            case 'wait':
                return { phase: 'wait', reasonCode: 'no-data-wait', reason: `no data (${detail}); measuring again (onNoData: wait)`, numbers: limits };
            default:
                return { phase: 'inconclusive', reasonCode: 'no-data', reason: `no data (${detail}); inconclusive`, numbers: limits };
        }
    }
    const numbers = { ...limits, value: obs.value };
    if (gate.min === undefined && gate.max === undefined) {
        return { phase: 'inconclusive', reasonCode: 'no-threshold', reason: `value ${fmt(obs.value)} but the gate has neither min nor max`, numbers };
    }
    if (gate.min !== undefined && obs.value < gate.min) {
        return { phase: 'failed', reasonCode: 'below-min', reason: `value ${fmt(obs.value)} is below min ${fmt(gate.min)}`, numbers: { ...numbers, threshold: gate.min } };
    }
    if (gate.max !== undefined && obs.value > gate.max) {
        return { phase: 'failed', reasonCode: 'above-max', reason: `value ${fmt(obs.value)} is above max ${fmt(gate.max)}`, numbers: { ...numbers, threshold: gate.max } };
    }
    const bounds = [gate.min !== undefined ? `>= ${fmt(gate.min)}` : '', gate.max !== undefined ? `<= ${fmt(gate.max)}` : ''].filter(Boolean).join(' and ');
    return { phase: 'successful', reasonCode: 'within-threshold', reason: `value ${fmt(obs.value)} is ${bounds}`, numbers };
}
/** Fresh counters for one bake. */
function newCounters(target, firstAt) {
    return { measurements: 0, successful: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0, noDataWaits: 0, target, status: 'measuring', nextAt: firstAt, awaiting: false };
}
/** Adds one verdict to the counters (returns new counters). */
function countVerdict(c, v) {
    const next = { ...c };
    switch (v.phase) {
        case 'error':
            next.errors += 1;
            next.consecutiveErrors += 1;
            return next;
        case 'wait':
            next.noDataWaits += 1;
            next.consecutiveErrors = 0;
            return next;
        default:
            next.consecutiveErrors = 0;
            next.measurements += 1;
            next[v.phase] += 1;
            return next;
    }
}
/**
 * The gate's status from its counters. Order matters: a failure beats an inconclusive, so a
 * gate that both failed and went quiet fails. A gate passes only when all `target`
 * measurements are in within limits AND at least one was successful: a bake of nothing but
 * tolerated inconclusives proves nothing, so it is inconclusive (Argo would pass it).
 */
function assessGate(c, gate) {
    const numbers = { samples: c.measurements, successful: c.successful, failed: c.failed, inconclusive: c.inconclusive, errors: c.errors, consecutiveErrors: c.consecutiveErrors };
    if (c.failed > gate.failureLimit) {
        return { status: 'failed', reasonCode: 'gate-failed', reason: `${c.failed} failed measurement(s) exceed failureLimit ${gate.failureLimit}`, numbers: { ...numbers, limit: gate.failureLimit } };
    }
    if (c.consecutiveErrors > gate.consecutiveErrorLimit) {
        return { status: 'failed', reasonCode: 'gate-errors', reason: `${c.consecutiveErrors} consecutive backend errors exceed consecutiveErrorLimit ${gate.consecutiveErrorLimit}`, numbers: { ...numbers, limit: gate.consecutiveErrorLimit } };
    }
    if (c.inconclusive > gate.inconclusiveLimit) {
        return { status: 'inconclusive', reasonCode: 'gate-inconclusive', reason: `${c.inconclusive} inconclusive measurement(s) exceed inconclusiveLimit ${gate.inconclusiveLimit}`, numbers: { ...numbers, limit: gate.inconclusiveLimit } };
    }
    if (c.measurements >= c.target) {
        if (c.successful === 0) {
            return { status: 'inconclusive', reasonCode: 'gate-no-success', reason: `${c.measurements} measurement(s) taken, none successful`, numbers };
        }
        return { status: 'passed', reasonCode: 'gate-passed', reason: `${c.successful}/${c.measurements} successful within limits`, numbers };
    }
    return { status: 'measuring', reasonCode: 'gate-measuring', reason: `${c.measurements}/${c.target} measurements`, numbers };
}
/** Measurements a gate takes in a bake: `count`, or as many intervals as fit (after the initial delay). */
function gateTarget(gate, bakeMs) {
    if (gate.count !== undefined)
        return gate.count;
    return Math.floor(Math.max(0, bakeMs - gate.initialDelayMs) / gate.intervalMs);
}


/***/ }),

/***/ 7345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fe: () => (/* binding */ reduceValues),
/* harmony export */   J9: () => (/* binding */ jsonBody),
/* harmony export */   Pw: () => (/* binding */ authHeaders),
/* harmony export */   aj: () => (/* binding */ httpRequest),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   pc: () => (/* binding */ baseUrl),
/* harmony export */   qF: () => (/* binding */ parseJson),
/* harmony export */   rl: () => (/* binding */ numberOf)
/* harmony export */ });
/* unused harmony export HttpError */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(292);

/** A failed exchange (timeout, refused connection, ...): the message says which. */
class HttpError extends Error {
    name = 'HttpError';
}
/** Sends one request; resolves with any HTTP status (the caller reads error bodies), rejects with HttpError on transport failure. */
async function httpRequest(deps, req) {
    const controller = new AbortController();
    // The loader defaults provider.timeoutMs to 10 s; a hand-built provider without one gets the same, never "no timeout".
    const timeoutMs = req.timeoutMs > 0 ? req.timeoutMs : 10_000;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
        const init = { method: req.method, headers: req.headers, signal: controller.signal };
        if (req.body !== undefined)
            init.body = req.body;
        const res = await deps.fetch(req.url, init);
        // The body read is under the same deadline: a server that sends headers and then stalls is a timeout too.
        const text = await res.text();
        return { status: res.status, statusText: res.statusText, text };
    }
    catch (err) {
        if (controller.signal.aborted)
            throw new HttpError(`no answer within ${formatMs(timeoutMs)} (timeout) from ${safeUrl(req.url)}`);
        throw new HttpError(`request to ${safeUrl(req.url)} failed: ${causeOf(err)}`);
    }
    finally {
        clearTimeout(timer);
    }
}
function formatMs(ms) {
    return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
/** The URL without its query string (which may be long, and carries the query already named elsewhere). */
function safeUrl(url) {
    const q = url.indexOf('?');
    return q < 0 ? url : url.slice(0, q);
}
/** Node's fetch says "fetch failed" and hides the reason in `cause` (ECONNREFUSED, ENOTFOUND...). */
function causeOf(err) {
    if (!(err instanceof Error))
        return String(err);
    const cause = err.cause;
    if (cause instanceof Error) {
        const code = cause.code;
        return code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
    }
    return err.message;
}
/** The provider's base URL (from `url` or the variable named by `urlEnv`), without a trailing slash. */
function baseUrl(provider, env) {
    let url;
    if ('url' in provider && provider.url)
        url = provider.url;
    else if ('urlEnv' in provider && provider.urlEnv)
        url = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .requireEnv */ .tr)(env, provider.urlEnv, `provider ${provider.name} url`);
    return url?.replace(/\/+$/, '');
}
/** Custom headers (literal or `{env: NAME}`) plus bearer or basic auth. Throws MissingEnvError naming the variable. */
function authHeaders(provider, env) {
    const headers = {};
    for (const [name, value] of Object.entries(provider.headers ?? {})) {
        headers[name] = typeof value === 'string' ? value : (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .requireEnv */ .tr)(env, value.env, `provider ${provider.name} header ${name}`);
    }
    if ('bearerTokenEnv' in provider && provider.bearerTokenEnv) {
        headers.Authorization = `Bearer ${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .requireEnv */ .tr)(env, provider.bearerTokenEnv, `provider ${provider.name} bearer token`)}`;
    }
    if ('basicAuth' in provider && provider.basicAuth) {
        const user = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .requireEnv */ .tr)(env, provider.basicAuth.usernameEnv, `provider ${provider.name} basic auth user`);
        const pass = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .requireEnv */ .tr)(env, provider.basicAuth.passwordEnv, `provider ${provider.name} basic auth password`);
        headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    }
    return headers;
}
/**
 * Parses a JSON body; the error says what came back instead (first bytes). `redact` scrubs the
 * WHOLE text before the excerpt is cut: cut first, a secret straddling the cut leaks its head.
 */
function parseJson(text, what, redact = (t) => t) {
    try {
        return JSON.parse(text);
    }
    catch {
        const head = redact(text).slice(0, 120).replace(/\s+/g, ' ');
        throw new HttpError(`${what} answered with something that is not JSON: '${head}${text.length > 120 ? '...' : ''}'`);
    }
}
/**
 * The answer's JSON body, or the error observation a non-JSON answer becomes (with the HTTP
 * status in front when the answer was an HTTP error, so a proxy's HTML 502 page reads as a 502).
 */
function jsonBody(answer, what, redact) {
    try {
        return { body: parseJson(answer.text, what, redact) };
    }
    catch (err) {
        const prefix = answer.status >= 400 ? `HTTP ${answer.status} ${answer.statusText}: ` : '';
        return { error: { kind: 'error', message: redact(prefix + messageOf(err)) } };
    }
}
/** Reduces values with a gate's reducer (values are finite; `last` is the last in order). */
function reduceValues(values, reducer) {
    switch (reducer) {
        case 'sum':
            return values.reduce((a, b) => a + b, 0);
        case 'avg':
            return values.reduce((a, b) => a + b, 0) / values.length;
        case 'max':
            return Math.max(...values);
        case 'min':
            return Math.min(...values);
        case 'last':
            return values[values.length - 1];
    }
}
/** Reads a number the way backends write them: numbers, or strings such as "0.25", "NaN", "+Inf". */
function numberOf(raw) {
    if (typeof raw === 'number')
        return raw;
    if (typeof raw !== 'string')
        return undefined;
    const t = raw.trim();
    if (t === 'NaN')
        return Number.NaN;
    if (t === '+Inf' || t === 'Inf')
        return Number.POSITIVE_INFINITY;
    if (t === '-Inf')
        return Number.NEGATIVE_INFINITY;
    if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t))
        return undefined;
    return Number(t);
}
/** The message of anything thrown. */
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 5854:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  n: () => (/* binding */ createMetricsPort)
});

// EXTERNAL MODULE: ./src/runner/io.ts + 2 modules
var io = __webpack_require__(5416);
// EXTERNAL MODULE: ./src/plan/template.ts
var template = __webpack_require__(7909);
// EXTERNAL MODULE: ./src/metrics/escape.ts
var metrics_escape = __webpack_require__(4506);
// EXTERNAL MODULE: ./src/metrics/http.ts
var http = __webpack_require__(7345);
;// CONCATENATED MODULE: ./src/metrics/prometheus.ts
/**
 * Prometheus: one instant query (`/api/v1/query`) evaluated AT the measurement time, so a
 * measurement means the same thing whether it runs on time or late (reconcile, retries).
 * Shapes (Prometheus HTTP API): `{status: "success", data: {resultType, result}}` or
 * `{status: "error", errorType, error}` (with HTTP 400/422/503). Following argo-rollouts'
 * provider, every failure becomes data (an `error` observation), never an exception.
 */



/** Renders the gate's PromQL for a region/step, every value escaped for where it sits. */
function renderPromql(req) {
    if (req.gate.query === undefined)
        throw new Error(`gate ${req.gate.name} has no query`);
    return (0,metrics_escape/* renderFor */.EN)('promql', req.gate.query, (0,template/* contextValues */.S3)(req.context));
}
/** `name{a="b", c="d"}`, the way Prometheus prints a series. */
function seriesName(metric) {
    const m = { ...(metric ?? {}) };
    const name = m.__name__ ?? '';
    delete m.__name__;
    const labels = Object.keys(m).sort().map((k) => `${k}="${m[k]}"`).join(', ');
    return `${name}{${labels}}`;
}
function nonFinite(value, where) {
    return { kind: 'no-data', detail: `${where} is ${value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN'}` };
}
/** Turns a successful query's `data` into an observation. Exported for tests of the shapes. */
function observationOf(data, reducer) {
    const d = data;
    switch (d?.resultType) {
        case 'scalar': {
            const value = (0,http/* numberOf */.rl)(d.result?.[1]);
            if (value === undefined)
                return { kind: 'error', message: 'Prometheus returned a scalar without a number' };
            return Number.isFinite(value) ? { kind: 'value', value, detail: 'scalar' } : nonFinite(value, 'the scalar');
        }
        case 'vector': {
            const samples = Array.isArray(d.result) ? d.result : [];
            if (samples.length === 0)
                return { kind: 'no-data', detail: 'the query returned an empty vector (no series match)' };
            const read = samples.map((s) => ({ name: seriesName(s.metric), value: (0,http/* numberOf */.rl)(s.value?.[1]) }));
            const bad = read.find((r) => r.value === undefined);
            if (bad)
                return { kind: 'error', message: `Prometheus returned a sample without a number for ${bad.name}` };
            if (read.length === 1) {
                const only = read[0];
                return Number.isFinite(only.value) ? { kind: 'value', value: only.value, detail: only.name } : nonFinite(only.value, only.name);
            }
            if (reducer === undefined || reducer === 'last') {
                const names = read.slice(0, 5).map((r) => r.name).join(', ');
                const more = read.length > 5 ? ` and ${read.length - 5} more` : '';
                const how = reducer === 'last' ? "reduce: last needs one series; use sum, avg, max or min" : 'aggregate them in the query (e.g. sum(...)) or set reduce: sum|avg|max|min on the gate';
                return { kind: 'error', message: `the query returned ${read.length} series, expected one: ${names}${more}; ${how}` };
            }
            const finite = read.filter((r) => Number.isFinite(r.value)).map((r) => r.value);
            if (finite.length === 0)
                return { kind: 'no-data', detail: `all ${read.length} series are NaN or infinite` };
            return { kind: 'value', value: (0,http/* reduceValues */.Fe)(finite, reducer), detail: `${reducer} of ${finite.length} series` };
        }
        case 'matrix':
            return { kind: 'error', message: 'the query returned a range vector (matrix); a gate needs one instant value: wrap the range selector in a function such as rate(x[5m]) or avg_over_time(x[5m])' };
        case 'string':
            return { kind: 'error', message: 'the query returned a string; a gate needs a number' };
        default:
            return { kind: 'error', message: `Prometheus answered without a known resultType (${JSON.stringify(d?.resultType ?? null)})` };
    }
}
/** Runs one instant query; never throws. */
async function measurePrometheus(deps, req) {
    try {
        const base = (0,http/* baseUrl */.pc)(req.provider, deps.env);
        if (base === undefined)
            return { kind: 'error', message: `provider ${req.provider.name} has no url` };
        const query = renderPromql(req);
        const params = new URLSearchParams({ query, time: (req.at / 1000).toFixed(3) });
        const headers = (0,http/* authHeaders */.Pw)(req.provider, deps.env);
        const endpoint = `${base}/api/v1/query`;
        // POST (form-encoded) is Prometheus' answer to long queries hitting URL length limits.
        const post = req.gate.method === 'POST';
        if (post)
            headers['Content-Type'] = 'application/x-www-form-urlencoded';
        const answer = await (0,http/* httpRequest */.aj)(deps, {
            url: post ? endpoint : `${endpoint}?${params.toString()}`,
            method: post ? 'POST' : 'GET',
            headers,
            ...(post ? { body: params.toString() } : {}),
            timeoutMs: req.provider.timeoutMs,
        });
        const parsed = (0,http/* jsonBody */.J9)(answer, 'Prometheus', deps.redact);
        if ('error' in parsed)
            return parsed.error;
        const body = parsed.body;
        if (body?.status === 'error' || answer.status >= 400) {
            const kind = typeof body?.errorType === 'string' ? ` (${body.errorType})` : '';
            const why = typeof body?.error === 'string' ? body.error : 'no error message';
            return { kind: 'error', message: deps.redact(`Prometheus: HTTP ${answer.status}${kind}: ${why}`) };
        }
        if (body?.status !== 'success')
            return { kind: 'error', message: deps.redact(`Prometheus answered with status ${JSON.stringify(body?.status ?? null)}`) };
        const obs = observationOf(body.data, req.gate.reduce);
        return redactObservation(obs, deps.redact);
    }
    catch (err) {
        return { kind: 'error', message: deps.redact((0,http/* messageOf */.bD)(err)) };
    }
}
/** Series labels come from the backend and may echo anything: scrub them too. */
function redactObservation(obs, redact) {
    if (obs.kind === 'error')
        return { kind: 'error', message: redact(obs.message) };
    if (obs.kind === 'no-data')
        return { kind: 'no-data', detail: redact(obs.detail) };
    return obs.detail === undefined ? obs : { ...obs, detail: redact(obs.detail) };
}

// EXTERNAL MODULE: ./src/metrics/secrets.ts
var secrets = __webpack_require__(292);
;// CONCATENATED MODULE: ./src/metrics/datadog.ts
/**
 * Datadog: the v1 metrics query (`GET /api/v1/query?from=&to=&query=`) over the gate's window
 * ending at the measurement time. Answer shape (Datadog API reference, "Query timeseries
 * points"): `{status: "ok", series: [{pointlist: [[ms, value|null], ...], scope, expression}], ...}`;
 * failures are HTTP 4xx with `{errors: ["..."]}` or `status: "error"` with `error`.
 * A series is reduced to its last non-null point (or the gate's `reduce` over its points);
 * several series are an error unless the gate says how to reduce them.
 */





/** Renders the gate's Datadog query; tag values are checked and lower-cased. */
function renderDatadogQuery(req) {
    if (req.gate.query === undefined)
        throw new Error(`gate ${req.gate.name} has no query`);
    return (0,metrics_escape/* renderFor */.EN)('datadog', req.gate.query, (0,template/* contextValues */.S3)(req.context));
}
/** The API base: `url`, else `https://api.<site>` (default site datadoghq.com). */
function datadogBase(provider) {
    if (provider.type !== 'datadog')
        throw new Error(`provider ${provider.name} is not a datadog provider`);
    if (provider.url)
        return provider.url.replace(/\/+$/, '');
    const site = (provider.site ?? 'datadoghq.com').replace(/^(https?:\/\/)?(api\.|app\.)?/, '').replace(/\/+$/, '');
    return `https://api.${site}`;
}
function seriesLabel(s) {
    return s.scope ?? s.expression ?? s.metric ?? '(unnamed series)';
}
/** Turns a Datadog `series` list into an observation. Exported for tests of the shapes. */
function datadogObservation(seriesList, reducer) {
    const list = Array.isArray(seriesList) ? seriesList : [];
    if (list.length === 0)
        return { kind: 'no-data', detail: 'the query returned no series' };
    const perSeries = list.map((s) => {
        const points = (s.pointlist ?? []).map((p) => p?.[1]).filter((v) => typeof v === 'number' && Number.isFinite(v));
        if (points.length === 0)
            return { label: seriesLabel(s), value: undefined };
        // One series: the gate's reducer works over its points; several: each gives its last point, then the reducer combines them.
        const value = list.length === 1 && reducer !== undefined ? (0,http/* reduceValues */.Fe)(points, reducer) : points[points.length - 1];
        return { label: seriesLabel(s), value };
    });
    if (perSeries.length > 1 && reducer === undefined) {
        const names = perSeries.slice(0, 5).map((s) => s.label).join(', ');
        return { kind: 'error', message: `the query returned ${perSeries.length} series, expected one: ${names}; aggregate them in the query or set reduce: sum|avg|max|min on the gate` };
    }
    const values = perSeries.map((s) => s.value).filter((v) => v !== undefined);
    if (values.length === 0)
        return { kind: 'no-data', detail: `no points in the window (${perSeries.length === 1 ? 'every point is null' : 'every series is empty'})` };
    if (perSeries.length === 1)
        return { kind: 'value', value: values[0], detail: `${perSeries[0]?.label} (${reducer ?? 'last point'})` };
    return { kind: 'value', value: (0,http/* reduceValues */.Fe)(values, reducer ?? 'last'), detail: `${reducer} of ${values.length} series` };
}
/** Runs one query; never throws. */
async function measureDatadog(deps, req) {
    try {
        const p = req.provider;
        if (p.type !== 'datadog')
            return { kind: 'error', message: `provider ${p.name} is not a datadog provider` };
        const query = renderDatadogQuery(req);
        const to = Math.floor(req.at / 1000);
        const from = Math.floor((req.at - Math.max(req.gate.windowMs, 1000)) / 1000);
        const headers = {
            ...(0,http/* authHeaders */.Pw)(p, deps.env),
            'DD-API-KEY': (0,secrets/* requireEnv */.tr)(deps.env, p.apiKeyEnv, `provider ${p.name} API key`),
            'DD-APPLICATION-KEY': (0,secrets/* requireEnv */.tr)(deps.env, p.appKeyEnv, `provider ${p.name} application key`),
            Accept: 'application/json',
        };
        const params = new URLSearchParams({ from: String(from), to: String(to), query });
        const answer = await (0,http/* httpRequest */.aj)(deps, { url: `${datadogBase(p)}/api/v1/query?${params.toString()}`, method: 'GET', headers, timeoutMs: p.timeoutMs });
        const parsed = (0,http/* jsonBody */.J9)(answer, 'Datadog', deps.redact);
        if ('error' in parsed)
            return parsed.error;
        const body = parsed.body;
        const errors = Array.isArray(body?.errors) ? body.errors.map(String) : typeof body?.error === 'string' && body.error !== '' ? [body.error] : [];
        if (answer.status >= 400 || body?.status === 'error' || errors.length > 0) {
            return { kind: 'error', message: deps.redact(`Datadog: HTTP ${answer.status}: ${errors.join('; ') || answer.statusText || 'no error message'}`) };
        }
        return redactObservation(datadogObservation(body?.series, req.gate.reduce), deps.redact);
    }
    catch (err) {
        return { kind: 'error', message: deps.redact((0,http/* messageOf */.bD)(err)) };
    }
}

// EXTERNAL MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js
var index_node_esm = __webpack_require__(6229);
;// CONCATENATED MODULE: ./src/metrics/http-json.ts
/**
 * HTTP JSON: any endpoint that answers JSON. The gate gives a URL template (absolute, or
 * relative to the provider's url), a method, an optional body template and a JSONPath to the
 * value, evaluated by jsonpath-plus (a real implementation of the expression language, not a
 * hand-written subset). URL values are percent-encoded; body values JSON-escaped.
 */





/** The request a gate makes for a region/step: URL and body rendered and escaped. */
function renderHttpJson(req, env) {
    const values = (0,template/* contextValues */.S3)(req.context);
    const base = (0,http/* baseUrl */.pc)(req.provider, env);
    const path = req.gate.url !== undefined ? (0,metrics_escape/* renderFor */.EN)('url', req.gate.url, values) : '';
    let url;
    if (/^https?:\/\//i.test(path))
        url = path;
    else if (base !== undefined)
        url = path === '' ? base : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
    else
        throw new Error(`gate ${req.gate.name}: url '${path}' is relative and provider ${req.provider.name} has no url`);
    return req.gate.body !== undefined ? { url, body: (0,metrics_escape/* renderFor */.EN)('json', req.gate.body, values) } : { url };
}
/** Reads the value at the gate's JSONPath. Exported for tests of the shapes. */
function jsonPathObservation(json, path, reducer, redact = (t) => t) {
    let found;
    try {
        found = (0,index_node_esm/* JSONPath */.E)({ path, json: json, wrap: true, eval: false });
    }
    catch (err) {
        return { kind: 'error', message: `JSONPath ${path} could not be evaluated: ${(0,http/* messageOf */.bD)(err)}` };
    }
    const present = found.filter((v) => v !== null && v !== undefined);
    if (present.length === 0)
        return { kind: 'no-data', detail: `JSONPath ${path} matched ${found.length === 0 ? 'nothing' : 'only null'}` };
    const numbers = present.map(http/* numberOf */.rl);
    const badAt = numbers.findIndex((n) => n === undefined);
    if (badAt >= 0)
        return { kind: 'error', message: `JSONPath ${path} matched ${redact(JSON.stringify(present[badAt]) ?? '').slice(0, 80)}, which is not a number` };
    if (numbers.length > 1 && (reducer === undefined)) {
        return { kind: 'error', message: `JSONPath ${path} matched ${numbers.length} values, expected one; narrow the path or set reduce: sum|avg|max|min|last on the gate` };
    }
    const finite = numbers.filter((n) => Number.isFinite(n));
    if (finite.length === 0)
        return { kind: 'no-data', detail: `JSONPath ${path} matched a non-finite number` };
    if (numbers.length === 1)
        return { kind: 'value', value: finite[0], detail: path };
    return { kind: 'value', value: (0,http/* reduceValues */.Fe)(finite, reducer ?? 'last'), detail: `${reducer} of ${finite.length} values at ${path}` };
}
/** Runs one request; never throws. */
async function measureHttpJson(deps, req) {
    try {
        if (req.gate.path === undefined)
            return { kind: 'error', message: `gate ${req.gate.name} has no JSONPath (path)` };
        const { url, body } = renderHttpJson(req, deps.env);
        const headers = { Accept: 'application/json', ...(0,http/* authHeaders */.Pw)(req.provider, deps.env) };
        if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
            headers['Content-Type'] = 'application/json';
        const answer = await (0,http/* httpRequest */.aj)(deps, { url, method: req.gate.method, headers, ...(body !== undefined ? { body } : {}), timeoutMs: req.provider.timeoutMs });
        if (answer.status >= 400) {
            // Scrub the whole body before cutting the excerpt: a secret cut in half is not found by the redactor.
            return { kind: 'error', message: deps.redact(`HTTP ${answer.status} ${answer.statusText} from ${url.split('?')[0]}: ${deps.redact(answer.text).slice(0, 200).replace(/\s+/g, ' ')}`) };
        }
        const json = (0,http/* parseJson */.qF)(answer.text, url.split('?')[0] ?? url, deps.redact);
        return redactObservation(jsonPathObservation(json, req.gate.path, req.gate.reduce, deps.redact), deps.redact);
    }
    catch (err) {
        return { kind: 'error', message: deps.redact((0,http/* messageOf */.bD)(err)) };
    }
}

;// CONCATENATED MODULE: ./src/metrics/registry.ts
/**
 * The MetricsPort for `run`, `reconcile` and `plan`: dispatches each measurement to the
 * provider of its type. Secrets are collected (and masked) once, when the port is made.
 * `synthetic` providers belong to `simulate` (src/simulate/metrics.ts) and are refused here.
 */






/** Makes the metrics port for a plan. */
function createMetricsPort(plan, env, opts = {}) {
    const redactor = (0,secrets/* collectSecrets */.qb)(plan, env, opts.setSecret ?? ((v) => io/* setSecret */.Pq(v)));
    const deps = { fetch: opts.fetch ?? globalThis.fetch, env, redact: (t) => redactor.redact(t) };
    return {
        redactor,
        async measure(req) {
            try {
                switch (req.provider.type) {
                    case 'prometheus':
                        return await measurePrometheus(deps, req);
                    case 'datadog':
                        return await measureDatadog(deps, req);
                    case 'http-json':
                        return await measureHttpJson(deps, req);
                    case 'synthetic':
                        return { kind: 'error', message: `provider ${req.provider.name} is synthetic: it only works in simulate` };
                    default:
                        return { kind: 'error', message: `provider type ${String(req.provider.type)} is not supported` };
                }
            }
            catch (err) {
                // The providers do not throw; this is the last guard of the port's promise.
                return { kind: 'error', message: redactor.redact((0,http/* messageOf */.bD)(err)) };
            }
        },
    };
}


/***/ }),

/***/ 292:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qb: () => (/* binding */ collectSecrets),
/* harmony export */   tr: () => (/* binding */ requireEnv)
/* harmony export */ });
/* unused harmony exports secretEnvNames, Redactor, MissingEnvError */
/** Secrets shorter than this are not scrubbed from text (a 1-char "secret" would shred messages); they are still masked. */
const MIN_REDACT_LENGTH = 3;
/** The environment variable names a provider reads secrets from. */
function secretEnvNames(provider) {
    const names = [];
    if ('bearerTokenEnv' in provider && provider.bearerTokenEnv)
        names.push(provider.bearerTokenEnv);
    if ('basicAuth' in provider && provider.basicAuth)
        names.push(provider.basicAuth.usernameEnv, provider.basicAuth.passwordEnv);
    if (provider.type === 'datadog')
        names.push(provider.apiKeyEnv, provider.appKeyEnv);
    for (const value of Object.values(provider.headers ?? {}))
        if (typeof value !== 'string')
            names.push(value.env);
    return names;
}
/** Scrubs known secret values (and their encoded forms) from text. */
class Redactor {
    needles = new Set();
    /** Adds a secret; its URL-encoded and base64 forms are scrubbed too (they travel in URLs and Basic auth). */
    add(secret) {
        if (secret.length < MIN_REDACT_LENGTH)
            return;
        this.needles.add(secret);
        this.needles.add(encodeURIComponent(secret));
        this.needles.add(Buffer.from(secret).toString('base64'));
        // Echoed inside a raw JSON body (error excerpts quote the body as sent), quotes and backslashes arrive escaped.
        const jsonEscaped = JSON.stringify(secret).slice(1, -1);
        if (jsonEscaped !== secret)
            this.needles.add(jsonEscaped);
    }
    /** Scrubs `user:pass` pairs as sent in Basic auth (base64 of the pair). */
    addBasic(user, pass) {
        const pair = `${user}:${pass}`;
        this.needles.add(Buffer.from(pair).toString('base64'));
        this.add(pass);
    }
    /** Text with every secret replaced by `***`, and credentials in URLs (`https://u:p@host`) removed. */
    redact(text) {
        let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@');
        // Longest first, so a secret that contains another is scrubbed whole.
        for (const needle of [...this.needles].sort((a, b) => b.length - a.length))
            out = out.split(needle).join('***');
        return out;
    }
}
/**
 * Reads every secret the plan's providers name, masks each with `setSecret` and returns the
 * redactor. Missing variables are not an error here: the provider reports them (as an error
 * observation) when a gate needs them, naming the variable.
 */
function collectSecrets(plan, env, setSecret) {
    const redactor = new Redactor();
    for (const provider of Object.values(plan.providers)) {
        for (const name of secretEnvNames(provider)) {
            const value = env[name];
            if (value === undefined || value === '')
                continue;
            setSecret(value);
            redactor.add(value);
        }
        if ('basicAuth' in provider && provider.basicAuth) {
            const user = env[provider.basicAuth.usernameEnv];
            const pass = env[provider.basicAuth.passwordEnv];
            if (user !== undefined && pass !== undefined) {
                const pair = Buffer.from(`${user}:${pass}`).toString('base64');
                setSecret(pair);
                redactor.addBasic(user, pass);
            }
        }
    }
    return redactor;
}
/** Reads a named variable, or explains which one is missing (the name is not secret, the value is). */
function requireEnv(env, name, what) {
    const value = env[name];
    if (value === undefined || value === '')
        throw new MissingEnvError(`${what}: environment variable ${name} is not set`);
    return value;
}
class MissingEnvError extends Error {
    name = 'MissingEnvError';
}


/***/ })

};
