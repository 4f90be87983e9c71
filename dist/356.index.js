export const id = 356;
export const ids = [356];
export const modules = {

/***/ 1356:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  r: () => (/* binding */ runMode)
});

// UNUSED EXPORTS: VIRTUAL_TIME_ENV

// EXTERNAL MODULE: ./src/runner/io.ts + 2 modules
var io = __webpack_require__(5416);
// EXTERNAL MODULE: ./src/plan/template.ts
var template = __webpack_require__(7909);
// EXTERNAL MODULE: ./src/core/state.ts
var core_state = __webpack_require__(7066);
// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 12 modules
var dist_src = __webpack_require__(4730);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
;// CONCATENATED MODULE: ./src/github/client.ts
/**
 * The Octokit client: @octokit/core with throttling (honours `retry-after` and the rate-limit
 * headers) and retry (5xx and 429), pointed at GITHUB_API_URL so GHES and the test fake work.
 * Every delay comes from the caller, so tests compress time instead of sleeping.
 *
 * The retry plugin also retries POSTs: non-idempotent writes (dispatch, deployment, check-run
 * creation) pass `request: { retries: 0 }` and go through `guardedWrite`, which looks the
 * object up before trying again.
 */
// @octokit/core, not @octokit/rest: adapters only call `request`, and the REST method table costs
// about 8 ms of cold start in every job (bench/cold-start.ts).




