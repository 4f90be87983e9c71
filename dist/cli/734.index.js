export const id = 734;
export const ids = [734];
export const modules = {

/***/ 8480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ setPhase),
/* harmony export */   RU: () => (/* binding */ parseCorrelationId),
/* harmony export */   Rm: () => (/* binding */ log),
/* harmony export */   Xe: () => (/* binding */ ignore),
/* harmony export */   gV: () => (/* binding */ stageOf),
/* harmony export */   kY: () => (/* binding */ correlationId),
/* harmony export */   t7: () => (/* binding */ trafficOf)
/* harmony export */ });
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
/* harmony export */   qv: () => (/* binding */ isActivePhase),
/* harmony export */   ue: () => (/* binding */ initialState)
/* harmony export */ });
/* unused harmony exports SCHEMA_VERSION, parseState, isTerminal */
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

/***/ 5734:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EXIT_CODES: () => (/* binding */ EXIT_CODES),
  pausedHint: () => (/* binding */ pausedHint),
  simulateCommand: () => (/* binding */ simulateCommand),
  unusedScenarios: () => (/* binding */ unusedScenarios)
});

// EXTERNAL MODULE: ./src/plan/diagnostics.ts
var diagnostics = __webpack_require__(499);
// EXTERNAL MODULE: ./src/plan/duration.ts
var duration = __webpack_require__(2983);
// EXTERNAL MODULE: ./src/plan/load.ts + 8 modules
var load = __webpack_require__(5837);
;// CONCATENATED MODULE: ./src/simulate/format.ts
function relTime(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    return `T+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
/** Transitions shown as progress lines (individual measurements are many; their verdicts show as gate lines). */
const QUIET = new Set(['measurement']);
/** Compact number for a progress line: enough digits to compare with a threshold, no float noise. */
function num(n) {
    return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4)));
}
/** The limits of a gate as a reader writes them: `max 0.01`, `min 0.95, max 1`. */
function limits(min, max) {
    return [min !== undefined ? `min ${num(min)}` : '', max !== undefined ? `max ${num(max)}` : ''].filter(Boolean).join(', ');
}
/**
 * Turns history entries into progress lines. Stateful because a gate verdict line should carry
 * the numbers behind it (observed range vs. the gate's limits), and those arrive earlier as
 * individual measurements, which are not printed unless --verbose.
 */
class ProgressFormatter {
    start;
    verbose;
    plan;
    observed = new Map();
    constructor(start, verbose, plan) {
        this.start = start;
        this.verbose = verbose;
        this.plan = plan;
    }
    /** The line for `e`, or undefined when it is not shown at this verbosity. */
    line(e) {
        const key = `${e.region ?? ''}|${e.step ?? ''}|${e.gate ?? ''}`;
        if (e.kind === 'measurement' && e.numbers?.value !== undefined) {
            const seen = this.observed.get(key);
            const v = e.numbers.value;
            this.observed.set(key, seen ? { lo: Math.min(seen.lo, v), hi: Math.max(seen.hi, v) } : { lo: v, hi: v });
        }
        // In a simulation the only resume is the simulated approver's; the approval line says so.
        if (!this.verbose && (QUIET.has(e.kind) || e.kind === 'release-resumed'))
            return undefined;
        let reason = e.reason;
        if ((e.kind === 'gate-passed' || e.kind === 'gate-failed') && e.gate) {
            reason += this.gateNumbers(e, key);
            this.observed.delete(key);
        }
        // Every approval in a simulation comes from the simulated person (simulate/run.ts).
        if (e.kind === 'stage-approved' && e.by)
            reason += ' (simulated approver; --no-auto-approve stops here instead)';
        else if (e.by && !reason.includes(e.by))
            reason += ` (by ${e.by})`;
        const step = e.step !== undefined ? `step ${e.step + 1}` : '-';
        const what = e.gate ? `${e.kind} [${e.gate}]` : e.kind;
        return `${relTime(e.at - this.start)}  ${(e.stage ?? '-').padEnd(10)} ${(e.region ?? '-').padEnd(16)} ${step.padEnd(7)} ${what.padEnd(28)} ${reason}`;
    }
    /** `; observed 0.004..0.006 vs max 0.01` for a gate verdict, from the measurements seen and the plan. */
    gateNumbers(e, key) {
        const gate = e.gate ? this.plan?.gates[e.gate] : undefined;
        // A failed verdict's reason already names the limit it broke; a passed one says only "within limits".
        const lim = e.kind === 'gate-passed' ? limits(gate?.min ?? e.numbers?.min, gate?.max ?? e.numbers?.max) : '';
        const seen = this.observed.get(key);
        const range = seen ? (seen.lo === seen.hi ? num(seen.lo) : `${num(seen.lo)}..${num(seen.hi)}`) : '';
        const parts = [[range ? `observed ${range}` : '', lim].filter(Boolean).join(' vs ')];
        // Backend errors are retried and not counted, so "5/5 successful" alone would hide them.
        const errors = e.numbers?.errors ?? 0;
        if (e.kind === 'gate-passed' && errors > 0)
            parts.push(`${errors} backend error${errors === 1 ? '' : 's'} retried`);
        const text = parts.filter(Boolean).join('; ');
        return text ? ` (${text})` : '';
    }
}
/** Column titles over the progress lines, aligned with ProgressFormatter.line. */
function progressHeader() {
    return `${'TIME'.padEnd(10)}  ${'STAGE'.padEnd(10)} ${'REGION'.padEnd(16)} ${'STEP'.padEnd(7)} ${'EVENT'.padEnd(28)} WHY`;
}
/** One progress line without history (kept for callers that format a single entry). */
function progressLine(e, start, verbose) {
    return new ProgressFormatter(start, verbose).line(e);
}
function table(rows) {
    const widths = [];
    for (const row of rows)
        row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
    return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}
/** One row per region: stage, phase, step reached, traffic, time, why. */
function regionTable(state, plan, start) {
    const rows = [['REGION', 'STAGE', 'PHASE', 'STEP', 'TRAFFIC', 'FINISHED', 'WHY']];
    // The failed rollback's own reason lives in the history (the region's failure, if any, is why it was rolled back).
    const rollbackFailure = new Map();
    for (const e of state.history)
        if (e.kind === 'rollback-failed' && e.region)
            rollbackFailure.set(e.region, e.reason);
    for (const stage of plan.stages) {
        for (const name of stage.regions) {
            const r = state.regions[name];
            if (!r)
                continue;
            const reached = r.phase === 'pending' || (r.phase === 'skipped' && r.touchedSeq === undefined) ? '-' : `${r.step + 1}/${stage.steps.length}`;
            const traffic = reached === '-' ? '-' : `${stage.steps[r.step]?.traffic ?? 0}%`;
            const stopped = r.phase === 'rolled-back' && state.stop ? `rolled back: the release stopped (${state.stop.reasonCode})` : '';
            const why = r.rollbackFailed
                ? [rollbackFailure.get(name) ?? 'ROLLBACK FAILED', 'needs a person', r.failure ? `the region had failed: ${r.failure.reason}` : ''].filter(Boolean).join('; ')
                : (r.failure?.reason ?? r.skippedReason ?? r.approval?.reason ?? stopped);
            rows.push([name, stage.name, r.phase, reached, traffic, r.finishedAt !== undefined ? relTime(r.finishedAt - start) : '-', why]);
        }
    }
    return table(rows);
}
const MILESTONES = new Set([
    'release-started', 'stage-awaiting-approval', 'stage-approved', 'stage-started', 'stage-completed', 'region-promoted', 'region-failed',
    'region-awaiting-approval', 'region-approved', 'rollback-dispatched', 'region-rolled-back', 'rollback-failed', 'release-stopped', 'release-paused', 'release-finished',
]);
/** Milestones only, at most `limit` lines (large plans elide the middle). */
function timeline(state, start, limit = 60) {
    const lines = state.history.filter((e) => MILESTONES.has(e.kind)).map((e) => {
        const where = [e.stage, e.region].filter(Boolean).join(' / ');
        // Reasons only where a reader asks "why?": failures, holds for a person and the release's own lines.
        const why = e.kind.startsWith('release') || e.kind.includes('failed') || e.kind === 'region-awaiting-approval' ? e.reason : '';
        return `${relTime(e.at - start)}  ${e.kind.padEnd(24)} ${[where, why].filter(Boolean).join(': ')}`.trimEnd();
    });
    if (lines.length <= limit)
        return lines.join('\n');
    const head = lines.slice(0, limit / 2);
    const tail = lines.slice(lines.length - limit / 2);
    return [...head, `  ... ${lines.length - limit} more ...`, ...tail].join('\n');
}

// EXTERNAL MODULE: ./src/core/context.ts
var context = __webpack_require__(8480);
;// CONCATENATED MODULE: ./src/core/stages.ts
/**
 * Stages in order; inside a stage, regions start up to `maxParallel` at once. A stage with an
 * `approval` waits for a person before any of its regions starts. When the last stage is done
 * the release finishes.
 */



function startRelease(ctx, by) {
    const { s } = ctx;
    s.status = 'running';
    s.startedAt = ctx.at;
    if (by !== undefined)
        s.initiator = by;
    (0,context/* log */.Rm)(ctx, { kind: 'release-started', reasonCode: 'release-started', reason: `release ${s.releaseId} (version ${s.version}) started`, ...(by !== undefined ? { by } : {}) });
    ctx.fx.push({ type: 'report', headline: `release ${s.releaseId} started` });
    enterStage(ctx, 0);
}
/** Moves to stage `index`: ask for its approval, or start it. */
function enterStage(ctx, index) {
    const { s, plan } = ctx;
    const stage = plan.stages[index];
    const st = s.stages[index];
    if (!stage || !st)
        return;
    s.stage = index;
    if (stage.approval && st.approval?.decision !== 'approve') {
        st.phase = 'awaiting-approval';
        const deadline = ctx.at + stage.approval.timeoutMs;
        st.approval = { requestedAt: ctx.at, deadline };
        (0,context/* log */.Rm)(ctx, { kind: 'stage-awaiting-approval', stage: stage.name, reasonCode: 'approval-required', reason: `stage ${stage.name} needs an approval before it starts` });
        ctx.fx.push({ type: 'request-approval', stage: stage.name, reason: `stage ${stage.name} is ready to start`, deadline });
        return;
    }
    startStage(ctx, index);
}
function startStage(ctx, index) {
    const stage = ctx.plan.stages[index];
    const st = ctx.s.stages[index];
    if (!stage || !st)
        return;
    st.phase = 'running';
    (0,context/* log */.Rm)(ctx, { kind: 'stage-started', stage: stage.name, reasonCode: 'stage-started', reason: `${stage.regions.length} region(s), up to ${stage.maxParallel} at once, ${stage.steps.length} step(s)` });
    ctx.fx.push({ type: 'report', headline: `stage ${stage.name} started` });
    fillStage(ctx, index);
}
/** Starts pending regions while the stage has free slots, then checks whether the stage is done. */
function fillStage(ctx, index) {
    const { s, plan } = ctx;
    const stage = plan.stages[index];
    const st = s.stages[index];
    if (!stage || !st || st.phase !== 'running' || s.stop)
        return;
    // Only the current stage has regions in flight (a stage ends when none of its regions is), so the
    // global counts are this stage's: no scan over the regions in flight on every settle.
    const c = s.counts;
    let inFlight = c.deploying + c.baking + c['awaiting-approval'] + c['rolling-back'];
    const heldForPerson = c['awaiting-approval'] > 0;
    // No new region starts while a person is asked about one, or the release is held.
    if (!s.hold && !heldForPerson) {
        while (inFlight < stage.maxParallel && st.cursor < stage.regions.length) {
            const r = s.regions[stage.regions[st.cursor] ?? ''];
            st.cursor += 1;
            if (!r || r.phase !== 'pending')
                continue;
            startStep(ctx, r, 0);
            inFlight += 1;
        }
    }
    if (inFlight === 0 && st.cursor >= stage.regions.length)
        completeStage(ctx, index);
}
function completeStage(ctx, index) {
    const { s, plan } = ctx;
    const stage = plan.stages[index];
    const st = s.stages[index];
    if (!stage || !st)
        return;
    st.phase = 'done';
    (0,context/* log */.Rm)(ctx, { kind: 'stage-completed', stage: stage.name, reasonCode: 'stage-completed', reason: `${st.failed} region(s) failed, budget ${stage.failureBudget}`, numbers: { failed: st.failed, budget: stage.failureBudget } });
    if (index + 1 < plan.stages.length)
        enterStage(ctx, index + 1);
    else
        finishPromoted(ctx);
}
function finishPromoted(ctx) {
    const regions = Object.values(ctx.s.regions);
    const unrecovered = regions.filter((r) => r.failure && r.phase !== 'rolled-back');
    const recovered = regions.filter((r) => r.failure && r.phase === 'rolled-back');
    if (unrecovered.length > 0) {
        const code = ctx.plan.rollback ? 'rollback-failed' : 'no-rollback-workflow';
        const why = ctx.plan.rollback ? 'rollback failed for' : 'no rollback workflow configured; left failed:';
        finish(ctx, 'failed', code, `${why} ${unrecovered.map((r) => r.name).join(', ')}`);
        return;
    }
    if (recovered.length > 0) {
        finish(ctx, 'promoted', 'promoted-within-budget', `promoted; ${recovered.length} region(s) failed within the failure budget and were rolled back: ${recovered.map((r) => r.name).join(', ')}`);
        return;
    }
    finish(ctx, 'promoted', 'all-regions-promoted', `all ${regions.length} region(s) promoted`);
}
/** Ends the release: outcome recorded, history closed, the driver told. */
function finish(ctx, decision, reasonCode, reason) {
    const { s } = ctx;
    s.status = 'finished';
    s.pause = undefined;
    s.outcome = { decision, reasonCode, reason, at: ctx.at };
    (0,context/* log */.Rm)(ctx, { kind: 'release-finished', reasonCode, reason: `${decision}: ${reason}` });
    ctx.fx.push({ type: 'report', headline: `release ${decision}` });
    ctx.fx.push({ type: 'finish', decision, reasonCode, reason });
}
/** A region stopped occupying its slot (promoted, failed, rolled back). */
function regionSettled(ctx, r) {
    if (ctx.s.stop) {
        processStop(ctx);
        return;
    }
    if (ctx.s.status === 'finished')
        return;
    if (r.stage === ctx.s.stage)
        fillStage(ctx, r.stage);
}

;// CONCATENATED MODULE: ./src/core/rollback.ts
/**
 * Failures, the failure budget and rollback.
 *
 * - Within the stage's budget (failed regions <= failureBudget) the failed region alone is
 *   rolled back and the release goes on.
 * - Beyond it the release stops: regions never started are skipped (and say why); then
 *   `rollback.scope` decides: 'region' rolls back the failed regions, 'touched' every region the
 *   release touched. Rollbacks run one at a time, newest touched first, each dispatched exactly
 *   once. Under 'region', regions caught mid-step are halted (their runs cancelled) and left as
 *   they are: the plan said to roll back failed regions only.
 * - `abort` and a rejected stage approval roll back every touched region, whatever the scope:
 *   a person asked for the release to be undone.
 * - No rollback workflow: failed regions stay failed and the outcome is `failed`
 *   (reasonCode no-rollback-workflow). A rollback run that fails is `failed` (rollback-failed): loud.
 */



/** Called once a region is marked failed. */
function onRegionFailed(ctx, r) {
    const { s, plan } = ctx;
    if (s.stop) {
        // Already stopping: a late failure joins the queue if the scope covers it.
        if (plan.rollback && !r.rollbackDispatched && !s.stop.queue.includes(r.name))
            enqueueNewestFirst(ctx, r.name);
        processStop(ctx);
        return;
    }
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    const failed = s.stages[r.stage]?.failed ?? 0;
    if (failed > stage.failureBudget) {
        stopRelease(ctx, r.failure?.reasonCode ?? 'region-failed', `stage ${stage.name}: ${failed} failed region(s) exceed failureBudget ${stage.failureBudget} (last: ${r.name}: ${r.failure?.reason ?? 'failed'})`);
        return;
    }
    if (plan.rollback)
        dispatchRollback(ctx, r);
    regionSettled(ctx, r);
}
function enqueueNewestFirst(ctx, name) {
    const stop = ctx.s.stop;
    if (!stop)
        return;
    stop.queue.push(name);
    const seq = (n) => ctx.s.regions[n]?.touchedSeq ?? 0;
    stop.queue.sort((a, b) => seq(b) - seq(a));
}
/** Stops the release: skip what never started, halt or queue what is in flight, then roll back. */
function stopRelease(ctx, reasonCode, reason, scopeOverride) {
    const { s, plan } = ctx;
    if (s.stop || s.status === 'finished')
        return;
    const scope = scopeOverride ?? plan.rollback?.scope ?? 'touched';
    s.status = 'stopping';
    s.pause = undefined;
    s.stop = { reasonCode, reason, at: ctx.at, queue: [] };
    (0,context/* log */.Rm)(ctx, { kind: 'release-stopped', reasonCode, reason: `${reason}; rollback scope: ${plan.rollback ? scope : 'none configured'}` });
    ctx.fx.push({ type: 'report', headline: `release stopped: ${reasonCode}` });
    for (const st of s.stages)
        if (st.phase === 'pending' || st.phase === 'awaiting-approval' || st.phase === 'running')
            st.phase = 'stopped';
    const queue = [];
    for (const stage of plan.stages) {
        for (const name of stage.regions) {
            const r = s.regions[name];
            if (!r)
                continue;
            if (r.phase === 'pending') {
                r.skippedReason = `never started: the release stopped (${reasonCode})`;
                (0,context/* setPhase */.A)(ctx, r, 'skipped');
                (0,context/* log */.Rm)(ctx, { kind: 'region-skipped', stage: stage.name, region: r.name, reasonCode: 'never-started', reason: r.skippedReason });
                continue;
            }
            if (r.phase === 'deploying' || r.phase === 'baking' || r.phase === 'awaiting-approval')
                haltInFlight(ctx, r, scope);
            const wanted = scope === 'touched' ? r.touchedSeq !== undefined : r.failure !== undefined;
            if (wanted && !r.rollbackDispatched && r.phase !== 'skipped')
                queue.push(r);
        }
    }
    if (!plan.rollback) {
        finish(ctx, 'failed', 'no-rollback-workflow', `${reason}; no rollback workflow is configured, nothing was rolled back`);
        return;
    }
    queue.sort((a, b) => (b.touchedSeq ?? 0) - (a.touchedSeq ?? 0));
    s.stop.queue = queue.map((r) => r.name);
    processStop(ctx);
}
/** A region caught mid-step when the release stops: its run is cancelled; under 'region' it is left as it is. */
function haltInFlight(ctx, r, scope) {
    stopRegionWork(ctx, r, 'release stopped');
    if (scope === 'touched' && ctx.plan.rollback) {
        // Queued for rollback: shown as rolling back from now on, dispatched in its turn.
        (0,context/* setPhase */.A)(ctx, r, 'rolling-back');
        return;
    }
    r.skippedReason = `halted at step ${r.step + 1} (${(0,context/* trafficOf */.t7)(ctx, r)}%) when the release stopped; not rolled back (${ctx.plan.rollback ? 'rollback.scope: region' : 'no rollback workflow'})`;
    (0,context/* setPhase */.A)(ctx, r, 'skipped');
    (0,context/* log */.Rm)(ctx, { kind: 'region-skipped', stage: (0,context/* stageOf */.gV)(ctx, r).name, region: r.name, step: r.step, reasonCode: 'halted', reason: r.skippedReason });
}
/** Dispatches the next queued rollback when none is running; finishes when all are done. */
function processStop(ctx) {
    const { s } = ctx;
    const stop = s.stop;
    if (!stop || s.status === 'finished')
        return;
    if (stop.current) {
        const cur = s.regions[stop.current];
        if (cur && cur.phase === 'rolling-back')
            return;
        stop.current = undefined;
    }
    const next = stop.queue.shift();
    if (next !== undefined) {
        const r = s.regions[next];
        if (r) {
            stop.current = r.name;
            dispatchRollback(ctx, r);
            return;
        }
    }
    // Rollbacks started within budget before the stop must finish too.
    if (s.counts['rolling-back'] > 0)
        return;
    const failedRollbacks = Object.values(s.regions).filter((r) => r.rollbackFailed);
    if (failedRollbacks.length > 0) {
        finish(ctx, 'failed', 'rollback-failed', `${stop.reason}; rollback FAILED for ${failedRollbacks.map((r) => r.name).join(', ')}: these regions need a person now`);
        return;
    }
    finish(ctx, 'rolled-back', stop.reasonCode, stop.reason);
}
/** One dispatch-rollback per region, ever. */
function dispatchRollback(ctx, r) {
    const rb = ctx.plan.rollback;
    if (!rb || r.rollbackDispatched)
        return;
    r.rollbackDispatched = true;
    (0,context/* setPhase */.A)(ctx, r, 'rolling-back');
    const cid = (0,context/* correlationId */.kY)(ctx.s, r.name, 'rollback', r.step);
    r.runs.push({ kind: 'rollback', step: r.step, correlationId: cid, dispatchedAt: ctx.at, deadline: ctx.at + rb.timeoutMs, done: false });
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    (0,context/* log */.Rm)(ctx, { kind: 'rollback-dispatched', stage: stage.name, region: r.name, step: r.step, reasonCode: 'rollback-dispatched', reason: r.failure ? `rolling back: ${r.failure.reason}` : `rolling back: the release stopped (${ctx.s.stop?.reasonCode ?? 'stopped'})` });
    ctx.fx.push({ type: 'dispatch-rollback', region: r.name, stage: stage.name, step: r.step, traffic: (0,context/* trafficOf */.t7)(ctx, r), correlationId: cid });
}
/** The rollback run of a region ended (or could not be dispatched, or timed out). */
function onRollbackFinished(ctx, r, ok, reason) {
    if (r.phase !== 'rolling-back')
        return;
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    r.finishedAt = ctx.at;
    if (ok) {
        (0,context/* setPhase */.A)(ctx, r, 'rolled-back');
        (0,context/* log */.Rm)(ctx, { kind: 'region-rolled-back', stage: stage.name, region: r.name, step: r.step, reasonCode: 'rolled-back', reason });
        // Every step deployed, including those whose deployment record is not created yet (resume creates it, then sets this).
        const steps = new Set([...Object.keys(r.deployments).map(Number), ...r.runs.filter((x) => x.kind === 'deploy').map((x) => x.step)]);
        for (const step of steps)
            deploymentStatus(ctx, r, 'inactive', 'rolled back', step);
    }
    else {
        r.rollbackFailed = true;
        (0,context/* setPhase */.A)(ctx, r, 'failed');
        (0,context/* log */.Rm)(ctx, { kind: 'rollback-failed', stage: stage.name, region: r.name, step: r.step, reasonCode: 'rollback-failed', reason: `ROLLBACK FAILED: ${reason}` });
        ctx.fx.push({ type: 'report', headline: `rollback failed in ${r.name}` });
        if (!ctx.s.stop) {
            stopRelease(ctx, 'rollback-failed', `rollback of ${r.name} failed: ${reason}`);
            return;
        }
    }
    regionSettled(ctx, r);
}

;// CONCATENATED MODULE: ./src/core/regions.ts
/**
 * A region walking its steps: dispatch the deploy -> the run finishes -> bake (gates.ts) ->
 * next step -> promoted. Failures hand over to rollback.ts; a settled region hands its slot
 * back to stages.ts.
 */




/** The run the region is waiting for, if any. */
function openRun(r) {
    const last = r.runs[r.runs.length - 1];
    return last && !last.done ? last : undefined;
}
/** Starts step `index` of a region: one deployment record and one dispatch, exactly once per step. */
function startStep(ctx, r, index) {
    const { s, plan, at } = ctx;
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    const step = stage.steps[index];
    if (!step)
        return;
    if (r.runs.some((run) => run.kind === 'deploy' && run.step === index))
        return; // never dispatch one step twice
    if (index === 0) {
        r.startedAt = at;
        s.touchCount += 1;
        r.touchedSeq = s.touchCount;
    }
    r.step = index;
    r.bake = undefined;
    (0,context/* setPhase */.A)(ctx, r, 'deploying');
    const cid = (0,context/* correlationId */.kY)(s, r.name, 'deploy', index);
    r.runs.push({ kind: 'deploy', step: index, correlationId: cid, dispatchedAt: at, deadline: at + plan.deploy.timeoutMs, done: false });
    (0,context/* log */.Rm)(ctx, { kind: 'step-started', stage: stage.name, region: r.name, step: index, reasonCode: 'step-started', reason: `deploying at ${step.traffic}% traffic`, numbers: { traffic: step.traffic } });
    ctx.fx.push({ type: 'create-deployment', region: r.name, stage: stage.name, step: index, traffic: step.traffic, key: `${s.releaseId}:${r.name}:${index}` });
    ctx.fx.push({ type: 'dispatch-deploy', region: r.name, stage: stage.name, step: index, traffic: step.traffic, correlationId: cid });
}
/**
 * Deployment status for one step (default: the current one). It is recorded as wanted even when
 * the deployment does not exist yet (its creation answers later, or was lost): creation and
 * resume catch up with it.
 */
function deploymentStatus(ctx, r, state, description, step = r.step) {
    const run = r.runs.find((x) => x.kind === 'deploy' && x.step === step);
    const statuses = (r.statuses ??= {});
    const key = String(step);
    const want = { state, description: description.slice(0, 140) };
    if (run?.htmlUrl)
        want.runUrl = run.htmlUrl;
    const confirmed = statuses[key]?.confirmed;
    if (confirmed !== undefined)
        want.confirmed = confirmed;
    statuses[key] = want;
    emitStatus(ctx, r, step, want);
}
/** Emits the set-deployment-status effect of one step, when its deployment exists. */
function emitStatus(ctx, r, step, want) {
    const id = r.deployments[String(step)];
    if (id === undefined)
        return;
    const effect = { type: 'set-deployment-status', region: r.name, step, deploymentId: id, state: want.state, description: want.description };
    if (want.runUrl !== undefined)
        effect.runUrl = want.runUrl;
    ctx.fx.push(effect);
}
function onDeploymentCreated(ctx, r, ev) {
    if (r.deployments[String(ev.step)] !== undefined)
        return false;
    r.deployments[String(ev.step)] = ev.deploymentId;
    // Catch up with where the region already is (the dispatch may have answered first, or the
    // creation was lost in a crash and re-made on resume): queued, then the latest wanted status.
    const want = r.statuses?.[String(ev.step)];
    if (want === undefined || want.state !== 'queued') {
        emitStatus(ctx, r, ev.step, { state: 'queued', description: `step ${ev.step + 1} queued` });
    }
    if (want !== undefined)
        emitStatus(ctx, r, ev.step, want);
    return true;
}
/** GitHub accepted a status: remembered so a resume re-sends only what was not confirmed. */
function onDeploymentStatusSet(r, ev) {
    if (r.deployments[String(ev.step)] !== ev.deploymentId)
        return false;
    const want = r.statuses?.[String(ev.step)];
    if (want)
        want.confirmed = ev.state;
    else
        (r.statuses ??= {})[String(ev.step)] = { state: ev.state, description: '', confirmed: ev.state };
    return true;
}
/**
 * Resume: re-emits the deployment records a crash may have lost, for every region (finished
 * ones too). A step that was dispatched but has no deployment id gets its create-deployment
 * again (the adapter looks the key up first, so nothing is created twice); a deployment whose
 * latest wanted status is not confirmed gets that status again.
 */
function repairDeployments(ctx, r) {
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    for (const run of r.runs) {
        if (run.kind !== 'deploy')
            continue;
        const key = String(run.step);
        if (r.deployments[key] === undefined) {
            const traffic = stage.steps[run.step]?.traffic ?? 0;
            ctx.fx.push({ type: 'create-deployment', region: r.name, stage: stage.name, step: run.step, traffic, key: `${ctx.s.releaseId}:${r.name}:${run.step}` });
            continue;
        }
        const want = r.statuses?.[key];
        if (want && want.confirmed !== want.state)
            emitStatus(ctx, r, run.step, want);
    }
}
/** Records the run id of a dispatch. Returns false when the event does not fit. */
function onRunDispatched(ctx, r, ev) {
    const run = r.runs.find((x) => x.kind === ev.kind && x.step === ev.step && x.runId === undefined);
    if (!run) {
        // A second run for a step that already has one (a dispatch repeated after a lost answer): one
        // step is deployed by one run, so the newcomer is cancelled rather than left to deploy unwatched.
        const other = r.runs.find((x) => x.kind === ev.kind && x.step === ev.step && x.runId !== undefined);
        if (!other || other.runId === ev.runId)
            return false;
        (0,context/* log */.Rm)(ctx, { kind: 'run-dispatched', stage: (0,context/* stageOf */.gV)(ctx, r).name, region: r.name, step: ev.step, reasonCode: 'duplicate-run-cancelled', reason: `${ev.kind} run ${ev.runId} is a second run for step ${ev.step + 1} (run ${other.runId} has it); cancelling it`, numbers: { runId: ev.runId } });
        ctx.fx.push({ type: 'cancel-run', region: r.name, kind: ev.kind, runId: ev.runId, reason: 'duplicate run for one step' });
        return true;
    }
    run.runId = ev.runId;
    if (ev.htmlUrl !== undefined)
        run.htmlUrl = ev.htmlUrl;
    if (run.done) {
        // The region gave up on this run before its id arrived (timeout, stop): the run must not go on.
        (0,context/* log */.Rm)(ctx, { kind: 'run-dispatched', stage: (0,context/* stageOf */.gV)(ctx, r).name, region: r.name, step: ev.step, reasonCode: 'late-run-cancelled', reason: `${ev.kind} run ${ev.runId} started after the region moved on; cancelling it`, numbers: { runId: ev.runId } });
        ctx.fx.push({ type: 'cancel-run', region: r.name, kind: ev.kind, runId: ev.runId, reason: 'no longer wanted' });
        return true;
    }
    (0,context/* log */.Rm)(ctx, { kind: 'run-dispatched', stage: (0,context/* stageOf */.gV)(ctx, r).name, region: r.name, step: ev.step, reasonCode: `${ev.kind}-dispatched`, reason: `${ev.kind} run ${ev.runId} started`, numbers: { runId: ev.runId } });
    if (ev.kind === 'deploy' && r.phase === 'deploying')
        deploymentStatus(ctx, r, 'in_progress', `deploy run ${ev.runId} in progress`);
    return true;
}
function onDispatchFailed(ctx, r, ev) {
    const run = r.runs.find((x) => x.kind === ev.kind && x.step === ev.step && !x.done && x.runId === undefined);
    if (!run)
        return false;
    run.done = true;
    (0,context/* log */.Rm)(ctx, { kind: 'dispatch-failed', stage: (0,context/* stageOf */.gV)(ctx, r).name, region: r.name, step: ev.step, reasonCode: `${ev.kind}-dispatch-failed`, reason: `could not dispatch the ${ev.kind} workflow: ${ev.message}` });
    if (ev.kind === 'deploy')
        regionFailed(ctx, r, 'dispatch-failed', `deploy dispatch failed: ${ev.message}`);
    else
        onRollbackFinished(ctx, r, false, `rollback dispatch failed: ${ev.message}`);
    return true;
}
function onRunFinished(ctx, r, ev) {
    const run = r.runs.find((x) => x.runId === ev.runId && x.kind === ev.kind && !x.done);
    if (!run)
        return false;
    run.done = true;
    run.conclusion = ev.conclusion;
    const ok = ev.conclusion === 'success';
    (0,context/* log */.Rm)(ctx, { kind: 'run-finished', stage: (0,context/* stageOf */.gV)(ctx, r).name, region: r.name, step: run.step, reasonCode: ok ? `${ev.kind}-succeeded` : `${ev.kind}-failed`, reason: `${ev.kind} run ${ev.runId} finished: ${ev.conclusion ?? 'no conclusion'}`, numbers: { runId: ev.runId } });
    if (ev.kind === 'rollback') {
        onRollbackFinished(ctx, r, ok, ok ? `rollback run ${ev.runId} succeeded` : `rollback run ${ev.runId} concluded ${ev.conclusion ?? 'without a conclusion'}`);
        return true;
    }
    if (r.phase !== 'deploying' || run.step !== r.step)
        return true; // the release moved on (stopped): recorded only
    if (ok)
        startBake(ctx, r);
    else
        regionFailed(ctx, r, 'deploy-failed', `deploy run ${ev.runId} concluded ${ev.conclusion ?? 'without a conclusion'} at step ${r.step + 1}`);
    return true;
}
/** Deadlines of runs in flight: a run past its timeout is cancelled and counts as failed. */
function checkRunDeadline(ctx, r) {
    const run = openRun(r);
    if (!run || ctx.at < run.deadline)
        return;
    run.done = true;
    run.conclusion = 'timed_out';
    const limitMs = run.deadline - run.dispatchedAt;
    const reason = `${run.kind} run ${run.runId ?? '(not yet seen)'} did not finish within ${Math.round(limitMs / 1000)}s`;
    (0,context/* log */.Rm)(ctx, { kind: 'run-timeout', stage: (0,context/* stageOf */.gV)(ctx, r).name, region: r.name, step: run.step, reasonCode: `${run.kind}-timeout`, reason, ...(run.runId !== undefined ? { numbers: { runId: run.runId } } : {}) });
    if (run.runId !== undefined)
        ctx.fx.push({ type: 'cancel-run', region: r.name, kind: run.kind, runId: run.runId, reason: 'timed out' });
    if (run.kind === 'deploy')
        regionFailed(ctx, r, 'deploy-timeout', reason);
    else
        onRollbackFinished(ctx, r, false, reason);
}
/** The step's bake passed: next step, or the region is promoted. */
function stepPassed(ctx, r) {
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    (0,context/* log */.Rm)(ctx, { kind: 'step-passed', stage: stage.name, region: r.name, step: r.step, reasonCode: 'step-passed', reason: `step ${r.step + 1} at ${(0,context/* trafficOf */.t7)(ctx, r)}% passed`, numbers: { traffic: (0,context/* trafficOf */.t7)(ctx, r) } });
    deploymentStatus(ctx, r, 'success', `step ${r.step + 1} at ${(0,context/* trafficOf */.t7)(ctx, r)}% passed`);
    if (r.step + 1 < stage.steps.length) {
        startStep(ctx, r, r.step + 1);
        return;
    }
    r.bake = undefined;
    r.finishedAt = ctx.at;
    (0,context/* setPhase */.A)(ctx, r, 'promoted');
    (0,context/* log */.Rm)(ctx, { kind: 'region-promoted', stage: stage.name, region: r.name, step: r.step, reasonCode: 'region-promoted', reason: `all ${stage.steps.length} step(s) passed` });
    regionSettled(ctx, r);
}
/** Ends whatever a region is doing: its open run is cancelled (`why` goes with the effect), bake and hold cleared. */
function stopRegionWork(ctx, r, why) {
    const run = openRun(r);
    if (run) {
        run.done = true;
        if (run.runId !== undefined)
            ctx.fx.push({ type: 'cancel-run', region: r.name, kind: run.kind, runId: run.runId, reason: why });
    }
    r.bake = undefined;
    r.approval = undefined;
}
/** Marks a region failed (deploy, timeout, gate, rejection) and lets the failure budget decide what follows. */
function regionFailed(ctx, r, reasonCode, reason) {
    if (r.phase === 'failed' || r.phase === 'rolling-back' || r.phase === 'rolled-back' || r.phase === 'skipped' || r.phase === 'promoted' || r.phase === 'pending')
        return;
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    stopRegionWork(ctx, r, 'region failed');
    r.failure = { reasonCode, reason, at: ctx.at };
    r.finishedAt = ctx.at;
    (0,context/* setPhase */.A)(ctx, r, 'failed');
    const st = ctx.s.stages[r.stage];
    if (st)
        st.failed += 1;
    (0,context/* log */.Rm)(ctx, { kind: 'region-failed', stage: stage.name, region: r.name, step: r.step, reasonCode, reason, numbers: { failed: st?.failed ?? 0, budget: stage.failureBudget } });
    deploymentStatus(ctx, r, 'failure', reason);
    onRegionFailed(ctx, r);
}

// EXTERNAL MODULE: ./src/core/verdict.ts
var core_verdict = __webpack_require__(9478);
;// CONCATENATED MODULE: ./src/core/gates.ts
/**
 * Bakes: while a region holds a step's traffic, its gates are measured every interval. One
 * query effect per region and tick carries every gate due then. Verdicts come from verdict.ts;
 * this module only keeps the counters and turns gate statuses into region transitions.
 */



/** The deploy run of the step succeeded: start measuring. */
function startBake(ctx, r) {
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    const bakeMs = stage.steps[r.step]?.bakeMs ?? 0;
    const gates = {};
    const described = [];
    for (const name of stage.gates) {
        const gate = ctx.plan.gates[name];
        if (!gate)
            continue;
        const target = (0,core_verdict/* gateTarget */.vw)(gate, bakeMs);
        // A bake shorter than the gate's interval takes no measurement of it: said in the history, never a silent pass.
        if (target === 0) {
            described.push(`${name}: not measured (bake shorter than interval)`);
            continue;
        }
        gates[name] = (0,core_verdict/* newCounters */.UL)(target, ctx.at + gate.initialDelayMs + gate.intervalMs);
        described.push(`${name}: ${target} measurement(s)`);
    }
    r.bake = { startedAt: ctx.at, endsAt: ctx.at + bakeMs, gates };
    (0,context/* setPhase */.A)(ctx, r, 'baking');
    (0,context/* log */.Rm)(ctx, { kind: 'bake-started', stage: stage.name, region: r.name, step: r.step, reasonCode: 'bake-started', reason: `baking ${Math.round(bakeMs / 1000)}s at ${(0,context/* trafficOf */.t7)(ctx, r)}%${described.length ? `; ${described.join(', ')}` : ''}`, numbers: { traffic: (0,context/* trafficOf */.t7)(ctx, r) } });
    tickBake(ctx, r);
}
/** Queries gates that are due and advances the step when the bake is over and every gate passed. */
function tickBake(ctx, r) {
    const bake = r.bake;
    if (!bake || r.phase !== 'baking')
        return;
    ctx.dirty.add(r.name);
    // Each gate is measured at its scheduled time, not at the tick: a reconcile run that wakes up
    // late catches up interval by interval (instant queries evaluated then) instead of stretching
    // the bake. Gates due at the same time go out in one query effect.
    let due;
    for (const [name, c] of Object.entries(bake.gates)) {
        if (c.status === 'measuring' && !c.awaiting && c.nextAt <= ctx.at) {
            c.awaiting = true;
            due ??= new Map();
            const list = due.get(c.nextAt);
            if (list)
                list.push(name);
            else
                due.set(c.nextAt, [name]);
        }
    }
    if (due) {
        const stage = (0,context/* stageOf */.gV)(ctx, r);
        for (const [at, gates] of [...due].sort((a, b) => a[0] - b[0])) {
            ctx.fx.push({ type: 'query-metric', region: r.name, stage: stage.name, step: r.step, traffic: (0,context/* trafficOf */.t7)(ctx, r), gates, at });
        }
    }
    maybeFinishBake(ctx, r);
}
/** All gates passed and the bake time is over: the step passes (unless a person paused the release). */
function maybeFinishBake(ctx, r) {
    const bake = r.bake;
    if (!bake || r.phase !== 'baking' || ctx.s.hold || ctx.s.stop)
        return;
    if (ctx.at < bake.endsAt)
        return;
    for (const c of Object.values(bake.gates))
        if (c.status !== 'passed')
            return;
    stepPassed(ctx, r);
}
/** When the next measurement or the end of the bake is due (undefined: nothing timed). */
function bakeWakeAt(r, held) {
    const bake = r.bake;
    if (!bake || r.phase !== 'baking')
        return undefined;
    let next;
    let allPassed = true;
    for (const c of Object.values(bake.gates)) {
        if (c.status !== 'passed')
            allPassed = false;
        if (c.status === 'measuring' && !c.awaiting && (next === undefined || c.nextAt < next))
            next = c.nextAt;
    }
    if (allPassed && !held && (next === undefined || bake.endsAt < next))
        next = bake.endsAt;
    return next;
}
function noDataWaitExhausted(c, v) {
    // `wait` must not wait forever: after as many waits as the gate has measurements, no data is inconclusive.
    if (v.phase !== 'wait' || c.noDataWaits < c.target)
        return v;
    return { ...v, phase: 'inconclusive', reasonCode: 'no-data-wait-exhausted', reason: `${v.reason}; still no data after ${c.noDataWaits} waits: inconclusive` };
}
function onMeasurement(ctx, r, ev) {
    const c = r.bake?.gates[ev.gate];
    const gate = ctx.plan.gates[ev.gate];
    if (!r.bake || !c || !gate || r.phase !== 'baking' || ev.step !== r.step || !c.awaiting)
        return false;
    // An answer for a time before the one now asked for is stale (a repeated delivery, an answer to a
    // query made before a hold): counting it again would pass a gate on one observation seen twice.
    // Written as !(>=) so a NaN time is refused too (it would schedule the next measurement at NaN: never).
    if (!(ev.at >= c.nextAt))
        return false;
    ctx.dirty.add(r.name);
    const verdict = noDataWaitExhausted(c, (0,core_verdict/* assessObservation */.N$)(ev.observation, gate));
    const next = (0,core_verdict/* countVerdict */.z5)(c, verdict);
    next.awaiting = false;
    next.nextAt = ev.at + gate.intervalMs;
    const assessed = (0,core_verdict/* assessGate */.aM)(next, gate);
    // A gate verdict names the measurement that tipped it (value, threshold), not only the counts,
    // so the person reading the history or the check run sees "0.034 above max 0.01", not "2 > 1".
    const status = assessed.status === 'failed' || assessed.status === 'inconclusive'
        ? { ...assessed, reason: `${assessed.reason} (last: ${verdict.reason})`, numbers: { ...verdict.numbers, ...assessed.numbers } }
        : assessed;
    next.status = status.status;
    r.bake.gates[ev.gate] = next;
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    const where = { stage: stage.name, region: r.name, step: r.step, gate: ev.gate };
    (0,context/* log */.Rm)(ctx, { kind: 'measurement', ...where, reasonCode: verdict.phase === 'wait' ? 'no-data-wait' : verdict.reasonCode, reason: `${verdict.phase}: ${verdict.reason}`, numbers: { ...verdict.numbers, samples: next.measurements } });
    if (status.status === 'failed') {
        (0,context/* log */.Rm)(ctx, { kind: 'gate-failed', ...where, reasonCode: status.reasonCode, reason: status.reason, numbers: status.numbers });
        regionFailed(ctx, r, status.reasonCode, `gate ${ev.gate}: ${status.reason}`);
    }
    else if (status.status === 'inconclusive') {
        (0,context/* log */.Rm)(ctx, { kind: 'gate-inconclusive', ...where, reasonCode: status.reasonCode, reason: status.reason, numbers: status.numbers });
        awaitPerson(ctx, r, status.reasonCode, `gate ${ev.gate}: ${status.reason}`);
    }
    else {
        if (status.status === 'passed')
            (0,context/* log */.Rm)(ctx, { kind: 'gate-passed', ...where, reasonCode: status.reasonCode, reason: status.reason, numbers: status.numbers });
        maybeFinishBake(ctx, r);
    }
    return true;
}
/** An inconclusive gate: the region stops measuring and waits for a person. It never promotes by itself. */
function awaitPerson(ctx, r, reasonCode, reason) {
    const deadline = ctx.at + ctx.plan.approvals.timeoutMs;
    r.approval = { requestedAt: ctx.at, deadline, reasonCode, reason };
    (0,context/* setPhase */.A)(ctx, r, 'awaiting-approval');
    const stage = (0,context/* stageOf */.gV)(ctx, r);
    (0,context/* log */.Rm)(ctx, { kind: 'region-awaiting-approval', stage: stage.name, region: r.name, step: r.step, reasonCode, reason: `${reason}; waiting for a person to approve or reject` });
    ctx.fx.push({ type: 'request-approval', stage: stage.name, region: r.name, reason, deadline });
}
/** A person approved a region held by an inconclusive gate: the inconclusive gates count as passed, the bake goes on. */
function resumeApprovedRegion(ctx, r) {
    r.approval = undefined;
    (0,context/* setPhase */.A)(ctx, r, 'baking');
    for (const c of Object.values(r.bake?.gates ?? {})) {
        if (c.status === 'inconclusive')
            c.status = 'passed';
        // Answers that arrived while the region was held were ignored: ask again.
        c.awaiting = false;
    }
    tickBake(ctx, r);
}

;// CONCATENATED MODULE: ./src/core/approvals.ts
/**
 * People: stage approvals, regions held by an inconclusive gate, and commands (approve, reject,
 * abort, pause, resume, promote). Who may decide is checked by the driver/adapter before the
 * event reaches the core; the core records `by` with every decision.
 */





/** Applies a person's decision to what waits for one. Returns false when nothing matched. */
function decideFor(ctx, by, decision, stageName, regionName) {
    const { s } = ctx;
    if (s.status === 'finished' || s.status === 'pending' || s.stop)
        return false;
    if (regionName !== undefined) {
        const r = s.regions[regionName];
        if (!r || r.phase !== 'awaiting-approval')
            return false;
        if (decision === 'approve') {
            (0,context/* log */.Rm)(ctx, { kind: 'region-approved', region: r.name, step: r.step, by, reasonCode: 'approved', reason: `${by} approved ${r.name} (${r.approval?.reason ?? 'held'})` });
            resumeApprovedRegion(ctx, r);
            fillStage(ctx, r.stage);
        }
        else {
            regionFailed(ctx, r, 'approval-rejected', `${by} rejected ${r.name} (${r.approval?.reason ?? 'held'})`);
        }
        return true;
    }
    const index = s.stage;
    const st = s.stages[index];
    if (!st || st.phase !== 'awaiting-approval' || (stageName !== undefined && stageName !== st.name))
        return false;
    st.approval = { requestedAt: st.approval?.requestedAt ?? ctx.at, deadline: st.approval?.deadline ?? ctx.at, by, at: ctx.at, decision };
    if (decision === 'approve') {
        (0,context/* log */.Rm)(ctx, { kind: 'stage-approved', stage: st.name, by, reasonCode: 'approved', reason: `${by} approved stage ${st.name}` });
        startStage(ctx, index);
    }
    else {
        stopRelease(ctx, 'approval-rejected', `${by} rejected stage ${st.name}`, 'touched');
    }
    return true;
}
function onApproval(ctx, ev) {
    if (!decideFor(ctx, ev.by, ev.decision, ev.stage, ev.region))
        (0,context/* ignore */.Xe)(ctx, ev, 'nothing is waiting for this approval');
}
function onCommand(ctx, ev) {
    const { s } = ctx;
    if (s.status === 'finished' || s.status === 'pending') {
        (0,context/* ignore */.Xe)(ctx, ev, `the release is ${s.status === 'finished' ? 'finished' : 'not started'}`);
        return;
    }
    const why = ev.reason ? `: ${ev.reason}` : '';
    switch (ev.name) {
        case 'approve':
        case 'reject':
            if (!decideFor(ctx, ev.by, ev.name, ev.stage, ev.region))
                (0,context/* ignore */.Xe)(ctx, ev, 'nothing is waiting for this decision');
            return;
        case 'promote': {
            // Approves everything that waits for a person: the current stage and every held region.
            let any = decideFor(ctx, ev.by, 'approve', undefined, undefined);
            for (const name of Object.keys(s.active))
                if (s.regions[name]?.phase === 'awaiting-approval')
                    any = decideFor(ctx, ev.by, 'approve', undefined, name) || any;
            if (!any)
                (0,context/* ignore */.Xe)(ctx, ev, 'nothing is waiting for a person');
            return;
        }
        case 'abort':
            if (s.stop) {
                (0,context/* ignore */.Xe)(ctx, ev, 'the release is already stopping');
                return;
            }
            (0,context/* log */.Rm)(ctx, { kind: 'command', by: ev.by, reasonCode: 'abort', reason: `${ev.by} aborted the release${why}` });
            stopRelease(ctx, 'aborted', `aborted by ${ev.by}${why}`, 'touched');
            return;
        case 'pause':
            if (s.hold || s.stop) {
                (0,context/* ignore */.Xe)(ctx, ev, s.hold ? 'already paused' : 'the release is stopping');
                return;
            }
            s.hold = { by: ev.by, at: ctx.at, reason: ev.reason ?? 'paused by a person' };
            (0,context/* log */.Rm)(ctx, { kind: 'release-held', by: ev.by, reasonCode: 'held', reason: `${ev.by} paused the release${why}; no new step or region starts` });
            return;
        case 'resume':
            if (!s.hold) {
                (0,context/* ignore */.Xe)(ctx, ev, 'the release is not paused by a person');
                return;
            }
            s.hold = undefined;
            (0,context/* log */.Rm)(ctx, { kind: 'release-continued', by: ev.by, reasonCode: 'resumed', reason: `${ev.by} resumed the release${why}` });
            for (const name of Object.keys(s.active)) {
                const r = s.regions[name];
                if (r)
                    tickBake(ctx, r);
            }
            fillStage(ctx, s.stage);
            return;
    }
}

;// CONCATENATED MODULE: ./src/core/timers.ts
function less(a, b) {
    return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}
function pushTimer(heap, t) {
    heap.push(t);
    let i = heap.length - 1;
    while (i > 0) {
        const parent = (i - 1) >> 1;
        const p = heap[parent];
        if (!less(t, p))
            break;
        heap[i] = p;
        i = parent;
    }
    heap[i] = t;
}
function popTimer(heap) {
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0)
        return top;
    let i = 0;
    for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let best = last;
        const lt = heap[l];
        const rt = heap[r];
        if (lt && less(lt, best)) {
            m = l;
            best = lt;
        }
        if (rt && less(rt, best))
            m = r;
        if (m === i)
            break;
        heap[i] = heap[m];
        i = m;
    }
    heap[i] = last;
    return top;
}
function peekTimer(heap) {
    return heap[0];
}

;// CONCATENATED MODULE: ./src/core/decide.ts







/**
 * Pure: returns a new state and leaves `state` untouched (it is cloned first). Use `advance`
 * when the caller owns the state and wants to skip the copy.
 */
function decide(state, event, plan) {
    return advance(structuredClone(state), event, plan);
}
/**
 * Same as `decide`, but updates `state` in place. The driver uses it because copying the whole
 * state for every event makes a release quadratic in its size (5,000 regions x every
 * measurement); the driver owns its state and never shares it, so nothing observes the mutation.
 */
function advance(state, event, plan) {
    const ctx = { plan, s: state, fx: [], at: Number.isFinite(event.at) ? event.at : state.now, dirty: new Set() };
    if (ctx.at > state.now)
        state.now = ctx.at;
    const before = state.history.length;
    apply(ctx, event);
    let ignored = state.history.length > before;
    for (let i = before; i < state.history.length && ignored; i++)
        if (state.history[i]?.kind !== 'ignored')
            ignored = false;
    if (ignored)
        return { state, effects: [] };
    updateStatus(ctx);
    reschedule(ctx);
    if ((event.type === 'started' || event.type === 'resumed' || event.type === 'timer-fired') && state.status !== 'finished') {
        const wake = nextWakeAt(state);
        if (wake !== undefined)
            ctx.fx.push({ type: 'wait-until', at: wake, reason: 'next deadline, measurement or end of bake' });
    }
    // Persist before anything that cannot be taken back (dispatches, deployments, approvals, the end).
    if (ctx.fx.some((e) => e.type !== 'query-metric' && e.type !== 'wait-until' && e.type !== 'set-deployment-status' && e.type !== 'report')) {
        ctx.fx.unshift({ type: 'save-state' });
    }
    return { state, effects: ctx.fx };
}
function apply(ctx, event) {
    const { s } = ctx;
    if (event.type === 'started') {
        if (s.status !== 'pending')
            (0,context/* ignore */.Xe)(ctx, event, 'the release has already started');
        else
            startRelease(ctx, event.by);
        return;
    }
    if (s.status === 'pending') {
        (0,context/* ignore */.Xe)(ctx, event, 'the release has not started');
        return;
    }
    if (event.type === 'deployment-status-set' || (event.type === 'deployment-created' && s.status === 'finished')) {
        // Deployment records are accepted even after the end: the last statuses go out in the same
        // batch as the finish, and a resume may re-create records a crash lost after the final save.
        const r = regionNamed(s, event.region);
        const fits = r !== undefined && (event.type === 'deployment-status-set' ? onDeploymentStatusSet(r, event) : onDeploymentCreated(ctx, r, event));
        if (!fits)
            (0,context/* ignore */.Xe)(ctx, event, `it does not match a deployment of ${event.region} step ${event.step + 1}`);
        return;
    }
    if (s.status === 'finished' && event.type === 'resumed') {
        // Nothing left to decide, but records a crash lost after the final save are still owed.
        for (const name in s.regions) {
            const r = s.regions[name];
            if (r)
                repairDeployments(ctx, r);
        }
        return;
    }
    if (s.status === 'finished' && event.type !== 'cancelled') {
        (0,context/* ignore */.Xe)(ctx, event, `the release is finished (${s.outcome?.decision ?? 'done'})`);
        return;
    }
    switch (event.type) {
        case 'resumed':
            resume(ctx);
            tick(ctx);
            return;
        case 'timer-fired':
            tick(ctx);
            return;
        case 'cancelled':
            (0,context/* log */.Rm)(ctx, { kind: 'cancelled', reasonCode: 'cancelled', reason: `the job was cancelled${event.reason ? `: ${event.reason}` : ''}; state saved, nothing decided` });
            ctx.fx.push({ type: 'save-state' });
            return;
        case 'approval':
        case 'command':
            if (event.denied !== undefined)
                (0,context/* ignore */.Xe)(ctx, event, `${event.by} is not allowed: ${event.denied}`);
            else if (event.type === 'approval')
                onApproval(ctx, event);
            else
                onCommand(ctx, event);
            return;
        default:
            break;
    }
    const r = regionNamed(s, event.region);
    if (!r) {
        (0,context/* ignore */.Xe)(ctx, event, `unknown region '${String(event.region)}'`);
        return;
    }
    let fits = false;
    switch (event.type) {
        case 'run-dispatched':
            fits = onRunDispatched(ctx, r, event);
            break;
        case 'dispatch-failed':
            fits = onDispatchFailed(ctx, r, event);
            break;
        case 'run-finished':
            fits = onRunFinished(ctx, r, event);
            break;
        case 'deployment-created':
            fits = onDeploymentCreated(ctx, r, event);
            break;
        case 'measurement':
            fits = onMeasurement(ctx, r, event);
            break;
    }
    if (!fits)
        (0,context/* ignore */.Xe)(ctx, event, `it does not match region ${r.name} (phase ${r.phase}, step ${r.step + 1})`);
}
/**
 * The region an event names, own properties only: `s.regions` is a plain object, so a name such as
 * 'constructor' or '__proto__' would otherwise find Object's members and make decide throw.
 */
function regionNamed(s, name) {
    return typeof name === 'string' && Object.hasOwn(s.regions, name) ? s.regions[name] : undefined;
}
/** Time passed: deadlines, due measurements, finished bakes, approval timeouts. Only regions whose timer is due are looked at. */
function tick(ctx) {
    const { s } = ctx;
    const st = s.stages[s.stage];
    if (st?.phase === 'awaiting-approval' && st.approval && ctx.at >= st.approval.deadline) {
        stopRelease(ctx, 'approval-timeout', `stage ${st.name} was not approved within ${Math.round((st.approval.deadline - st.approval.requestedAt) / 1000)}s`);
        return;
    }
    for (let top = peekTimer(s.timers); top !== undefined && top[0] <= ctx.at; top = peekTimer(s.timers)) {
        popTimer(s.timers);
        const r = s.regions[top[1]];
        if (!r || r.wakeAt !== top[0])
            continue; // stale entry
        r.wakeAt = undefined;
        ctx.dirty.add(r.name);
        if (s.status !== 'finished')
            tickRegion(ctx, r);
    }
}
function tickRegion(ctx, r) {
    if (r.phase === 'deploying' || r.phase === 'rolling-back')
        checkRunDeadline(ctx, r);
    else if (r.phase === 'baking')
        tickBake(ctx, r);
    else if (r.phase === 'awaiting-approval' && r.approval && ctx.at >= r.approval.deadline) {
        regionFailed(ctx, r, 'approval-timeout', `nobody decided on ${r.name} within ${Math.round(ctx.plan.approvals.timeoutMs / 1000)}s (${r.approval.reason})`);
    }
}
/** When a region's next timer is due: run deadline, next measurement or end of bake, approval deadline. */
function regionWakeAt(s, r) {
    if (r.phase === 'deploying' || r.phase === 'rolling-back')
        return openRun(r)?.deadline;
    if (r.phase === 'baking')
        return bakeWakeAt(r, s.hold !== undefined || s.stop !== undefined);
    if (r.phase === 'awaiting-approval')
        return r.approval?.deadline;
    return undefined;
}
/** Pushes new timers for regions that changed, then drops stale entries off the top so peeking is exact. */
function reschedule(ctx) {
    const { s } = ctx;
    for (const name of ctx.dirty) {
        const r = s.regions[name];
        if (!r)
            continue;
        const wake = s.status === 'finished' ? undefined : regionWakeAt(s, r);
        if (wake === r.wakeAt)
            continue;
        r.wakeAt = wake;
        if (wake !== undefined)
            pushTimer(s.timers, [wake, name]);
    }
    for (let top = peekTimer(s.timers); top !== undefined; top = peekTimer(s.timers)) {
        if (s.regions[top[1]]?.wakeAt === top[0])
            break;
        popTimer(s.timers);
    }
}
/** A driver picked the state up again: re-emit what may not have been done (dispatches are idempotent by correlation id). */
function resume(ctx) {
    const { s } = ctx;
    (0,context/* log */.Rm)(ctx, { kind: 'release-resumed', reasonCode: 'resumed', reason: 'state loaded; continuing without re-dispatching runs already recorded' });
    // Deployment records and statuses lost in a crash, for every region (finished ones too).
    for (const name in s.regions) {
        const r = s.regions[name];
        if (r)
            repairDeployments(ctx, r);
    }
    const st = s.stages[s.stage];
    if (st?.phase === 'awaiting-approval' && st.approval)
        ctx.fx.push({ type: 'request-approval', stage: st.name, reason: `stage ${st.name} is ready to start`, deadline: st.approval.deadline });
    for (const name of Object.keys(s.active)) {
        const r = s.regions[name];
        if (!r)
            continue;
        ctx.dirty.add(name);
        const stage = (0,context/* stageOf */.gV)(ctx, r);
        const run = openRun(r);
        if (run && run.runId === undefined) {
            const cid = (0,context/* correlationId */.kY)(s, r.name, run.kind, run.step);
            const type = run.kind === 'deploy' ? 'dispatch-deploy' : 'dispatch-rollback';
            if (run.kind === 'rollback' || r.phase === 'deploying')
                ctx.fx.push({ type, region: r.name, stage: stage.name, step: run.step, traffic: (0,context/* trafficOf */.t7)(ctx, r), correlationId: cid });
        }
        // Rollbacks queued by a stop but not yet dispatched stay queued (processStop dispatches them).
        if (r.bake)
            for (const c of Object.values(r.bake.gates))
                c.awaiting = false;
        if (r.phase === 'awaiting-approval' && r.approval)
            ctx.fx.push({ type: 'request-approval', stage: stage.name, region: r.name, reason: r.approval.reason, deadline: r.approval.deadline });
        else
            tickRegion(ctx, r);
    }
}
/** Keeps `status` in step: paused when nothing moves and something waits for a person. */
function updateStatus(ctx) {
    const { s } = ctx;
    if (s.status !== 'running' && s.status !== 'paused')
        return;
    // Counts first: the scan below runs only when nothing is in flight or a person holds the release.
    const c = s.counts;
    let busy = c.deploying + c.baking + c['rolling-back'] > 0;
    let heldRegion;
    if (!busy || s.hold) {
        busy = false;
        for (const name in s.active) {
            const r = s.regions[name];
            if (!r)
                continue;
            if (r.phase === 'awaiting-approval')
                heldRegion ??= `${r.name}: ${r.approval?.reason ?? 'held'}`;
            else if (!(r.phase === 'baking' && s.hold && bakeWakeAt(r, true) === undefined)) {
                busy = true;
                break;
            }
        }
    }
    const st = s.stages[s.stage];
    let pause;
    if (!busy) {
        if (heldRegion)
            pause = { reasonCode: 'awaiting-approval', reason: `waiting for a person: ${heldRegion}` };
        else if (st?.phase === 'awaiting-approval')
            pause = { reasonCode: 'stage-approval-required', reason: `stage ${st.name} waits for an approval` };
        else if (s.hold)
            pause = { reasonCode: 'held', reason: `paused by ${s.hold.by}: ${s.hold.reason}` };
    }
    if (pause && s.status === 'running') {
        s.status = 'paused';
        s.pause = pause;
        (0,context/* log */.Rm)(ctx, { kind: 'release-paused', reasonCode: pause.reasonCode, reason: pause.reason });
        ctx.fx.push({ type: 'report', headline: `release paused: ${pause.reason}` });
    }
    else if (!pause && s.status === 'paused') {
        s.status = 'running';
        s.pause = undefined;
    }
}
/** The next time at which a timer tick would change something (undefined: nothing timed is pending). */
function nextWakeAt(s) {
    if (s.status === 'finished' || s.status === 'pending')
        return undefined;
    let next;
    const consider = (t) => {
        if (t !== undefined && (next === undefined || t < next))
            next = t;
    };
    const st = s.stages[s.stage];
    if (st?.phase === 'awaiting-approval')
        consider(st.approval?.deadline);
    consider(peekTimer(s.timers)?.[0]);
    return next;
}
/** Runs the driver must poll: dispatched, with a run id, not finished. */
function runsInFlight(s) {
    const out = [];
    for (const name in s.active) {
        const r = s.regions[name];
        const run = r ? openRun(r) : undefined;
        if (r && run && run.runId !== undefined)
            out.push({ region: r.name, kind: run.kind, step: run.step, runId: run.runId });
    }
    return out;
}

// EXTERNAL MODULE: ./src/core/state.ts
var core_state = __webpack_require__(7066);
;// CONCATENATED MODULE: ./src/run/authorize.ts
const RANK = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };
/** Why `by` may not decide (undefined: allowed). Pure: the permission is looked up by the caller. */
function denialReason(plan, opts) {
    const { approvals } = plan;
    const have = RANK[opts.permission] ?? 0;
    const need = RANK[approvals.minPermission] ?? RANK.write ?? 3;
    if (have < need)
        return `repository permission '${opts.permission}' is below the required '${approvals.minPermission}'`;
    if (!opts.isApproval)
        return undefined;
    if (!approvals.allowSelfApproval && opts.initiator !== undefined && opts.by === opts.initiator) {
        return 'the person who started the release cannot approve it (approvals.allowSelfApproval is false)';
    }
    const stage = plan.stages.find((s) => s.name === opts.stage);
    // A stage's own list narrows the plan's; team membership is checked by the adapter that knows teams.
    const users = stage?.approval?.users.length ? stage.approval.users : approvals.users;
    const teams = stage?.approval?.teams.length ? stage.approval.teams : approvals.teams;
    if (users.length > 0 && teams.length === 0 && !users.includes(opts.by))
        return `not in the approvers list (${users.join(', ')})`;
    return undefined;
}
/** Marks inbox events whose author may not act. Permission lookups that fail deny (never allow by accident). */
async function authorizeInbox(events, plan, github, initiator, currentStage) {
    const out = [];
    for (const ev of events) {
        if ((ev.type !== 'approval' && ev.type !== 'command') || ev.denied !== undefined) {
            out.push(ev);
            continue;
        }
        let permission = 'none';
        try {
            permission = await github.permissionOf(ev.by);
        }
        catch (err) {
            out.push({ ...ev, denied: `could not read the permission of ${ev.by}: ${err instanceof Error ? err.message : String(err)}` });
            continue;
        }
        const isApproval = ev.type === 'approval' || ev.name === 'approve' || ev.name === 'promote';
        const denied = denialReason(plan, { by: ev.by, permission, isApproval, stage: ev.stage ?? currentStage, ...(initiator !== undefined ? { initiator } : {}) });
        out.push(denied === undefined ? ev : { ...ev, denied });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/run/ledger.ts
/** A few lines of markdown: status, stage, regions in flight, the outcome. */
function defaultSummary(state, plan) {
    const lines = [`### ${state.releaseId}: ${state.outcome?.decision ?? state.status}`];
    if (state.outcome)
        lines.push(`${state.outcome.reasonCode}: ${state.outcome.reason}`);
    else if (state.pause)
        lines.push(`${state.pause.reasonCode}: ${state.pause.reason}`);
    const stage = plan.stages[state.stage];
    if (stage && !state.outcome)
        lines.push(`stage ${stage.name} (${state.stage + 1}/${plan.stages.length})`);
    const inFlight = [];
    let more = false;
    for (const name in state.active) {
        if (inFlight.length === 20) {
            more = true;
            break;
        }
        inFlight.push(`${name} (${state.regions[name]?.phase ?? '?'})`);
    }
    if (inFlight.length > 0)
        lines.push(`in flight: ${inFlight.join(', ')}${more ? ', ...' : ''}`);
    return lines.join('\n');
}
/**
 * Annotations on the plan file at the lines that drove a verdict: a failed gate (failure), an
 * inconclusive gate that holds a region for a person (warning), a region that failed for a
 * reason of its stage (deploy run, timeout, dispatch, approval: failure on the stage), and a stage
 * that waits for an approval (notice). Lines come from the plan's source positions; entries
 * without one are skipped. The first 50 matching history entries only: the list is a prefix of
 * what a later call returns (the history only grows), so a release never sends more than 50 in
 * all, and the ledger, which remembers what it sent, batches them by GitHub's 50 per request.
 */
