export const id = 797;
export const ids = [797];
export const modules = {

/***/ 3797:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  execute: () => (/* binding */ execute)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/plan/diagnostics.ts
var plan_diagnostics = __webpack_require__(499);
// EXTERNAL MODULE: ./src/plan/load.ts + 8 modules
var plan_load = __webpack_require__(4404);
// EXTERNAL MODULE: ./src/core/context.ts
var context = __webpack_require__(8480);
// EXTERNAL MODULE: ./src/core/verdict.ts
var verdict = __webpack_require__(9478);
// EXTERNAL MODULE: ./src/plan/duration.ts
var duration = __webpack_require__(2983);
// EXTERNAL MODULE: ./src/plan/template.ts
var template = __webpack_require__(7909);
// EXTERNAL MODULE: ./src/metrics/escape.ts
var metrics_escape = __webpack_require__(4506);
// EXTERNAL MODULE: ./src/metrics/http.ts
var http = __webpack_require__(7345);
;// CONCATENATED MODULE: ./src/metrics/preflight-report.ts
/**
 * The pre-flight report (`plan` mode), without I/O: every gate query rendered for every
 * (stage, region, step), each distinct request run once through the metrics port, judged by
 * the core's own verdict function, plus the inputs each deploy would be dispatched with.
 * Nothing is dispatched.
 */






function contextOf(plan, o, stage, region, step, traffic, window) {
    return { releaseId: o.releaseId, version: o.version, stage, region, step: { index: step, traffic }, ...(window !== undefined ? { window } : {}), vars: plan.variables };
}
/** Runs `tasks` with at most `limit` at once, keeping order. */
async function pool(tasks, limit) {
    const out = new Array(tasks.length);
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, async () => {
        while (next < tasks.length) {
            const i = next++;
            out[i] = await tasks[i]();
        }
    }));
    return out;
}
/** Builds the report: renders, queries (once per distinct request), judges. */
async function preflight(plan, o) {
    const unsafe = (0,metrics_escape/* unsafeTemplateValues */.N3)(plan, o.version);
    const planned = [];
    const dispatches = [];
    const fakeState = { releaseId: o.releaseId };
    for (const stage of plan.stages) {
        for (const region of stage.regions) {
            stage.steps.forEach((step, index) => {
                const dctx = { ...contextOf(plan, o, stage.name, region, index, step.traffic), correlationId: (0,context/* correlationId */.kY)(fakeState, region, 'deploy', index) };
                const values = (0,template/* contextValues */.S3)(dctx);
                const inputs = {};
                for (const [k, v] of Object.entries(plan.deploy.inputs)) {
                    try {
                        inputs[k] = (0,template/* renderTemplate */.Xm)(v, values);
                    }
                    catch (err) {
                        inputs[k] = `<error: ${(0,http/* messageOf */.bD)(err)}>`;
                    }
                }
                dispatches.push({ stage: stage.name, region, step: index, traffic: step.traffic, workflow: plan.deploy.workflow, ref: plan.deploy.ref ?? o.ref, inputs });
                for (const gateName of stage.gates) {
                    const gate = plan.gates[gateName];
                    const provider = gate ? plan.providers[gate.provider] : undefined;
                    if (!gate || !provider)
                        continue;
                    const context = contextOf(plan, o, stage.name, region, index, step.traffic, (0,duration/* formatDuration */.a3)(gate.windowMs));
                    let request;
                    try {
                        request = (0,metrics_escape/* gateTemplates */.vx)(gate, provider).map((t) => `${t.field === 'query' ? '' : `${t.field}: `}${(0,metrics_escape/* renderFor */.EN)(t.language, t.text, (0,template/* contextValues */.S3)(context))}`).join('\n') || '(no template)';
                    }
                    catch (err) {
                        request = `<cannot render: ${(0,http/* messageOf */.bD)(err)}>`;
                    }
                    planned.push({
                        gate: gateName, provider: provider.name, stage: stage.name, region, step: index, traffic: step.traffic, request,
                        key: `${provider.name}\u0000${request}`,
                        run: () => o.metrics.measure({ gate, provider, context, at: o.at }),
                    });
                }
            });
        }
    }
    // One request per distinct (provider, rendered request): steps that render the same query share it.
    const firstByKey = new Map();
    planned.forEach((p, i) => firstByKey.has(p.key) || firstByKey.set(p.key, i));
    const unique = [...firstByKey.values()];
    const answers = await pool(unique.map((i) => planned[i].run), o.concurrency ?? 8);
    const byKey = new Map(unique.map((i, n) => [planned[i].key, answers[n]]));
    const checks = planned.map(({ key, run: _run, ...p }) => {
        const observation = byKey.get(key);
        const gate = plan.gates[p.gate];
        const v = gate ? (0,verdict/* assessObservation */.N$)(observation, gate) : { phase: 'error', reasonCode: 'no-gate', reason: 'gate not in plan' };
        const evaluable = observation.kind === 'value' ? Number.isFinite(observation.value) : observation.kind === 'no-data' && (gate?.onNoData === 'pass' || gate?.onNoData === 'fail');
        return { ...p, observation, verdict: { phase: v.phase, reasonCode: v.reasonCode, reason: v.reason }, evaluable };
    });
    return { plan: plan.file, version: o.version, releaseId: o.releaseId, at: o.at, checks, dispatches, unsafe, ok: unsafe.length === 0 && checks.every((c) => c.evaluable) };
}
function obsText(o) {
    if (o.kind === 'value')
        return `value ${o.value}${o.detail ? ` (${o.detail})` : ''}`;
    if (o.kind === 'no-data')
        return `no data: ${o.detail}`;
    return `error: ${o.message}`;
}
/** The report for people: one block per gate check, then the dispatches, then the bottom line. Steps print 1-based, as everywhere else. */
function preflight_report_formatPreflight(r) {
    const lines = [`pre-flight of ${r.plan} for version ${r.version} (release ${r.releaseId}) at ${new Date(r.at).toISOString()}; nothing is dispatched`, ''];
    lines.push('GATES');
    for (const c of r.checks) {
        lines.push(`${c.evaluable ? 'ok  ' : 'FAIL'} ${c.gate} @ ${c.stage}/${c.region} step ${c.step + 1} (${c.traffic}%) [${c.provider}]`);
        lines.push(`     request: ${c.request.replace(/\n/g, '\n              ')}`);
        lines.push(`     answer:  ${obsText(c.observation)}`);
        lines.push(`     today:   ${c.verdict.phase}: ${c.verdict.reason}`);
    }
    if (r.checks.length === 0)
        lines.push('(no gates are used by any stage)');
    if (r.unsafe.length) {
        lines.push('', 'UNSAFE TEMPLATE VALUES');
        for (const u of r.unsafe)
            lines.push(`FAIL ${u.gate}.${u.field} @ ${u.stage}/${u.region} step ${u.step + 1}: ${u.message}`);
    }
    lines.push('', 'DISPATCHES (what each deploy would receive)');
    for (const d of r.dispatches)
        lines.push(`${d.stage}/${d.region} step ${d.step + 1} (${d.traffic}%): ${d.workflow}@${d.ref} ${JSON.stringify(d.inputs)}`);
    const bad = r.checks.filter((c) => !c.evaluable).length;
    lines.push('', r.ok ? `ready: all ${r.checks.length} gate check(s) can be evaluated` : `NOT READY: ${bad} of ${r.checks.length} gate check(s) cannot be evaluated${r.unsafe.length ? `, ${r.unsafe.length} unsafe template value(s)` : ''}`);
    if (!r.ok && r.checks.some((c) => c.observation.kind === 'no-data' && c.request.includes(r.version))) {
        lines.push(`note: queries that filter on the version (${r.version}) have no data before it is deployed; pass --version of a release that is live to check them`);
    }
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/metrics/registry.ts + 3 modules
var registry = __webpack_require__(5854);
;// CONCATENATED MODULE: ./src/metrics/preflight.ts
/**
 * `plan` mode, the pre-flight: `progressive-release plan <plan> [--version v] [--json]` on the
 * command line and `mode: plan` in the action. Renders and runs every gate query once, now,
 * reports what each returns and what the verdict would be today, and what each deploy would
 * be dispatched with. Dispatches nothing. Exit status 1 when a gate cannot be evaluated.
 */





/** Version used to render `{{ version }}` when none is given. */
const PREFLIGHT_VERSION = 'preflight';
const USAGE = 'usage: progressive-release plan <plan> [--version V] [--ref REF] [--json] [--workflows DIR | --no-workflows]';
function parseArgs(argv) {
    let plan;
    const args = { version: PREFLIGHT_VERSION, ref: 'HEAD', json: false, load: {} };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i] ?? '';
        const value = (name) => (a.startsWith(`${name}=`) ? a.slice(name.length + 1) : a === name ? argv[++i] : undefined);
        if (a === '--json')
            args.json = true;
        else if (a === '--no-workflows')
            args.load.workflowsDir = false;
        else if (a === '--version' || a.startsWith('--version=')) {
            const v = value('--version');
            if (!v)
                return '--version needs a value, e.g. --version v1.4.2';
            args.version = v;
        }
        else if (a === '--ref' || a.startsWith('--ref=')) {
            const v = value('--ref');
            if (!v)
                return '--ref needs a value, e.g. --ref main';
            args.ref = v;
        }
        else if (a === '--workflows' || a.startsWith('--workflows=')) {
            const v = value('--workflows');
            if (!v)
                return '--workflows needs a folder, e.g. --workflows .github/workflows';
            args.load.workflowsDir = v;
        }
        else if (a.startsWith('-'))
            return `unknown option '${a}' for plan`;
        else if (plan === undefined)
            plan = a;
        else
            return `plan takes one plan file; got '${plan}' and '${a}'`;
    }
    if (plan === undefined)
        return 'plan needs the path of a release plan, e.g. progressive-release plan .github/release-plan.yml';
    return { plan, ...args };
}
/** Loads the plan and runs the pre-flight; a plan with errors gives the diagnostics instead. */
async function runPreflight(file, version, ref, load, env, opts) {
    const loaded = (0,plan_load/* loadPlanFile */.w$)(file, load);
    const diagnostics = loaded.diagnostics.map(plan_diagnostics/* formatDiagnostic */.xy);
    if (!loaded.plan)
        return { diagnostics };
    const metrics = (0,registry/* createMetricsPort */.n)(loaded.plan, env, { setSecret: opts.setSecret, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
    const report = await preflight(loaded.plan, { version, releaseId: (0,plan_load/* releaseIdOf */.MQ)(loaded.plan.name, version), ref, metrics, at: opts.now });
    return { report, diagnostics };
}
/** The CLI command; returns the exit status (0 ready, 1 not ready or invalid plan, 2 bad usage). */
async function planCommand(argv, io = {}) {
    const out = io.out ?? ((t) => void process.stdout.write(t));
    const err = io.err ?? ((t) => void process.stderr.write(t));
    const args = parseArgs(argv);
    if (typeof args === 'string') {
        err(`progressive-release plan: ${args}\n${USAGE}\n`);
        return 2;
    }
    // On the command line nothing reads `::add-mask::`; secrets are still scrubbed by the redactor.
    const { report, diagnostics } = await runPreflight(args.plan, args.version, args.ref, args.load, io.env ?? process.env, { ...(io.fetch ? { fetch: io.fetch } : {}), setSecret: () => { }, now: (io.now ?? Date.now)() });
    if (!report) {
        if (args.json)
            out(`${JSON.stringify({ ok: false, diagnostics }, null, 2)}\n`);
        else
            out(`${diagnostics.join('\n')}\n${args.plan}: invalid plan; fix it before a pre-flight\n`);
        return 1;
    }
    if (args.json)
        out(`${JSON.stringify({ ...report, diagnostics }, null, 2)}\n`);
    else
        out(`${diagnostics.length ? `${diagnostics.join('\n')}\n` : ''}${formatPreflight(report)}\n`);
    return report.ok ? 0 : 1;
}
/** The action's `mode: plan`: the report goes to the log and the job summary; the step fails when not ready. */
async function planMode(settings, deps = {}) {
    const version = settings.version ?? PREFLIGHT_VERSION;
    const load = settings.workflowsDir !== undefined ? { workflowsDir: settings.workflowsDir } : {};
    const { report, diagnostics } = await runPreflight(settings.plan, version, settings.ref ?? process.env.GITHUB_REF ?? 'HEAD', load, deps.env ?? process.env, { ...(deps.fetch ? { fetch: deps.fetch } : {}), setSecret: (v) => core/* setSecret */.Pq(v), now: (deps.now ?? Date.now)() });
    if (!report) {
        return { decision: 'invalid', reasonCode: 'plan-invalid', details: { diagnostics }, failed: `release plan ${settings.plan} is invalid: ${diagnostics.length} problem(s)` };
    }
    const text = preflight_report_formatPreflight(report);
    core/* info */.pq(text);
    if (process.env.GITHUB_STEP_SUMMARY) {
        await core/* summary */.z.addHeading('Release pre-flight', 2).addCodeBlock(text).write();
    }
    const notEvaluable = report.checks.filter((c) => !c.evaluable).length;
    const outcome = {
        decision: report.ok ? 'ready' : 'not-ready',
        reasonCode: report.ok ? 'preflight-ok' : report.unsafe.length ? 'unsafe-template-value' : 'gate-not-evaluable',
        releaseId: report.releaseId,
        details: { checks: report.checks.slice(0, 200), dispatches: report.dispatches.slice(0, 200), unsafe: report.unsafe },
    };
    if (!report.ok)
        outcome.failed = `pre-flight: ${notEvaluable} gate check(s) cannot be evaluated${report.unsafe.length ? `, ${report.unsafe.length} unsafe template value(s)` : ''}`;
    return outcome;
}

;// CONCATENATED MODULE: ./src/modes/plan.ts

/** Runs the pre-flight for the plan in the settings. */
async function execute(settings) {
    return planMode(settings);
}


/***/ })

};