const PRODUCTION_TIMING = {
    retryBaseMs: 1000,
    retries: 3,
    retryAfterBaseMs: 1000,
    rateLimitRetries: 4,
    writeSpacingMs: 1000,
    requestTimeoutMs: 30_000,
};
/** Zero delays except the scaled retry-after (so a test can still see it honoured). */
const TEST_TIMING = {
    retryBaseMs: 0,
    retries: 3,
    retryAfterBaseMs: 1,
    rateLimitRetries: 4,
    writeSpacingMs: 0,
    // Generous: a loaded CI machine can stall a loopback answer for seconds, and an aborted write
    // turns into a failed region. Tests of the timeout itself pass their own short value.
    requestTimeoutMs: 30_000,
};
const ThrottledOctokit = dist_src/* Octokit */.E.plugin(plugin_throttling_dist_bundle/* throttling */.A, dist_bundle/* retry */.L);
/** Builds the client. Rate-limit waits are logged with the route, never with the token. */
function createClient(opts) {
    const t = { ...PRODUCTION_TIMING, ...opts.timing };
    const log = opts.log ?? (() => undefined);
    const onLimit = (kind) => (retryAfter, options, _o, retryCount) => {
        const again = retryCount < t.rateLimitRetries;
        log(`GitHub ${kind} on ${options.method ?? ''} ${options.url ?? ''}: ${again ? `retrying after ${retryAfter}s` : 'giving up'} (attempt ${retryCount + 1})`);
        return again;
    };
    const octokit = new ThrottledOctokit({
        auth: opts.token,
        baseUrl: (opts.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: opts.userAgent ?? 'progressive-release',
        // A 304 is the ETag cache working, not a problem worth a warning.
        log: { debug: () => undefined, info: () => undefined, warn: quiet304(log), error: quiet304(log) },
        throttle: {
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
            retryAfterBaseValue: t.retryAfterBaseMs,
            // A fresh group per client: the plugin's default groups are module-wide and space writes 1 s.
            write: new (light_default()).Group({ id: `pr-write-${Math.random()}`, maxConcurrent: 1, minTime: t.writeSpacingMs }),
        },
        retry: { retries: t.retries, retryAfterBaseValue: t.retryBaseMs },
        // A hung answer must not hang the release: every fetch (so every retry) gets its own deadline.
        request: {
            fetch: (url, init = {}) => {
                const deadline = AbortSignal.timeout(t.requestTimeoutMs);
                return fetch(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
            },
        },
    });
    return octokit;
}
function quiet304(log) {
    return (m) => {
        if (!/ - 304 with id /.test(m))
            log(m);
    };
}
/** HTTP status of an Octokit error; undefined for anything else. */
function statusOf(err) {
    const s = err?.status;
    return typeof s === 'number' ? s : undefined;
}
/**
 * A failure after which the request may or may not have taken effect, and trying again is
 * reasonable: 5xx (including a lost answer, which Octokit reports as 500), 429, network errors.
 */
function isTransient(err) {
    const s = statusOf(err);
    // Octokit reports network failures and lost answers as 500; an error without a status is ours.
    return s !== undefined && (s >= 500 || s === 429 || (s === 403 && /rate limit/i.test(String(err.message))));
}
/** Message of an error, for logs (Octokit's messages carry no token). */
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}

;// CONCATENATED MODULE: ./src/github/etag.ts
/**
 * Conditional GETs: remember the ETag and the answer of every GET, send `If-None-Match` next
 * time, and answer a 304 from the cache. A 304 does not count against the primary rate limit,
 * which is what makes polling runs and the ledger cheap.
 */

/** Installs the cache on a client; returns the live counters. */
function installEtagCache(octokit) {
    const stats = { counted: 0, notModified: 0 };
    const cache = new Map();
    octokit.hook.wrap('request', async (request, options) => {
        if (options.method !== 'GET') {
            stats.counted++;
            return request(options);
        }
        const url = octokit.request.endpoint.parse(options).url;
        const hit = cache.get(url);
        if (hit)
            options.headers = { ...options.headers, 'if-none-match': hit.etag };
        try {
            const response = await request(options);
            stats.counted++;
            const etag = response.headers.etag;
            if (typeof etag === 'string')
                cache.set(url, { etag, response });
            return response;
        }
        catch (err) {
            if (statusOf(err) === 304 && hit) {
                stats.notModified++;
                return hit.response;
            }
            stats.counted++;
            throw err;
        }
    });
    return stats;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/core/compact.ts
/**
 * A copy of `state` whose history keeps only the last `keep` measurement entries per
 * (region, step, gate), with one `history-compacted` entry (at the place of the first dropped
 * entry) saying how many were dropped. Returns the state itself when nothing would be dropped.
 */
function compactHistory(state, keep) {
    const seen = new Map();
    const drop = new Set();
    for (let i = state.history.length - 1; i >= 0; i--) {
        const h = state.history[i];
        if (h.kind !== 'measurement')
            continue;
        const key = `${h.region ?? ''}\u0000${h.step ?? ''}\u0000${h.gate ?? ''}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        if (n > keep)
            drop.add(i);
    }
    if (drop.size === 0)
        return state;
    const history = [];
    let marked = false;
    state.history.forEach((h, i) => {
        if (!drop.has(i)) {
            history.push(h);
            return;
        }
        if (marked)
            return;
        marked = true;
        history.push({
            at: h.at,
            kind: 'history-compacted',
            reasonCode: 'history-compacted',
            reason: `${drop.size} older measurement entries left out of the saved ledger to fit its size limit (kept the last ${keep} per region, step and gate; every verdict is kept); the job logs have them all`,
            numbers: { samples: drop.size },
        });
    });
    return { ...state, history };
}

;// CONCATENATED MODULE: ./src/report/text.ts
/**
 * Small text helpers for records people read: GitHub caps deployment-status descriptions at
 * 140 characters and check-run output at 65,535; cut on a character boundary and say so.
 */
/** At most `max` characters; a cut text ends in an ellipsis. */
function truncate(text, max) {
    const chars = Array.from(text);
    if (chars.length <= max)
        return text;
    return chars.slice(0, max - 1).join('') + '…';
}
/** Deployment-status description (GitHub: at most 140 characters). */
function deploymentDescription(text) {
    return truncate(text.replace(/\s+/g, ' ').trim(), 140);
}
/** Markdown for a check-run summary: cut to GitHub's limit with a visible note. */
function fitSummary(markdown, max = 65_535) {
    if (markdown.length <= max)
        return markdown;
    const note = '\n\n_(summary cut to fit GitHub\'s 65,535-character limit; the full state is in the ledger text)_';
    return markdown.slice(0, max - note.length) + note;
}

;// CONCATENATED MODULE: ./src/github/context.ts
/**
 * What every GitHub adapter function needs: the request function (a slice of Octokit, so tests
 * can pass a plain function), the repository, time, and the delays of guarded writes.
 */

/** `request: { retries: 0 }`: the retry plugin must not repeat a write that may have taken effect. */
const NO_RETRY = { retries: 0 };
/**
 * A write that must not happen twice: try it; after a failure that may have taken effect (5xx,
 * a lost answer), look for its result before trying again, and stop as soon as it is found.
 * Without `lookup` a transient failure is not retried at all: we could not tell.
 */
async function guardedWrite(ctx, what, attempt, lookup) {
    let last;
    const tries = lookup ? ctx.writeRetryDelaysMs.length + 1 : 1;
    for (let i = 0; i < tries; i++) {
        if (i > 0 && lookup) {
            await ctx.sleep(ctx.writeRetryDelaysMs[i - 1] ?? 0);
            try {
                const found = await lookup();
                if (found !== undefined) {
                    ctx.log(`${what}: the earlier attempt took effect (found after: ${messageOf(last)})`);
                    return found;
                }
            }
            catch (err) {
                // Cannot tell whether the write happened: do not write again, look again next round.
                last = err;
                ctx.log(`${what}: lookup failed (${messageOf(err)}); not writing blind`);
                continue;
            }
        }
        try {
            return await attempt();
        }
        catch (err) {
            if (!isTransient(err))
                throw err;
            last = err;
            ctx.log(`${what}: ${messageOf(err)}${lookup ? '; will check whether it took effect' : ''}`);
        }
    }
    throw new Error(`${what} failed${lookup ? ` after ${tries} attempts` : ' and cannot be checked, so it is not repeated'}: ${messageOf(last)}`);
}
/** ISO time without milliseconds (GitHub's search qualifiers take seconds). */
function isoSeconds(ms) {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

;// CONCATENATED MODULE: ./src/github/ledger.ts
/**
 * The ledger: one Check Run per release on the released commit, named with the release id and
 * found again by that name (check runs made with GITHUB_TOKEN land in an arbitrary suite).
 * `output.summary` is for people; `output.text` holds a versioned envelope with the engine
 * state, the lease and the keys of annotations already sent (they append, so never twice).
 *
 * Size: the envelope is JSON when it fits GitHub's 65,535 characters; otherwise gzip+base64
 * (prefix `gzip+base64:`); when even that does not fit, saving fails loudly — the state is never
 * cut, because a cut state could not be resumed.
 */





const LEDGER_FORMAT = 'progressive-release-ledger';
const LEDGER_VERSION = 1;
const TEXT_LIMIT = 65_535;
const GZIP_PREFIX = 'gzip+base64:';
const ANNOTATIONS_PER_REQUEST = 50;
/** A fresh lease of another live run: this driver must not race it. */
class LeaseHeldError extends Error {
    name = 'LeaseHeldError';
}
class LedgerTooLargeError extends Error {
    name = 'LedgerTooLargeError';
}
/** The check run's name for a release. */
function checkRunName(releaseId) {
    return `progressive-release: ${releaseId}`;
}
function pack(env) {
    const json = JSON.stringify(env);
    if (json.length <= TEXT_LIMIT)
        return { json, text: json };
    return { json, text: GZIP_PREFIX + (0,external_node_zlib_.gzipSync)(json, { level: 9 }).toString('base64') };
}
/**
 * Encodes an envelope into `output.text`: JSON, or gzip+base64 when JSON is too long, and when
 * even that does not fit, the state with fewer old measurement entries in its history (verdicts
 * and counters are always kept, so a resume decides the same). Throws when nothing fits.
 */
function encodeEnvelope(env) {
    let packed = pack(env);
    if (packed.text.length <= TEXT_LIMIT)
        return packed.text;
    const first = packed;
    const state = env.state;
    if (state && Array.isArray(state.history)) {
        for (const keep of [3, 1, 0]) {
            packed = pack({ ...env, state: compactHistory(state, keep) });
            if (packed.text.length <= TEXT_LIMIT)
                return packed.text;
        }
    }
    throw new LedgerTooLargeError(`ledger state of ${env.releaseId} is ${first.json.length} characters (${packed.text.length} compressed, old measurements left out), over GitHub's ${TEXT_LIMIT}-character check-run text limit`);
}
/** Decodes `output.text`; refuses anything that is not a ledger of a known version. */
function decodeEnvelope(text) {
    const json = text.startsWith(GZIP_PREFIX) ? (0,external_node_zlib_.gunzipSync)(Buffer.from(text.slice(GZIP_PREFIX.length), 'base64')).toString('utf8') : text;
    const env = JSON.parse(json);
    if (env.format !== LEDGER_FORMAT)
        throw new Error('the check run text is not a progressive-release ledger');
    if (env.version !== LEDGER_VERSION)
        throw new Error(`ledger version ${String(env.version)} is not supported (expected ${LEDGER_VERSION})`);
    return { annotated: [], ...env };
}
function annotationKey(a) {
    return `${a.path}:${a.line}:${a.level}:${a.title}:${a.message}`;
}
/** Reads and writes one release's check run; keeps the id and what was last written. */
class Ledger {
    ctx;
    opts;
    checkRunId;
    annotated = new Set();
    annotationsCount = 0;
    last;
    constructor(ctx, opts) {
        this.ctx = ctx;
        this.opts = opts;
    }
    async find(releaseId) {
        const res = await this.ctx.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
            owner: this.ctx.owner, repo: this.ctx.repo, ref: this.opts.headSha, check_name: checkRunName(releaseId), filter: 'all', per_page: 100,
        });
        const runs = res.data.check_runs;
        // Several with one name only after a lost create answer: the oldest is the ledger.
        return runs.sort((a, b) => a.id - b.id)[0];
    }
    /** The saved state, or undefined for a new release. Throws LeaseHeldError when another live run drives it. */
    async load(releaseId) {
        const found = await this.find(releaseId);
        if (!found)
            return undefined;
        this.checkRunId = found.id;
        this.annotationsCount = found.output.annotations_count;
        if (!found.output.text)
            return { state: undefined, checkRunId: found.id };
        const env = decodeEnvelope(found.output.text);
        const lease = env.lease;
        if (lease && lease.holder !== this.opts.holder && lease.expiresAt > this.ctx.now() && (await this.opts.isHolderAlive(lease.holder))) {
            throw new LeaseHeldError(`release ${releaseId} is being driven by workflow run ${lease.holder} (lease until ${new Date(lease.expiresAt).toISOString()}); ` +
                'stopping instead of racing it. Cancel that run, or wait for its lease to expire, then start this again.');
        }
        this.annotated = new Set(env.annotated);
        return { state: env.state, checkRunId: found.id };
    }
    queue = Promise.resolve();
    /** Saves a state; skips a write identical to the last one unless the lease needs renewing. Saves run one at a time, in call order. */
    save(releaseId, write, opts = {}) {
        const next = this.queue.then(() => this.saveNow(releaseId, write, opts));
        this.queue = next.catch(() => undefined);
        return next;
    }
    async saveNow(releaseId, write, opts) {
        const now = this.ctx.now();
        const completed = write.status === 'completed';
        const fresh = write.annotations.filter((a) => !this.annotated.has(annotationKey(a)));
        const annotated = [...this.annotated, ...fresh.map(annotationKey)];
        const envelope = { format: LEDGER_FORMAT, version: LEDGER_VERSION, releaseId, annotated, state: write.state };
        const sameAsLast = JSON.stringify({ envelope, s: write.summary, st: write.status, c: write.conclusion });
        if (!opts.releaseLease && fresh.length === 0 && this.last?.body === sameAsLast && (completed || this.last.leaseUntil - now > this.opts.leaseMs / 2))
            return;
        // A driver that stops (completed, or cancelled by a signal) leaves no lease: the next one may start at once.
        if (!completed && !opts.releaseLease)
            envelope.lease = { holder: this.opts.holder, expiresAt: now + this.opts.leaseMs };
        const title = completed ? `Release ${releaseId}: ${write.conclusion ?? 'neutral'}` : `Release ${releaseId}: in progress`;
        const output = { title, summary: fitSummary(write.summary), text: encodeEnvelope(envelope) };
        const batches = [];
        for (let i = 0; i < fresh.length; i += ANNOTATIONS_PER_REQUEST)
            batches.push(fresh.slice(i, i + ANNOTATIONS_PER_REQUEST));
        const toApi = (list) => list.map((a) => ({ path: a.path, start_line: a.line, end_line: a.line, annotation_level: a.level, title: a.title, message: a.message }));
        const status = {
            status: write.status,
            ...(completed ? { conclusion: write.conclusion ?? 'neutral', completed_at: new Date(now).toISOString() } : {}),
            external_id: releaseId,
            ...(this.opts.detailsUrl ? { details_url: this.opts.detailsUrl } : {}),
        };
        const first = batches.shift() ?? [];
        if (this.checkRunId === undefined) {
            const created = await guardedWrite(this.ctx, `create check run for ${releaseId}`, async () => {
                const res = await this.ctx.request('POST /repos/{owner}/{repo}/check-runs', {
                    owner: this.ctx.owner, repo: this.ctx.repo, name: checkRunName(releaseId), head_sha: this.opts.headSha, ...status,
                    output: { ...output, ...(first.length ? { annotations: toApi(first) } : {}) }, request: NO_RETRY,
                });
                return res.data;
            }, () => this.find(releaseId));
            this.checkRunId = created.id;
            this.annotationsCount = created.output.annotations_count;
        }
        else {
            const body = { ...status, output: { ...output, ...(first.length ? { annotations: toApi(first) } : {}) } };
            try {
                await this.patch(releaseId, body, first.length);
            }
            catch (err) {
                // A paused release left its check run completed (action_required). Whether GitHub lets a
                // completed check run go back to in_progress is reported both ways; if it refuses, the
                // state must still be saved: keep the old status, write the output, and let the final
                // save set the conclusion.
                if (completed || statusOf(err) !== 422)
                    throw err;
                this.ctx.log(`check run ${this.checkRunId ?? '?'} of ${releaseId} cannot be reopened (422); saving the state with its previous status`);
                const { status: _s, ...rest } = body;
                await this.patch(releaseId, rest, first.length);
            }
        }
        for (const batch of batches)
            await this.patch(releaseId, { output: { title, summary: output.summary, annotations: toApi(batch) } }, batch.length);
        for (const a of fresh)
            this.annotated.add(annotationKey(a));
        this.last = { body: sameAsLast, leaseUntil: envelope.lease?.expiresAt ?? Number.POSITIVE_INFINITY };
    }
    /**
     * Updates the check run. Annotations append, so a PATCH carrying them is not repeated blindly:
     * after a failure the annotation count tells whether it took effect.
     */
    async patch(releaseId, body, added) {
        const id = this.checkRunId;
        const params = { owner: this.ctx.owner, repo: this.ctx.repo, check_run_id: id, ...body };
        if (added === 0) {
            await this.ctx.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', params);
            return;
        }
        const expected = this.annotationsCount + added;
        const data = await guardedWrite(this.ctx, `update check run ${id} of ${releaseId}`, async () => {
            const res = await this.ctx.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...params, request: NO_RETRY });
            return res.data;
        }, async () => {
            const res = await this.ctx.request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { owner: this.ctx.owner, repo: this.ctx.repo, check_run_id: id });
            const d = res.data;
            return d.output.annotations_count >= expected ? d : undefined;
        });
        this.annotationsCount = data.output.annotations_count;
    }
}