function annotationsFor(state, plan) {
    const out = [];
    const stageLine = (name) => plan.stages.find((st) => st.name === name)?.pos?.line;
    for (const h of state.history) {
        let line;
        let level = 'failure';
        let title = '';
        const where = `${h.region ?? '?'}${h.step !== undefined ? ` step ${h.step + 1}` : ''}`;
        if ((h.kind === 'gate-failed' || h.kind === 'gate-inconclusive') && h.gate) {
            line = plan.gates[h.gate]?.pos?.line;
            level = h.kind === 'gate-failed' ? 'failure' : 'warning';
            title = `gate ${h.gate} ${h.kind === 'gate-failed' ? 'failed' : 'inconclusive'} in ${where}`;
        }
        else if (h.kind === 'region-failed' && !h.reasonCode.startsWith('gate-')) {
            // Gate failures are annotated on the gate above; other failures belong to the stage.
            line = stageLine(h.stage);
            title = `${where} failed in stage ${h.stage ?? '?'} (${h.reasonCode})`;
        }
        else if (h.kind === 'stage-awaiting-approval') {
            line = stageLine(h.stage);
            level = 'notice';
            title = `stage ${h.stage ?? '?'} waits for an approval`;
        }
        if (line === undefined)
            continue;
        out.push({ path: plan.file, line, level, title, message: h.reason });
        if (out.length >= 50)
            break;
    }
    return out;
}