;// CONCATENATED MODULE: ./src/github/deployments.ts


const TASK = 'deploy';
/** A deployment's payload as an object (GitHub may hand it back as a JSON string); undefined when unreadable. */
function payloadOf(d) {
    if (typeof d.payload !== 'string')
        return d.payload;
    try {
        return JSON.parse(d.payload);
    }
    catch {
        return undefined;
    }
}
/** The deployment whose payload carries `key`, if any. */
async function findDeployment(ctx, req) {
    const res = await ctx.request('GET /repos/{owner}/{repo}/deployments', {
        owner: ctx.owner, repo: ctx.repo, environment: req.environment, ref: req.ref, task: TASK, per_page: 100,
    });
    for (const d of res.data) {
        if (payloadOf(d)?.key === req.key)
            return { deploymentId: d.id };
    }
    return undefined;
}
/**
 * The commit an earlier deployment of this release was made on (looked up in one environment the
 * release deploys to), if any. A new release id on another commit than its deployments means a
 * driver is looking for the ledger on the wrong commit: starting over there would deploy twice.
 */
async function findReleaseCommit(ctx, environment, releaseId) {
    const res = await ctx.request('GET /repos/{owner}/{repo}/deployments', {
        owner: ctx.owner, repo: ctx.repo, environment, task: TASK, per_page: 100,
    });
    for (const d of res.data) {
        if (payloadOf(d)?.releaseId === releaseId)
            return d.sha;
    }
    return undefined;
}
/**
 * Creates the deployment. `auto_merge: false` (the default would merge the default branch into
 * an older ref) and `required_contexts: []` (the default demands every status check pass first).
 */
async function createDeployment(ctx, req, opts) {
    if (opts.mayExist) {
        const found = await findDeployment(ctx, req);
        if (found)
            return found;
    }
    const what = `create deployment ${req.environment} [${req.key}]`;
    return guardedWrite(ctx, what, async () => {
        const res = await ctx.request('POST /repos/{owner}/{repo}/deployments', {
            owner: ctx.owner, repo: ctx.repo, ref: req.ref, task: TASK, environment: req.environment,
            description: deploymentDescription(req.description), auto_merge: false, required_contexts: [],
            payload: { ...req.payload, key: req.key }, transient_environment: false, request: NO_RETRY,
        });
        if (res.status !== 201)
            throw new Error(`${what}: GitHub answered ${res.status}: ${JSON.stringify(res.data).slice(0, 200)}`);
        return { deploymentId: res.data.id };
    }, () => findDeployment(ctx, req));
}
/** Adds a status; repeating one after a lost answer only repeats a line in the history, so the client may retry. */
async function setDeploymentStatus(ctx, deploymentId, state, description, logUrl) {
    await ctx.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        owner: ctx.owner, repo: ctx.repo, deployment_id: deploymentId, state, description: deploymentDescription(description),
        ...(logUrl ? { log_url: logUrl } : {}),
    });
}

;// CONCATENATED MODULE: ./src/github/dispatch.ts


const ROUTE = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';
/** True when an error is the server refusing `return_run_details`. */
function refusesRunDetails(err) {
    const s = statusOf(err);
    return (s === 400 || s === 422) && /return_run_details/.test(String(err.message) + JSON.stringify(err.response?.data ?? ''));
}
/** Dispatches one run and returns its id; never dispatches twice for one correlation id. */
async function dispatchWorkflow(ctx, req, memo, opts) {
    const inputs = { ...req.inputs };
    const corr = req.correlationInput;
    if (corr !== undefined && !(corr in inputs))
        inputs[corr] = req.correlationId;
    const canFind = corr !== undefined && (inputs[corr] ?? '').includes(req.correlationId);
    const since = ctx.now() - opts.skewMs;
    const what = `dispatch ${req.workflow} [${req.correlationId}]`;
    const find = canFind ? () => findRunByCorrelation(ctx, req.workflow, req.correlationId, since) : undefined;
    if (opts.mayExist && canFind) {
        const since0 = Math.min(since, (opts.releaseStartedAt ?? since) - opts.skewMs);
        const found = await findRunByCorrelation(ctx, req.workflow, req.correlationId, since0);
        if (found) {
            ctx.log(`${what}: already dispatched as run ${found.runId} (resumed)`);
            return found;
        }
    }
    const base = { owner: ctx.owner, repo: ctx.repo, workflow_id: req.workflow, ref: req.ref, inputs, request: NO_RETRY };
    const afterPlainDispatch = async () => {
        if (!find)
            throw new Error(`${what}: the server does not return run ids and the plan declares no deploy.correlationInput, so the run cannot be found; declare one shown in the workflow's run-name`);
        for (const delay of [0, ...ctx.findDelaysMs]) {
            if (delay > 0)
                await ctx.sleep(delay);
            const found = await find();
            if (found)
                return found;
        }
        throw new Error(`${what}: dispatched, but no run titled with the correlation id appeared; check that the workflow's run-name shows input '${corr ?? ''}'`);
    };
    const attempt = async () => {
        if (memo.runDetails !== false) {
            try {
                const res = await ctx.request(ROUTE, { ...base, return_run_details: true });
                const data = res.data;
                if (res.status === 200 && data?.workflow_run_id !== undefined) {
                    memo.runDetails = true;
                    return { runId: Number(data.workflow_run_id), ...(data.html_url ? { htmlUrl: data.html_url } : {}) };
                }
                // 204: the field was ignored; the run exists but we must find it.
                memo.runDetails = false;
                return await afterPlainDispatch();
            }
            catch (err) {
                if (!refusesRunDetails(err))
                    throw err;
                memo.runDetails = false;
                ctx.log(`${what}: the server refused return_run_details; finding runs by correlation id from now on`);
            }
        }
        await ctx.request(ROUTE, base);
        return afterPlainDispatch();
    };
    return guardedWrite(ctx, what, attempt, find);
}
/** The run whose title carries the correlation id (as a whole word), dispatched since `since`. */
async function findRunByCorrelation(ctx, workflow, correlationId, since) {
    const escaped = correlationId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const word = new RegExp(`(^|[^A-Za-z0-9_.:-])${escaped}($|[^A-Za-z0-9_.:-])`);
    const matches = [];
    for (let page = 1; page <= 5; page++) {
        const res = await ctx.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
            owner: ctx.owner, repo: ctx.repo, workflow_id: workflow, event: 'workflow_dispatch', created: `>=${isoSeconds(since)}`, per_page: 100, page,
        });
        const runs = res.data.workflow_runs;
        matches.push(...runs.filter((r) => word.test(r.display_title)));
        if (runs.length < 100)
            break;
    }
    if (matches.length === 0)
        return undefined;
    // Two runs with one id means an earlier duplicate: keep the first, say so.
    matches.sort((a, b) => a.id - b.id);
    if (matches.length > 1)
        ctx.log(`correlation id ${correlationId}: ${matches.length} runs (${matches.map((m) => m.id).join(', ')}); using the first`);
    const first = matches[0];
    return { runId: first.id, htmlUrl: first.html_url };
}