// EXTERNAL MODULE: ./src/plan/template.ts
var template = __webpack_require__(7909);
;// CONCATENATED MODULE: ./src/run/perform.ts


function message(err) {
    return err instanceof Error ? err.message : String(err);
}
/** The template context of one region at one step. */
function templateContext(env, stage, region, step, traffic) {
    return { releaseId: env.state.releaseId, version: env.state.version, stage, region, step: { index: step, traffic }, vars: env.plan.variables };
}
async function performEffect(env, e) {
    const { github, metrics, clock } = env.ports;
    switch (e.type) {
        case 'dispatch-deploy':
        case 'dispatch-rollback': {
            const kind = e.type === 'dispatch-deploy' ? 'deploy' : 'rollback';
            const spec = kind === 'deploy' ? env.plan.deploy : env.plan.rollback;
            const base = { region: e.region, kind, step: e.step };
            if (!spec)
                return [{ type: 'dispatch-failed', at: clock.now(), ...base, message: 'no rollback workflow configured' }];
            try {
                const values = (0,template/* contextValues */.S3)({ ...templateContext(env, e.stage, e.region, e.step, e.traffic), correlationId: e.correlationId });
                const inputs = {};
                for (const [k, v] of Object.entries(spec.inputs))
                    inputs[k] = (0,template/* renderTemplate */.Xm)(v, values);
                const request = { workflow: spec.workflow, ref: spec.ref ?? env.ref, inputs, correlationId: e.correlationId, ...(spec.correlationInput !== undefined ? { correlationInput: spec.correlationInput } : {}) };
                const answer = await github.dispatch(request);
                return [{ type: 'run-dispatched', at: clock.now(), ...base, runId: answer.runId, ...(answer.htmlUrl !== undefined ? { htmlUrl: answer.htmlUrl } : {}) }];
            }
            catch (err) {
                return [{ type: 'dispatch-failed', at: clock.now(), ...base, message: message(err) }];
            }
        }
        case 'cancel-run':
            try {
                await github.cancelRun(e.runId);
            }
            catch (err) {
                env.warn(`could not cancel ${e.kind} run ${e.runId} of ${e.region}: ${message(err)}`);
            }
            return [];
        case 'create-deployment':
            try {
                const values = (0,template/* contextValues */.S3)(templateContext(env, e.stage, e.region, e.step, e.traffic));
                const environment = (0,template/* renderTemplate */.Xm)(env.plan.environment, values);
                const description = `${env.state.releaseId}: ${e.region} step ${e.step + 1} at ${e.traffic}%`.slice(0, 140);
                const payload = { releaseId: env.state.releaseId, version: env.state.version, stage: e.stage, region: e.region, step: e.step, traffic: e.traffic };
                const { deploymentId } = await github.createDeployment({ ref: env.ref, environment, description, key: e.key, payload });
                return [{ type: 'deployment-created', at: clock.now(), region: e.region, step: e.step, deploymentId }];
            }
            catch (err) {
                env.warn(`could not create the deployment record for ${e.region} step ${e.step + 1}: ${message(err)}`);
                return [];
            }
        case 'set-deployment-status':
            try {
                await github.setDeploymentStatus(e.deploymentId, e.state, e.description, e.runUrl);
                // Confirmed: a resume will not send it again.
                return [{ type: 'deployment-status-set', at: clock.now(), region: e.region, step: e.step, deploymentId: e.deploymentId, state: e.state }];
            }
            catch (err) {
                env.warn(`could not set deployment ${e.deploymentId} to ${e.state}: ${message(err)}`);
                return [];
            }
        case 'query-metric':
            // Gates of one region and interval go out together.
            return Promise.all(e.gates.map(async (name) => {
                const observation = await measureOne(env, e, name, metrics);
                return { type: 'measurement', at: e.at, region: e.region, step: e.step, gate: name, observation };
            }));
        case 'request-approval':
        case 'save-state':
        case 'report':
        case 'wait-until':
        case 'finish':
            return [];
    }
}
async function measureOne(env, e, name, metrics) {
    const gate = env.plan.gates[name];
    const provider = gate ? env.plan.providers[gate.provider] : undefined;
    if (!gate || !provider)
        return { kind: 'error', message: `gate ${name} or its provider is not in the plan` };
    try {
        const context = { ...templateContext(env, e.stage, e.region, e.step, e.traffic), window: (0,duration/* formatDuration */.a3)(gate.windowMs) };
        return await metrics.measure({ gate, provider, context, at: e.at });
    }
    catch (err) {
        // The port promises not to throw; if it does anyway, that is an error measurement, never a pass.
        return { kind: 'error', message: message(err) };
    }
}