;// CONCATENATED MODULE: ./src/github/permissions.ts
/**
 * Repository permission of a person, for approvals. GitHub's `permission` folds maintain into
 * write and triage into read; `role_name` keeps the real role, so it is preferred when it is one
 * of the five built-in roles (a custom role falls back to `permission`).
 */

const ROLES = new Set(['admin', 'maintain', 'write', 'triage', 'read']);
/** admin | maintain | write | triage | read | none (not a collaborator). */
async function permissionOf(ctx, user) {
    try {
        const res = await ctx.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner: ctx.owner, repo: ctx.repo, username: user });
        const d = res.data;
        return ROLES.has(d.role_name) ? d.role_name : d.permission;
    }
    catch (err) {
        if (statusOf(err) === 404)
            return 'none';
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/github/runs.ts


/** How a run's status reads to people (logs, summary, ledger). */
function describeRunStatus(status, conclusion) {
    switch (status) {
        case 'waiting': return 'waiting for environment approval';
        case 'pending': return 'pending (held by a concurrency group)';
        case 'requested':
        case 'queued': return 'queued';
        case 'in_progress': return 'in progress';
        case 'completed': return `completed: ${conclusion ?? 'no conclusion'}`;
    }
}
function toInfo(d) {
    return { id: d.id, status: d.status ?? 'queued', conclusion: d.conclusion, htmlUrl: d.html_url };
}
/** An empty watch: nothing dispatched or read yet. */
function newRunWatch() {
    return { createdAt: new Map(), since: new Map() };
}
/** One run, as the port reports it (and its creation time, for later lists). */
async function getRun(ctx, runId, watch) {
    const res = await ctx.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: ctx.owner, repo: ctx.repo, run_id: runId });
    const d = res.data;
    const created = d.created_at ? Date.parse(d.created_at) : NaN;
    if (watch && Number.isFinite(created))
        watch.createdAt.set(runId, created);
    return toInfo(d);
}
const PER_PAGE = 100;
/**
 * Several runs of one workflow: one conditional list request for the runs whose creation time is
 * known, then a GET of its own for each run the list did not show. Answers every id asked for,
 * with its RunInfo or the Error that kept it from being read.
 */
async function getRunsOfWorkflow(ctx, watch, workflow, runIds, skewMs) {
    const out = new Map();
    const alone = new Set();
    const listed = [];
    for (const id of runIds) {
        if (watch.createdAt.has(id))
            listed.push(id);
        else
            alone.add(id);
    }
    if (listed.length > 0) {
        const earliest = Math.min(...listed.map((id) => watch.createdAt.get(id))) - skewMs;
        const kept = watch.since.get(workflow);
        const since = kept !== undefined && kept <= earliest ? kept : earliest;
        try {
            const res = await ctx.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
                owner: ctx.owner, repo: ctx.repo, workflow_id: workflow, event: 'workflow_dispatch', created: `>=${isoSeconds(since)}`, per_page: PER_PAGE,
            });
            const data = res.data;
            const byId = new Map(data.workflow_runs.map((r) => [r.id, r]));
            for (const id of listed) {
                const r = byId.get(id);
                if (r)
                    out.set(id, toInfo(r));
                else
                    alone.add(id);
            }
            // Newest runs come first: a full page hides the oldest, which are the ones still watched
            // longest; and a page mostly of runs no longer watched is bytes for nothing (a run is
            // several KB). Either way, narrow the bound to the earliest run in flight for the next list
            // (its first answer counts, being a new URL).
            const unwatched = data.workflow_runs.length - listed.filter((id) => byId.has(id)).length;
            watch.since.set(workflow, data.total_count > data.workflow_runs.length || unwatched > PER_PAGE / 2 ? earliest : since);
        }
        catch (err) {
            ctx.log(`list of ${workflow} runs failed (${err instanceof Error ? err.message : String(err)}); reading each run`);
            for (const id of listed)
                alone.add(id);
        }
    }
    await Promise.all([...alone].map(async (id) => {
        try {
            out.set(id, await getRun(ctx, id, watch));
        }
        catch (err) {
            out.set(id, err instanceof Error ? err : new Error(String(err)));
        }
    }));
    return out;
}
/** Cancels a run; a run that already completed (409) is fine. */
async function cancelRun(ctx, runId) {
    try {
        await ctx.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', { owner: ctx.owner, repo: ctx.repo, run_id: runId });
    }
    catch (err) {
        if (statusOf(err) !== 409)
            throw err;
    }
}

;// CONCATENATED MODULE: ./src/github/port.ts






/** Builds the port. */
function createGitHubPort(opts) {
    const log = opts.log ?? (() => undefined);
    const ctx = {
        request: opts.octokit.request,
        owner: opts.owner,
        repo: opts.repo,
        now: opts.now ?? Date.now,
        sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
        writeRetryDelaysMs: opts.writeRetryDelaysMs ?? [2_000, 5_000, 10_000],
        findDelaysMs: opts.findDelaysMs ?? [2_000, 3_000, 5_000, 8_000, 13_000],
        log,
    };
    const memo = {};
    let releaseStartedAt;
    const lastStatus = new Map();
    const watch = newRunWatch();
    const skewMs = opts.skewMs ?? 120_000;
    const noteStatus = (info) => {
        const said = describeRunStatus(info.status, info.conclusion);
        if (lastStatus.get(info.id) === said)
            return;
        lastStatus.set(info.id, said);
        log(`run ${info.id}: ${said}`);
        opts.onRunStatus?.(info.id, said);
    };
    const isHolderAlive = async (holder) => {
        if (!/^\d+$/.test(holder))
            return true;
        try {
            return (await getRun(ctx, Number(holder))).status !== 'completed';
        }
        catch (err) {
            if (statusOf(err) === 404)
                return false;
            throw err;
        }
    };
    const ledger = new Ledger(ctx, {
        headSha: opts.headSha, holder: opts.holder, leaseMs: opts.leaseMs ?? 10 * 60_000, isHolderAlive,
        ...(opts.detailsUrl ? { detailsUrl: opts.detailsUrl } : {}),
    });
    const adapter = {
        ledger,
        resumed: false,
        async dispatch(req) {
            // The run is created after this moment (within clock skew): the bound of later lists.
            // (A run an earlier driver made is older: the list misses it once, and its own GET corrects the time.)
            const before = ctx.now();
            const answer = await dispatchWorkflow(ctx, req, memo, {
                skewMs, mayExist: adapter.resumed, ...(releaseStartedAt !== undefined ? { releaseStartedAt } : {}),
            });
            if (!watch.createdAt.has(answer.runId))
                watch.createdAt.set(answer.runId, before);
            return answer;
        },
        async getRun(runId) {
            const info = await getRun(ctx, runId, watch);
            noteStatus(info);
            return info;
        },
        async getRuns(workflow, runIds) {
            const answers = await getRunsOfWorkflow(ctx, watch, workflow, runIds, skewMs);
            for (const a of answers.values())
                if (!(a instanceof Error))
                    noteStatus(a);
            return answers;
        },
        cancelRun: (runId) => cancelRun(ctx, runId),
        createDeployment: (req) => createDeployment(ctx, req, { mayExist: adapter.resumed }),
        releaseCommit: (environment, releaseId) => findReleaseCommit(ctx, environment, releaseId),
        setDeploymentStatus: (id, state, description, logUrl) => setDeploymentStatus(ctx, id, state, description, logUrl),
        async loadLedger(releaseId) {
            const record = await ledger.load(releaseId);
            // Even a ledger without state means an earlier driver got as far as creating it.
            if (record)
                adapter.resumed = true;
            // The engine state's start time bounds the search for runs an earlier driver dispatched.
            const started = record?.state?.startedAt;
            if (typeof started === 'number')
                releaseStartedAt = started;
            return record;
        },
        saveLedger: (releaseId, write) => ledger.save(releaseId, write),
        permissionOf: (user) => permissionOf(ctx, user),
    };
    return adapter;
}

// EXTERNAL MODULE: ./src/metrics/registry.ts + 3 modules
var registry = __webpack_require__(5854);
// EXTERNAL MODULE: ./src/plan/load.ts + 8 modules
var load = __webpack_require__(4404);
;// CONCATENATED MODULE: ./src/report/summary.ts
const PHASE_LABEL = {
    pending: '⏳ pending',
    deploying: '🚀 deploying',
    baking: '🔥 baking',
    'awaiting-approval': '✋ awaiting approval',
    promoted: '✅ promoted',
    failed: '❌ failed',
    'rolling-back': '↩️ rolling back',
    'rolled-back': '↩️ rolled back',
    skipped: '⏭️ skipped',
};
const VERDICT_KINDS = new Set([
    'gate-passed', 'gate-failed', 'gate-inconclusive', 'run-finished', 'run-timeout', 'dispatch-failed',
    'region-promoted', 'region-failed', 'region-rolled-back', 'rollback-failed', 'release-stopped', 'release-paused', 'release-finished',
]);
/** Markdown table cells must not break the table. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function trafficOf(plan, r) {
    const step = plan.stages[r.stage]?.steps[r.step];
    return step ? `${step.traffic}%` : '–';
}
function runCell(r, runStatus) {
    const run = r.runs[r.runs.length - 1];
    if (!run)
        return '–';
    const label = run.runId === undefined ? `${run.kind}: dispatching` : `${run.kind} #${run.runId}`;
    const linked = run.htmlUrl ? `[${label}](${run.htmlUrl})` : label;
    const live = run.runId !== undefined && !run.done ? runStatus(run.runId) : undefined;
    const done = run.done && run.conclusion !== undefined ? ` (${run.conclusion ?? 'no conclusion'})` : '';
    return `${linked}${live ? ` (${live})` : done}`;
}
/** What went wrong: the entries a person on call needs first, whatever happened after them. */
const PROBLEM_KINDS = new Set([
    'gate-failed', 'gate-inconclusive', 'run-timeout', 'dispatch-failed', 'region-failed', 'rollback-failed', 'release-stopped',
]);
/** Why a region was rolled back: its own failure, else the rollback order that reached it. */
const CAUSE_KINDS = new Set(['region-failed', 'rollback-dispatched']);
function latestFor(state, region, kinds = VERDICT_KINDS) {
    for (let i = state.history.length - 1; i >= 0; i--) {
        const h = state.history[i];
        if (h.region === region && kinds.has(h.kind))
            return h;
    }
    return undefined;
}
/** The table's last column: for a failed or rolled-back region, the cause comes first. */
function verdictCell(state, r) {
    const latest = latestFor(state, r.name);
    const failedPhase = r.phase === 'failed' || r.phase === 'rolling-back' || r.phase === 'rolled-back';
    const cause = failedPhase ? latestFor(state, r.name, CAUSE_KINDS) : undefined;
    if (cause && latest && cause !== latest)
        return `${cause.reason} → ${latest.reason}`;
    return (cause ?? latest)?.reason ?? '–';
}
/** The per-region table. */
function regionTable(state, plan, opts = {}) {
    const rows = ['| Region | Stage | Phase | Step | Traffic | Run | Latest verdict |', '| --- | --- | --- | --- | --- | --- | --- |'];
    for (const stage of plan.stages) {
        for (const name of stage.regions) {
            const r = state.regions[name];
            if (!r)
                continue;
            const steps = stage.steps.length;
            rows.push(`| ${cell(name)} | ${cell(stage.name)} | ${PHASE_LABEL[r.phase]} | ${r.step + 1}/${steps} | ${trafficOf(plan, r)} | ${cell(runCell(r, opts.runStatus ?? (() => undefined)))} | ${cell(verdictCell(state, r))} |`);
        }
    }
    return rows.join('\n');
}
function verdictLine(h) {
    const where = [h.region, h.step !== undefined ? `step ${h.step + 1}` : undefined, h.gate].filter(Boolean).join(', ');
    return `- ${new Date(h.at).toISOString()} **${h.kind}**${where ? ` (${where})` : ''}: ${h.reason} \`${h.reasonCode}\``;
}
/** The newest verdicts with their reasons and numbers. */
function latestVerdicts(state, n = 10) {
    const picked = state.history.filter((h) => VERDICT_KINDS.has(h.kind)).slice(-n).reverse();
    if (picked.length === 0)
        return '_No verdicts yet._';
    return picked.map(verdictLine).join('\n');
}
/**
 * Every failure, inconclusive gate and stop, oldest first (cause before effect), so the reason
 * for a rollback is not pushed out of view by the routine verdicts that followed it.
 */