;// CONCATENATED MODULE: ./src/run/poll-runs.ts
/** Every run asked for, with what was read (undefined after a warning when it could not be read). */
async function readRuns(github, plan, runs, warn) {
    const failed = (run, err) => {
        warn(`could not read run ${run.runId}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
    };
    const one = async (run) => ({ run, info: await github.getRun(run.runId).catch((err) => failed(run, err)) });
    const batch = github.getRuns?.bind(github);
    if (!batch)
        return Promise.all(runs.map(one));
    const byWorkflow = new Map();
    const single = [];
    for (const run of runs) {
        const workflow = (run.kind === 'deploy' ? plan.deploy : plan.rollback)?.workflow;
        if (workflow === undefined) {
            single.push(run);
            continue;
        }
        const list = byWorkflow.get(workflow);
        if (list)
            list.push(run);
        else
            byWorkflow.set(workflow, [run]);
    }
    const groups = await Promise.all([...byWorkflow].map(async ([workflow, list]) => {
        try {
            const answers = await batch(workflow, list.map((r) => r.runId));
            return list.map((run) => {
                const a = answers.get(run.runId);
                if (a === undefined)
                    return { run, info: failed(run, new Error('the port did not answer for it')) };
                return { run, info: a instanceof Error ? failed(run, a) : a };
            });
        }
        catch (err) {
            return list.map((run) => ({ run, info: failed(run, err) }));
        }
    }));
    return [...groups.flat(), ...(await Promise.all(single.map(one)))];
}

;// CONCATENATED MODULE: ./src/run/interpreter.ts
/**
 * The run driver: performs the core's effects through the ports and feeds the answers back as
 * events, until the release ends, pauses for a person, or (reconcile mode) has nothing left to
 * do without waiting. The same code drives `run`, `reconcile` and `simulate`; only the ports differ.
 */






const DEFAULT_POLL_MS = 15_000;
/** Effects that cannot be taken back: never performed unless the state that asked for them is saved. */
const IRREVERSIBLE = new Set(['dispatch-deploy', 'dispatch-rollback', 'create-deployment']);
/** Runs (or resumes, or reconciles) one release. Never throws for port errors: they become events. */
async function runRelease(opts) {
    const { plan, ports } = opts;
    const { clock, github } = ports;
    // The driver owns its copy: `advance` mutates it, which keeps each event O(1) in release size.
    const state = opts.state ? structuredClone(opts.state) : (0,core_state/* initialState */.ue)(plan, opts.releaseId, opts.version);
    const events = [];
    let pending = [];
    let reported = state.history.length;
    const env = { plan, ports, ref: opts.ref, state, warn: opts.onWarning ?? (() => { }) };
    const record = opts.recordEvents ?? true;
    // Runs to poll, kept from the events the driver feeds: polling costs O(runs in flight), not O(regions in flight).
    const watched = new Map();
    for (const run of runsInFlight(state))
        watched.set(run.runId, run);
    const feed = (ev) => {
        if (record)
            events.push(ev);
        if (ev.type === 'run-dispatched')
            watched.set(ev.runId, { region: ev.region, kind: ev.kind, step: ev.step, runId: ev.runId });
        for (const e of advance(state, ev, plan).effects)
            pending.push(e);
        if (opts.onTransition)
            while (reported < state.history.length)
                opts.onTransition(state.history[reported++]);
        else
            reported = state.history.length;
    };
    /** `last`: the driver stops after this save (annotations go out; a pause shows as action_required). */
    /** Resolves false when the ledger could not be written (warned). */
    const save = async (last = false) => {
        const finished = state.status === 'finished';
        // Paused for a person: the check run says so (action_required) until a driver picks the release up again.
        const waiting = last && state.status === 'paused';
        const write = {
            // The live state, which the driver keeps changing after this call returns: an adapter
            // serialises it before it resolves (the simulator keeps the reference on purpose).
            state,
            summary: (opts.summarize ?? defaultSummary)(state, plan),
            status: finished || waiting ? 'completed' : 'in_progress',
            // One history scan per driver stop, not per save; the ledger never sends one twice.
            annotations: finished || last ? annotationsFor(state, plan) : [],
        };
        if (finished)
            write.conclusion = state.outcome?.decision === 'promoted' ? 'success' : 'failure';
        else if (waiting)
            write.conclusion = 'action_required';
        try {
            await github.saveLedger(state.releaseId, write);
            return true;
        }
        catch (err) {
            env.warn(`could not save the ledger: ${err instanceof Error ? err.message : String(err)}`);
            return false;
        }
    };
    let unsaved;
    const drain = async () => {
        while (pending.length > 0) {
            const batch = pending;
            pending = [];
            // Save first: the effects of this batch depend on the state that asked for them being on record.
            if (batch.some((e) => e.type === 'save-state') && !(await save()) && batch.some((e) => IRREVERSIBLE.has(e.type))) {
                // The state that asks for a dispatch is not on record: a crash now would resume from an older
                // state and dispatch the step again. Nothing irreversible is done; the next driver resumes
                // from the last saved state.
                unsaved = 'the ledger could not be saved before dispatching; nothing was dispatched, the next run resumes from the last saved state';
                pending = [];
                return;
            }
            const groups = new Map();
            for (const e of batch) {
                // wait-until: the loop below asks nextWakeAt(state) instead, which also holds after a resume;
                // finish/report: the state already says it, and the final save publishes it.
                if (e.type === 'save-state' || e.type === 'wait-until' || e.type === 'finish' || e.type === 'report')
                    continue;
                const key = 'region' in e && e.region !== undefined ? `r:${e.region}` : `x:${e.type}`;
                const group = groups.get(key);
                if (group)
                    group.push(e);
                else
                    groups.set(key, [e]);
            }
            // Regions are independent: their effects run concurrently; one region's effects run in order.
            const answers = await Promise.all([...groups.values()].map(async (group) => {
                const out = [];
                for (const e of group)
                    out.push(...(await performEffect(env, e)));
                return out;
            }));
            for (const list of answers)
                for (const ev of list)
                    feed(ev);
        }
    };
    feed(opts.state ? { type: 'resumed', at: clock.now() } : { type: 'started', at: clock.now(), ...(opts.initiator !== undefined ? { by: opts.initiator } : {}) });
    const inbox = opts.inbox ?? [];
    const authorized = opts.inboxAuthorized || inbox.length === 0 ? inbox : await authorizeInbox(inbox, plan, github, state.initiator ?? opts.initiator, state.stages[state.stage]?.name);
    for (const ev of authorized)
        feed(ev);
    const poll = opts.pollIntervalMs ?? DEFAULT_POLL_MS;
    // A tick at the same time is repeated only if the last one changed something: no spinning.
    let lastTick = { at: Number.NEGATIVE_INFINITY, history: -1 };
    // Runs are polled on their own schedule, not on every timer tick: with many regions baking at
    // once, ticks are frequent, and polling every run on each would cost O(runs) API calls per tick.
    let nextPollAt = Number.NEGATIVE_INFINITY;
    for (;;) {
        await drain();
        if (unsaved !== undefined)
            return { state, decision: 'failed', reasonCode: 'ledger-save-failed', reason: unsaved, events };
        if (state.status === 'finished' || state.status === 'paused')
            break;
        let progressed = false;
        if (clock.now() >= nextPollAt) {
            nextPollAt = clock.now() + poll;
            const runs = [];
            for (const run of watched.values()) {
                // Still the region's open run? (It may have timed out, been cancelled or abandoned by a stop.)
                const open = state.regions[run.region]?.runs.at(-1);
                if (open && !open.done && open.runId === run.runId)
                    runs.push(run);
                else
                    watched.delete(run.runId);
            }
            // One request per workflow where the port can (GitHubPort.getRuns), else one per run.
            const infos = await readRuns(github, plan, runs, env.warn);
            for (const { run, info } of infos) {
                if (info?.status !== 'completed')
                    continue;
                feed({ type: 'run-finished', at: clock.now(), region: run.region, kind: run.kind, step: run.step, runId: run.runId, conclusion: info.conclusion });
                progressed = true;
            }
            if (progressed)
                continue;
        }
        const now = clock.now();
        const wake = nextWakeAt(state);
        if (wake !== undefined && wake <= now && (now > lastTick.at || state.history.length > lastTick.history)) {
            lastTick = { at: now, history: state.history.length + 1 };
            feed({ type: 'timer-fired', at: now });
            continue;
        }
        if (opts.mode === 'reconcile')
            break;
        // Every run in flight has a deadline timer, so no timer at all means nothing can happen by waiting.
        const target = wake !== undefined && wake > now ? Math.min(wake, nextPollAt) : Number.POSITIVE_INFINITY;
        if (target === Number.POSITIVE_INFINITY) {
            // Nothing to wait for, yet not finished nor paused: a bug in the core. Say so rather than spin.
            env.warn(`release ${state.releaseId} has nothing to wait for but is ${state.status}; stopping the driver`);
            await save();
            return { state, decision: 'failed', reasonCode: 'engine-stalled', reason: `nothing to wait for while ${state.status}`, events };
        }
        await clock.sleepUntil(target);
    }
    await save(true);
    if (state.status === 'finished' && state.outcome) {
        return { state, decision: state.outcome.decision, reasonCode: state.outcome.reasonCode, reason: state.outcome.reason, events };
    }
    if (state.status === 'paused') {
        return { state, decision: 'paused', reasonCode: state.pause?.reasonCode ?? 'paused', reason: state.pause?.reason ?? 'waiting for a person', events };
    }
    const wake = nextWakeAt(state);
    return { state, decision: 'continue', reasonCode: 'waiting', reason: wake !== undefined ? `next check due at ${new Date(wake).toISOString()}` : 'waiting for runs to finish', events };
}

;// CONCATENATED MODULE: ./src/simulate/clock.ts
class VirtualClock {
    t;
    constructor(start) {
        this.t = start;
    }
    now() {
        return this.t;
    }
    async sleepUntil(epochMs) {
        if (epochMs > this.t)
            this.t = epochMs;
    }
    /** Moves time forward by `ms` (a simulated person taking a while to approve). */
    advance(ms) {
        this.t += Math.max(0, ms);
    }
}

;// CONCATENATED MODULE: ./src/simulate/random.ts
/**
 * Seeded randomness for the simulation. A tiny PRNG (mulberry32) seeded from a hash of
 * (seed, region, gate, step, time) rather than Math.random or one shared stream: the same
 * --seed gives the same release whatever order concurrent effects run in, and a 32-bit
 * generator is plenty for noise around a threshold (no crypto, no dependency).
 */
/** FNV-1a over a string: a stable 32-bit seed from a key. */
function hash32(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}
/** mulberry32: returns a generator of floats in [0, 1). */
function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/** One float in [0, 1) for a key under a seed. */
function randomFor(seed, key) {
    return mulberry32(hash32(`${seed}|${key}`))();
}

;// CONCATENATED MODULE: ./src/simulate/github.ts
/**
 * An in-process GitHub for `simulate` and tests: a dispatch becomes a run that completes after
 * a simulated duration on the (virtual) clock, with the outcome the scenario scripts. Dispatches
 * are idempotent by correlation id, as the real adapter must be.
 */


class EmulatedGitHub {
    opts;
    runs = [];
    deployments = [];
    deploymentByKey = new Map();
    /** Last ledger write (kept by reference: serialising thousands of regions per save would dominate the simulation). */
    ledger;
    ledgerWrites = 0;
    byCorrelation = new Map();
    constructor(opts) {
        this.opts = opts;
    }
    async dispatch(request) {
        const existing = this.byCorrelation.get(request.correlationId);
        if (existing)
            return { runId: existing.id, htmlUrl: this.url(existing.id) };
        const parsed = (0,context/* parseCorrelationId */.RU)(request.correlationId);
        const region = parsed?.region ?? 'unknown';
        const kind = parsed?.kind ?? 'deploy';
        const now = this.opts.clock.now();
        const base = this.opts.runMs ?? 180_000;
        const duration = Math.round(base * (0.7 + 0.6 * randomFor(this.opts.seed, `run|${request.correlationId}`)));
        const sc = this.opts.scenario;
        const hung = kind === 'deploy' && sc.deployTimeouts.has(region);
        const failed = kind === 'deploy' ? sc.deployFailures.has(region) : sc.rollbackFailures.has(region);
        const run = { id: 1000 + this.runs.length, request, region, kind, step: parsed?.step ?? 0, startedAt: now, endsAt: hung ? undefined : now + duration, conclusion: failed ? 'failure' : 'success', cancelled: false };
        this.runs.push(run);
        this.byCorrelation.set(request.correlationId, run);
        return { runId: run.id, htmlUrl: this.url(run.id) };
    }
    async getRun(runId) {
        const run = this.runs[runId - 1000];
        if (!run)
            throw new Error(`run ${runId} not found`);
        const done = run.cancelled || (run.endsAt !== undefined && this.opts.clock.now() >= run.endsAt);
        return { id: run.id, status: done ? 'completed' : 'in_progress', conclusion: done ? (run.cancelled ? 'cancelled' : run.conclusion) : null, htmlUrl: this.url(run.id) };
    }
    async cancelRun(runId) {
        const run = this.runs[runId - 1000];
        if (run && !(run.endsAt !== undefined && this.opts.clock.now() >= run.endsAt))
            run.cancelled = true;
    }
    async createDeployment(request) {
        const found = this.deploymentByKey.get(request.key);
        if (found !== undefined)
            return { deploymentId: found };
        const id = 5000 + this.deployments.length;
        this.deployments.push({ id, request, statuses: [] });
        this.deploymentByKey.set(request.key, id);
        return { deploymentId: id };
    }
    async setDeploymentStatus(deploymentId, state) {
        this.deployments[deploymentId - 5000]?.statuses.push(state);
    }
    async loadLedger() {
        return this.ledger ? { state: this.ledger.state } : undefined;
    }
    async saveLedger(_releaseId, write) {
        this.ledger = write;
        this.ledgerWrites += 1;
    }
    async permissionOf() {
        return 'admin';
    }
    url(id) {
        return `https://github.example/simulate/actions/runs/${id}`;
    }
}

;// CONCATENATED MODULE: ./src/simulate/metrics.ts

class SyntheticMetrics {
    plan;
    scenario;
    seed;
    calls = [];
    recordCalls = false;
    constructor(plan, scenario, seed) {
        this.plan = plan;
        this.scenario = scenario;
        this.seed = seed;
    }
    async measure(req) {
        if (this.recordCalls)
            this.calls.push(req);
        const { gate, context } = req;
        const key = `${context.region}|${gate.name}|${context.step.index}|${req.at}`;
        if (this.scenario.noData.has(context.region))
            return { kind: 'no-data', detail: 'simulated: the query returned no series' };
        if (this.scenario.flakyRate > 0 && randomFor(this.seed, `flaky|${key}`) < this.scenario.flakyRate) {
            return { kind: 'error', message: 'simulated: backend answered 503' };
        }
        const from = this.scenario.regressions.get(context.region);
        const stage = this.plan.stages.find((s) => s.name === context.stage);
        const degraded = from !== undefined && context.step.index >= from && stage?.gates[0] === gate.name;
        const noise = randomFor(this.seed, `value|${key}`) * 2 - 1; // [-1, 1)
        return { kind: 'value', value: valueFor(gate.min, gate.max, degraded, noise, baselineOf(req)), detail: degraded ? 'simulated regression' : 'simulated' };
    }
}
function baselineOf(req) {
    return req.provider.type === 'synthetic' ? req.provider.baseline : undefined;
}
/** A healthy value sits within thresholds (noise +-20 % of the margin); a degraded one is well past them. */
function valueFor(min, max, degraded, noise, baseline) {
    if (max !== undefined && min !== undefined) {
        const mid = (min + max) / 2;
        const half = (max - min) / 2;
        return degraded ? max + half * (0.5 + 0.25 * noise) + Math.abs(max) * 0.1 + 1e-9 : mid + half * 0.4 * noise;
    }
    if (max !== undefined) {
        const scale = Math.abs(max) || 1;
        if (degraded)
            return max + scale * (0.5 + 0.2 * noise);
        const healthy = baseline !== undefined && baseline < max ? baseline : max - scale * 0.5;
        return healthy + scale * 0.2 * noise * 0.5;
    }
    if (min !== undefined) {
        const scale = Math.abs(min) || 1;
        if (degraded)
            return min - scale * (0.5 + 0.2 * noise);
        const healthy = baseline !== undefined && baseline > min ? baseline : min + scale * 0.5;
        return healthy + scale * 0.2 * noise * 0.5;
    }
    return baseline ?? 0;
}

;// CONCATENATED MODULE: ./src/simulate/run.ts




/** Virtual start: a fixed instant, so output and state are identical from run to run. */
const SIMULATION_START = Date.UTC(2026, 0, 1, 9, 0, 0);
/** A simulated person approves a stage this long after being asked. */
const APPROVER_DELAY_MS = 5 * 60_000;
async function simulateRelease(opts) {
    const clock = new VirtualClock(SIMULATION_START);
    const github = new EmulatedGitHub({ clock, scenario: opts.scenario, seed: opts.seed });
    const metrics = new SyntheticMetrics(opts.plan, opts.scenario, opts.seed);
    const events = [];
    let state;
    let inbox = [];
    for (;;) {
        const res = await runRelease({
            plan: opts.plan,
            version: opts.version,
            releaseId: opts.releaseId,
            ref: 'refs/heads/main',
            ports: { github, metrics, clock },
            mode: 'run',
            ...(state ? { state } : {}),
            initiator: 'simulate',
            inbox,
            pollIntervalMs: 30_000,
            recordEvents: opts.recordEvents ?? true,
            ...(opts.onTransition ? { onTransition: opts.onTransition } : {}),
        });
        for (const ev of res.events)
            events.push(ev); // no spread: a large release has more events than the stack allows arguments
        const stage = res.state.stages[res.state.stage];
        if (res.decision === 'paused' && (opts.autoApprove ?? true) && stage?.phase === 'awaiting-approval' && res.state.pause?.reasonCode === 'stage-approval-required') {
            clock.advance(APPROVER_DELAY_MS);
            state = res.state;
            // The simulated person is someone the plan lets approve (the first listed approver, if any).
            const planStage = opts.plan.stages[res.state.stage];
            const by = planStage?.approval?.users[0] ?? opts.plan.approvals.users[0] ?? 'simulated-approver';
            inbox = [{ type: 'approval', at: clock.now(), by, decision: 'approve', stage: stage.name }];
            continue;
        }
        return { decision: res.decision, reasonCode: res.reasonCode, reason: res.reason, state: res.state, events, github, metrics, start: SIMULATION_START };
    }
}

;// CONCATENATED MODULE: ./src/simulate/scenario.ts
/**
 * Scenarios script what goes wrong in a simulated release. Several may be combined
 * (`--scenario regression=eu-west-1@2 --scenario flaky-metrics`). Step numbers are 1-based, like
 * the `step N` printed in progress lines, tables and summaries.
 */
const SCENARIO_FORMS = [
    'healthy',
    'regression=REGION[@STEP]',
    'no-data=REGION',
    'deploy-failure=REGION',
    'deploy-timeout=REGION',
    'rollback-failure=REGION',
    'flaky-metrics',
];
function emptyScenario() {
    return { regressions: new Map(), noData: new Set(), deployFailures: new Set(), deployTimeouts: new Set(), rollbackFailures: new Set(), flakyRate: 0 };
}
const REGION_KINDS = new Set(['regression', 'no-data', 'deploy-failure', 'deploy-timeout', 'rollback-failure']);
const REGION_RE = /^[a-z][a-z0-9-]{0,62}$/;
/**
 * Adds one `--scenario` value; returns an error message naming the expected form, or undefined.
 * `regions` maps each region of the plan to its number of steps.
 */
function addScenario(s, text, regions) {
    if (text === 'healthy')
        return undefined;
    if (text === 'flaky-metrics') {
        s.flakyRate = 0.2;
        return undefined;
    }
    const eq = text.indexOf('=');
    const kind = eq < 0 ? text : text.slice(0, eq);
    const arg = eq < 0 ? '' : text.slice(eq + 1);
    const bad = `invalid --scenario '${text}'. Expected one of: ${SCENARIO_FORMS.join(', ')}`;
    if (!REGION_KINDS.has(kind))
        return bad;
    if (arg === '')
        return `--scenario '${text}' needs a region: ${kind}=REGION${kind === 'regression' ? '[@STEP]' : ''}`;
    let region = arg;
    // 1-based step number as the user reads it in the output; converted to an index below.
    let step = 1;
    if (kind === 'regression') {
        const m = /^([^@]+)(?:@(\d{1,4}))?$/.exec(arg);
        if (!m)
            return bad;
        region = m[1] ?? '';
        step = m[2] !== undefined ? Number(m[2]) : 1;
    }
    else if (arg.includes('@')) {
        return `--scenario '${text}': only regression takes @STEP; write ${kind}=REGION`;
    }
    if (!REGION_RE.test(region))
        return bad;
    const steps = regions.get(region);
    if (steps === undefined)
        return `--scenario '${text}': region '${region}' is not in the plan (regions: ${sample([...regions.keys()])})`;
    if (step < 1 || step > steps)
        return `--scenario '${text}': ${region} has no step ${step}; its steps are 1 to ${steps}`;
    switch (kind) {
        case 'regression':
            s.regressions.set(region, step - 1);
            return undefined;
        case 'no-data':
            s.noData.add(region);
            return undefined;
        case 'deploy-failure':
            s.deployFailures.add(region);
            return undefined;
        case 'deploy-timeout':
            s.deployTimeouts.add(region);
            return undefined;
        case 'rollback-failure':
            s.rollbackFailures.add(region);
            return undefined;
        default:
            return bad;
    }
}
/** A short list for an error message: big plans have hundreds of regions. */
function sample(names, max = 8) {
    return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, ... ${names.length - max} more`;
}

;// CONCATENATED MODULE: ./src/simulate/command.ts
/**
 * `progressive-release simulate <plan> [--version v] [--scenario ...] [--seed n] [--json]`:
 * the whole release on the embedded default, no account or server. Exit codes: 0 promoted,
 * 2 rolled back, 3 paused (waiting for a person), 4 failed, 1 bad usage or invalid plan.
 */






const EXIT_CODES = { promoted: 0, usage: 1, 'rolled-back': 2, paused: 3, failed: 4, continue: 4 };
const USAGE = `usage: progressive-release simulate <plan> [--version v] [--scenario S]... [--seed n] [--json] [--quiet] [--verbose] [--no-auto-approve]
  scenarios: ${SCENARIO_FORMS.join(' | ')}
  exit codes: 0 promoted, 2 rolled back, 3 paused, 4 failed, 1 bad usage or invalid plan`;
const HELP = `${USAGE}

Runs the whole release in memory: an emulated GitHub (deploy runs finish after a simulated
time), synthetic metrics around each gate's threshold (seeded noise) and a virtual clock.
  --scenario S        what goes wrong; repeat to combine. STEP is 1-based, as printed ("step 2"):
                        healthy                    nothing (the default)
                        regression=REGION[@STEP]   its stage's first gate degrades there from STEP on (default 1)
                        no-data=REGION             its queries return no series (the gate's onNoData applies)
                        deploy-failure=REGION      its deploy run concludes failure
                        deploy-timeout=REGION      its deploy run never finishes (deploy.timeout trips)
                        rollback-failure=REGION    its rollback run fails (only matters if it is rolled back)
                        flaky-metrics              1 in 5 measurements is a backend error
  --version v         what is released (default 1.0.0)
  --seed n            noise and run durations (default 1); the same seed gives the same output
  --json              the final decision, reason and state (with its history) as JSON
  --quiet             no progress lines; only the region table, timeline and verdict
  --verbose           also every individual measurement
  --no-auto-approve   stop (exit 3) at the first stage approval instead of approving as a simulated person`;
function parseArgs(argv) {
    const out = { plan: '', version: '1.0.0', scenarios: [], seed: 1, json: false, quiet: false, verbose: false, autoApprove: true };
    const rest = [...argv];
    if (rest[0] === 'simulate')
        rest.shift();
    while (rest.length > 0) {
        const arg = rest.shift() ?? '';
        const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        // `--version --json` must not release a version called "--json": a following flag is no value.
        const value = () => {
            if (eq > 0)
                return arg.slice(eq + 1);
            if (rest[0] === undefined || rest[0].startsWith('--'))
                return undefined;
            return rest.shift();
        };
        switch (flag) {
            case '--version': {
                const v = value();
                if (!v)
                    return '--version needs a value, e.g. --version 1.4.2';
                out.version = v;
                break;
            }
            case '--scenario': {
                const v = value();
                if (!v)
                    return `--scenario needs a value: ${SCENARIO_FORMS.join(' | ')}`;
                out.scenarios.push(v);
                break;
            }
            case '--seed': {
                const v = value();
                if (!v)
                    return '--seed needs a value: a non-negative integer, e.g. --seed 42';
                if (!/^\d{1,9}$/.test(v))
                    return `invalid --seed '${v}'. Expected a non-negative integer, e.g. --seed 42`;
                out.seed = Number(v);
                break;
            }
            case '--json':
                out.json = true;
                break;
            case '--quiet':
                out.quiet = true;
                break;
            case '--verbose':
                out.verbose = true;
                break;
            case '--no-auto-approve':
                out.autoApprove = false;
                break;
            case '--help':
            case '-h':
                return '';
            default:
                if (arg.startsWith('-'))
                    return `unknown option '${arg}'`;
                if (out.plan)
                    return `unexpected argument '${arg}': only one plan file`;
                out.plan = arg;
        }
    }
    if (!out.plan)
        return 'missing <plan>: the path of a release plan, e.g. .github/release-plan.yml';
    return out;
}
/** Runs `simulate`; returns the exit code. Never calls process.exit (the CLI does). */
async function simulateCommand(argv, io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }) {
    const args = parseArgs(argv);
    if (typeof args === 'string') {
        // --help is an answer (stdout, 0); a usage error is a complaint (stderr, 1).
        if (!args) {
            io.stdout(`${HELP}\n`);
            return 0;
        }
        io.stderr(`progressive-release simulate: ${args}\n${USAGE}\n`);
        return EXIT_CODES.usage;
    }
    const loaded = (0,load/* loadPlanFile */.w$)(args.plan);
    for (const d of loaded.diagnostics)
        io.stderr(`${(0,diagnostics/* formatDiagnostic */.xy)(d)}\n`);
    const plan = loaded.plan;
    if (!plan) {
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
        io.stderr(`${args.plan}: ${plural(errors, 'error')}; nothing simulated\n`);
        return EXIT_CODES.usage;
    }
    const scenario = emptyScenario();
    const regions = new Map(plan.stages.flatMap((s) => s.regions.map((r) => [r, s.steps.length])));
    for (const text of args.scenarios) {
        const err = addScenario(scenario, text, regions);
        if (err) {
            io.stderr(`progressive-release simulate: ${err}\n`);
            return EXIT_CODES.usage;
        }
    }
    const releaseId = (0,load/* releaseIdOf */.MQ)(plan.name, args.version);
    const human = !args.json;
    const start = SIMULATION_START;
    const progress = new ProgressFormatter(start, args.verbose, plan);
    if (human) {
        // Say up front that nothing real happens, and what the columns are: the first thing a new user reads.
        const regionCount = plan.stages.reduce((n, st) => n + st.regions.length, 0);
        io.stdout(`Simulating ${releaseId}: ${plural(plan.stages.length, 'stage')}, ${plural(regionCount, 'region')}, ${plural(Object.keys(plan.gates).length, 'gate')}; emulated GitHub, synthetic metrics, virtual clock (seed ${args.seed}). Nothing is deployed.\n`);
        if (!args.quiet)
            io.stdout(`${progressHeader()}\n`);
    }
    const result = await simulateRelease({
        plan,
        version: args.version,
        releaseId,
        scenario,
        seed: args.seed,
        autoApprove: args.autoApprove,
        recordEvents: false,
        ...(human && !args.quiet
            ? {
                onTransition: (e) => {
                    const line = progress.line(e);
                    if (line)
                        io.stdout(`${line}\n`);
                },
            }
            : {}),
    });
    for (const note of unusedScenarios(scenario, result.state))
        io.stderr(`note: ${note}\n`);
    if (args.json) {
        io.stdout(`${JSON.stringify({ decision: result.decision, reasonCode: result.reasonCode, reason: result.reason, state: result.state }, null, 2)}\n`);
    }
    else {
        const elapsed = result.state.now - start;
        io.stdout(`\nRegions\n${regionTable(result.state, plan, start)}\n\nTimeline\n${timeline(result.state, start)}\n\n`);
        io.stdout(`${result.decision.toUpperCase()} (${result.reasonCode}) after ${(0,duration/* formatDuration */.a3)(elapsed)} of simulated time: ${result.reason}\n`);
        if (args.scenarios.every((t) => t === 'healthy') && result.decision === 'promoted') {
            const example = plan.stages[plan.stages.length > 1 ? 1 : 0]?.regions[0] ?? 'REGION';
            const steps = plan.stages.find((st) => st.regions.includes(example))?.steps.length ?? 1;
            io.stdout(`Next: watch a gate fail and a rollback with --scenario regression=${example}${steps > 1 ? '@2' : ''}; --help lists every scenario.\n`);
        }
        if (result.decision === 'paused') {
            // In a real release a person now approves or rejects (approval event or command); simulate stops here.
            io.stdout(`${pausedHint(result.reasonCode)}\n`);
        }
    }
    return EXIT_CODES[result.decision];
}
/**
 * Scenario parts that never came into play, so a user who asked for `rollback-failure=X` and got
 * PROMOTED learns why instead of doubting the tool.
 */
function unusedScenarios(s, state) {
    const notes = [];
    const rolledBack = new Set(state.history.filter((h) => h.kind === 'rollback-dispatched').map((h) => h.region));
    for (const region of s.rollbackFailures) {
        if (!rolledBack.has(region))
            notes.push(`--scenario rollback-failure=${region} had no effect: no rollback of ${region} was needed. Combine it with a failure that triggers one, e.g. --scenario regression=${region}`);
    }
    const parts = [['regression', s.regressions.keys()], ['no-data', s.noData], ['deploy-failure', s.deployFailures], ['deploy-timeout', s.deployTimeouts]];
    for (const [kind, regions] of parts) {
        for (const region of regions) {
            const r = state.regions[region];
            if (r && r.touchedSeq === undefined)
                notes.push(`--scenario ${kind}=${region} had no effect: ${region} ${r.skippedReason ?? 'never started'}`);
        }
    }
    return notes;
}
/** What the person asked for at a pause decides, by why the release paused (see docs/engine.md). */
function pausedHint(reasonCode) {
    if (reasonCode === 'stage-approval-required') {
        return 'A person decides now: approve (the stage starts) or reject (the release stops and every touched region is rolled back). simulate stops here (--no-auto-approve).';
    }
    if (reasonCode === 'held')
        return 'The release is held by a pause command; resume lets new steps start again. simulate stops here.';
    return 'A person decides now: approve (the bake goes on) or reject (the region fails and the failure budget applies). simulate stops here.';
}
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}


/***/ })

};