function problems(state, n = 20) {
    const picked = state.history.filter((h) => PROBLEM_KINDS.has(h.kind));
    if (picked.length === 0)
        return undefined;
    const lines = picked.slice(0, n).map(verdictLine);
    if (picked.length > n)
        lines.push(`- … and ${picked.length - n} more (the check run's state has them all)`);
    return lines.join('\n');
}
/** Headline: the release id, its status and outcome. */
function headline(state) {
    if (state.outcome) {
        const { decision, reason, reasonCode } = state.outcome;
        // Reasons often start with the decision ("promoted; 1 region failed ..."): say it once.
        const text = reason.startsWith(decision) ? `${decision}${reason.slice(decision.length)}` : `${decision} — ${reason}`;
        return `### Release \`${state.releaseId}\`: ${text} (\`${reasonCode}\`)`;
    }
    if (state.pause)
        return `### Release \`${state.releaseId}\`: paused — ${state.pause.reason}`;
    return `### Release \`${state.releaseId}\`: ${state.status}`;
}
/** The whole summary (check run and job summary share it). */
function releaseSummary(state, plan, opts = {}) {
    const wrong = problems(state);
    return [
        headline(state), '', regionTable(state, plan, opts),
        ...(wrong ? ['', '#### What went wrong', '', wrong] : []),
        '', '#### Latest verdicts', '', latestVerdicts(state, opts.verdicts ?? 10),
    ].join('\n');
}
/** Deployment-status description for a region at a step (cut to 140 characters by the adapter). */
function deploymentStatusText(releaseId, region, step, traffic, what) {
    return `${releaseId} ${region} step ${step + 1} (${traffic}%): ${what}`;
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

// EXTERNAL MODULE: ./src/plan/duration.ts
var duration = __webpack_require__(2983);
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

;// CONCATENATED MODULE: ./src/run/real-clock.ts
class RealClock {
    maxSliceMs;
    constructor(maxSliceMs = 60_000) {
        this.maxSliceMs = maxSliceMs;
    }
    now() {
        return Date.now();
    }
    async sleepUntil(epochMs) {
        for (;;) {
            const ms = epochMs - Date.now();
            if (ms <= 0)
                return;
            await new Promise((resolve) => setTimeout(resolve, Math.min(ms, this.maxSliceMs)));
        }
    }
}

;// CONCATENATED MODULE: ./src/run/action-run.ts
/**
 * Modes `run` and `reconcile` in the action: load the plan, build the GitHub port from the
 * runner's environment, load the ledger (resume), drive the release, publish the verdict and a
 * job summary. SIGINT/SIGTERM (job cancellation) save the last state and release the lease
 * inside the runner's 7.5 s window.
 */












/**
 * Test-only switch (the end-to-end and crash tests run the bundle as a child process): time
 * jumps instead of passing, and client retries do not wait. Never set it in a workflow.
 */
const VIRTUAL_TIME_ENV = 'PROGRESSIVE_RELEASE_VIRTUAL_TIME';
class JumpingClock {
    t = Date.now();
    now() {
        return Math.max(this.t, Date.now());
    }
    async sleepUntil(epochMs) {
        this.t = Math.max(this.t, epochMs);
        // Yield so signals and sockets are served between jumps.
        await new Promise((r) => setImmediate(r));
    }
}
/** The runner's environment is missing something: reported as `bad-environment`, not an internal error. */
class EnvironmentError extends Error {
}
function need(env, name, form) {
    const v = env[name];
    if (!v)
        throw new EnvironmentError(`Environment variable ${name} is not set. Expected ${form} (the runner sets it).`);
    return v;
}
function fail(reasonCode, message, releaseId) {
    return { decision: 'error', reasonCode, ...(releaseId ? { releaseId } : {}), details: { error: message }, failed: message };
}
/** Runs mode `run` or `reconcile`; returns the outcome main.ts publishes as outputs. */
async function runMode(settings, deps = {}) {
    try {
        return await runModeUnchecked(settings, deps);
    }
    catch (err) {
        if (err instanceof EnvironmentError)
            return fail('bad-environment', err.message);
        throw err;
    }
}
async function runModeUnchecked(settings, deps) {
    const env = deps.env ?? process.env;
    const log = deps.log ?? ((m) => io/* info */.pq(m));
    const virtual = env[VIRTUAL_TIME_ENV] === '1';
    const mode = settings.mode === 'reconcile' ? 'reconcile' : 'run';
    const loaded = (0,load/* loadPlanFile */.w$)(settings.plan, settings.workflowsDir ? { workflowsDir: settings.workflowsDir } : {});
    if (!loaded.plan) {
        const first = loaded.diagnostics.find((d) => d.severity === 'error');
        return fail('plan-invalid', `the release plan is invalid: ${first ? `${first.file}:${first.line}: ${first.message}` : 'unknown error'}`);
    }
    const plan = loaded.plan;
    const [owner, repo] = need(env, 'GITHUB_REPOSITORY', 'owner/repo').split('/');
    if (!owner || !repo)
        return fail('bad-environment', `GITHUB_REPOSITORY '${env.GITHUB_REPOSITORY ?? ''}' is not owner/repo`);
    const headSha = settings.sha ?? need(env, 'GITHUB_SHA', 'the commit SHA being released');
    const holder = env.GITHUB_RUN_ID ?? `local-${process.pid}`;
    const ref = settings.ref ?? env.GITHUB_REF_NAME ?? need(env, 'GITHUB_REF', 'the ref that started the workflow');
    const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const detailsUrl = env.GITHUB_RUN_ID ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    const octokit = createClient({
        token: settings.token,
        ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
        timing: { ...(virtual ? TEST_TIMING : PRODUCTION_TIMING), ...deps.timing },
        log: (m) => io/* warning */.$e(m),
    });
    const stats = installEtagCache(octokit);
    const writeRetryDelaysMs = deps.writeRetryDelaysMs ?? (virtual ? [0, 0, 0, 0] : undefined);
    const findDelaysMs = deps.findDelaysMs ?? (virtual ? [0, 0, 0, 0, 0] : undefined);
    const sleep = deps.sleep ?? (virtual ? async () => undefined : undefined);
    // The last ledger write, so a signal can save it and release the lease.
    let lastWrite;
    let releaseId = settings.release ?? (settings.version !== undefined ? (0,load/* releaseIdOf */.MQ)(plan.name, settings.version) : undefined);
    if (releaseId === undefined)
        return fail('bad-input', "Input 'version' (or 'release') is required. Expected what is being released, such as v1.4.2.");
    const runStatus = new Map();
    const github = createGitHubPort({
        octokit, owner, repo, headSha, holder, log,
        onRunStatus: (id, said) => {
            runStatus.set(id, said);
            // A run held by Environment reviewers is news for people: refresh the ledger summary now.
            if (said.startsWith('waiting') && lastWrite) {
                const write = { ...lastWrite, summary: releaseSummary(lastWrite.state, plan, { runStatus: (r) => runStatus.get(r) }) };
                void github.saveLedger(releaseId, write).catch((err) => io/* warning */.$e(`could not refresh the ledger: ${String(err)}`));
            }
        },
        ...(detailsUrl ? { detailsUrl } : {}),
        ...(writeRetryDelaysMs ? { writeRetryDelaysMs } : {}),
        ...(findDelaysMs ? { findDelaysMs } : {}),
        ...(sleep ? { sleep } : {}),
    });
    let record;
    try {
        record = await github.loadLedger(releaseId);
    }
    catch (err) {
        if (err instanceof LeaseHeldError)
            return fail('lease-held', err.message, releaseId);
        throw err;
    }
    let state;
    if (record?.state !== undefined)
        state = (0,core_state/* parseState */.Bu)(record.state);
    if (state === undefined) {
        // No ledger on this commit. If the release already deployed from another commit, its ledger
        // is there: starting over here would deploy every region a second time.
        const first = plan.stages[0];
        const region = first?.regions[0];
        if (first && region) {
            const environment = (0,template/* renderTemplate */.Xm)(plan.environment, (0,template/* contextValues */.S3)({ releaseId, version: settings.version ?? '', stage: first.name, region, step: { index: 0, traffic: first.steps[0]?.traffic ?? 0 }, vars: plan.variables }));
            const elsewhere = await github.releaseCommit(environment, releaseId);
            if (elsewhere !== undefined && elsewhere !== headSha) {
                return fail('release-on-other-commit', `release ${releaseId} already has deployments made from commit ${elsewhere}, but no ledger on ${headSha}; its ledger is on ${elsewhere}: pass that commit as input 'sha' instead of starting the release again`, releaseId);
            }
        }
    }
    const version = state?.version ?? settings.version;
    if (version === undefined)
        return fail('release-not-found', `no ledger for release ${releaseId} on ${headSha}, and no version to start it`, releaseId);
    releaseId = state?.releaseId ?? releaseId;
    log(state ? `resuming release ${releaseId} from its ledger (check run ${record?.checkRunId ?? '?'})` : `starting release ${releaseId}`);
    const save = github.saveLedger.bind(github);
    github.saveLedger = async (id, write) => {
        lastWrite = write;
        await save(id, write);
    };
    const onSignal = (signal) => {
        log(`${signal}: saving the release state and releasing the lease`);
        const done = lastWrite ? github.ledger.save(releaseId, lastWrite, { releaseLease: true }) : Promise.resolve();
        void done.catch((err) => io/* warning */.$e(`could not save on ${signal}: ${String(err)}`)).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    if (deps.handleSignals !== false) {
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
    }
    const metrics = typeof deps.metrics === 'function' ? await deps.metrics(plan) : deps.metrics ?? (0,registry/* createMetricsPort */.n)(plan, env);
    const clock = deps.clock ?? (virtual ? new JumpingClock() : new RealClock());
    try {
        const result = await runRelease({
            plan, version, releaseId, ref, mode,
            ports: { github, metrics, clock },
            ...(state ? { state } : {}),
            ...(env.GITHUB_ACTOR ? { initiator: env.GITHUB_ACTOR } : {}),
            onTransition: (h) => log(`${h.region ? `${h.region}: ` : ''}${h.kind}: ${h.reason}`),
            onWarning: (m) => io/* warning */.$e(m),
            ...(deps.pollIntervalMs !== undefined ? { pollIntervalMs: deps.pollIntervalMs } : {}),
            summarize: (s, p) => releaseSummary(s, p, { runStatus: (id) => runStatus.get(id) }),
        });
        // Runs still in flight read as GitHub last said (e.g. waiting for environment approval in reconcile mode).
        const summary = releaseSummary(result.state, plan, { runStatus: (id) => runStatus.get(id) });
        await (deps.writeSummary ?? defaultSummaryWriter(env))(summary);
        const failed = result.decision === 'failed' || result.decision === 'rolled-back' ? `release ${releaseId} ${result.decision}: ${result.reason}` : undefined;
        return {
            decision: result.decision,
            reasonCode: result.reasonCode,
            releaseId,
            details: {
                reason: result.reason,
                regions: Object.fromEntries(Object.values(result.state.regions).map((r) => [r.name, r.phase])),
                checkRunId: github.ledger.checkRunId ?? null,
                requests: { counted: stats.counted, notModified: stats.notModified },
            },
            ...(failed ? { failed } : {}),
        };
    }
    finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
    }
}
function defaultSummaryWriter(env) {
    return async (markdown) => {
        if (!env.GITHUB_STEP_SUMMARY)
            return;
        await io/* summary */.z.addRaw(markdown, true).write();
    };
}


/***/ })

};
