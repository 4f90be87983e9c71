/**
 * A stateful GitHub fake served over HTTP on 127.0.0.1, for adapter, end-to-end and
 * crash/resume tests. It keeps only what progressive-release uses: workflow dispatches that
 * become runs (progressing per observation, so no test waits on a real clock) and the reviews of
 * runs held by Environment reviewers, deployments and statuses, check runs with appended annotations, and collaborator permissions.
 *
 * Every request and every answer is checked against the OpenAPI extract; mismatches are
 * collected in `errors` (tests assert it is empty). Faults are injected per request:
 * 5xx, 429/403 rate limits with retry-after, slow answers, "applied but the answer was
 * lost" (the socket is destroyed after the state change), a permission the token lacks (403)
 * and HTML pages instead of JSON.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiValidator, type Operation } from './validator.js';
import { iso, workflowId, workflowRun, type RepoRef, type RunRecord } from './entities.js';
import { Records, type Answer, type FakeReview } from './records.js';

/**
 * How a run progresses: it stays in each status for that many observations (GETs of the run, or
 * lists showing it), so no test waits on a clock; or, with `timed`, for that many milliseconds of
 * the fake's clock (`now`), as runs on GitHub do: what a poller sees then depends on how often it
 * looks (the request benchmark uses this, on a virtual clock shared with the driver).
 */
export interface RunScript {
  queuedPolls: number;
  waitingPolls: number;
  inProgressPolls: number;
  conclusion: 'success' | 'failure' | 'cancelled' | 'timed_out' | 'startup_failure';
  timed?: { queuedMs: number; waitingMs?: number; inProgressMs: number };
  /** Who reviewed the run once it stopped waiting (`GET .../runs/{id}/approvals`); `fake.setReviews` replaces them. */
  reviews?: FakeReview[];
}

export type Fault =
  /** `ms`: answered that late (a gateway that times out answers 502 after a while). */
  | { kind: 'status'; status: 500 | 502 | 503; ms?: number }
  | { kind: 'rate-limit'; status: 429 | 403; retryAfter: number; secondary: boolean }
  | { kind: 'slow'; ms: number }
  | { kind: 'lose-answer' }
  /** The token lacks a permission the route needs: GitHub's 403, word for word. */
  | { kind: 'forbidden' }
  /** An HTML page instead of the API's JSON (a proxy or GitHub's own error page). */
  | { kind: 'html'; status: 200 | 502 };

/** GitHub's answer to a GITHUB_TOKEN the workflow's `permissions:` did not grant what the route needs. */
export const FORBIDDEN_BODY = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' };

export interface FaultContext {
  seq: number;
  method: string;
  template: string;
  path: string;
  body: unknown;
}

export interface WorkflowDef {
  inputs: string[];
  /** Like `run-name:` in the workflow: `{{ name }}` replaced by that input. Default: the workflow name. */
  runName?: string;
}

export interface FakeOptions {
  owner?: string;
  repo?: string;
  token?: string;
  workflows?: Record<string, WorkflowDef>;
  /** false: answer 400 naming `return_run_details`, as GHES 3.20 and older do. */
  returnRunDetails?: boolean;
  script?: (run: { workflow: string; inputs: Record<string, string> }) => Partial<RunScript>;
  /** A new run is missing from the first N list answers (GitHub lists runs with a delay); per workflow file when a function. */
  listLag?: number | ((workflow: string) => number);
  permissions?: Record<string, string>;
  now?: () => number;
  faults?: (ctx: FaultContext) => Fault | undefined;
  /** The commit a ref points at when a deployment is created (default: 'a' x 40 for every ref). */
  shaOf?: (ref: string) => string;
  /** true: refuse (422) to move a completed check run back to queued/in_progress, as some reports say GitHub does. */
  refuseReopen?: boolean;
  /** Called after a mutating request took effect and its answer was sent (or lost). */
  onMutation?: (n: number, entry: LogEntry) => void;
}

export interface LogEntry {
  seq: number;
  method: string;
  path: string;
  template: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** Counts against the primary rate limit (everything but 304). */
  counted: boolean;
  fault?: Fault['kind'];
  /** The request changed state (POST/PATCH that was applied). */
  mutated: boolean;
}

const DEFAULT_SCRIPT: RunScript = { queuedPolls: 1, waitingPolls: 0, inProgressPolls: 1, conclusion: 'success' };

export class GitHubFake {
  readonly errors: string[] = [];
  readonly log: LogEntry[] = [];
  readonly runs: Array<RunRecord & { script: RunScript; observed: number; cancelled: boolean; listed: number }> = [];
  readonly records: Records;
  url = '';
  /** Hold every request that arrives from now on (used to kill a client at an exact boundary). */
  frozen = false;
  mutations = 0;

  private readonly validator = new OpenApiValidator();
  private readonly opts: FakeOptions;
  private readonly repoRef: RepoRef;
  private server: Server | undefined;
  private readonly held: ServerResponse[] = [];
  private seq = 0;
  private nextRunId = 9_000_001;

  constructor(opts: FakeOptions = {}) {
    this.opts = opts;
    this.repoRef = { base: '', owner: opts.owner ?? 'acme', repo: opts.repo ?? 'shop' };
    this.records = new Records(this.repoRef, () => this.now, opts.permissions, opts.refuseReopen === true, opts.shaOf);
  }

  get deployments() {
    return this.records.deployments;
  }

  get statuses() {
    return this.records.statuses;
  }

  get checkRuns() {
    return this.records.checkRuns;
  }

  get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Starts listening on an ephemeral loopback port; `url` is the API base URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.repoRef.base = this.url;
    return this.url;
  }

  /** Drops the held requests (their client is gone) and serves again. */
  thaw(): void {
    for (const res of this.held.splice(0)) res.destroy();
    this.frozen = false;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests that count against the primary rate limit, and 304s. */
  counts(): { counted: number; notModified: number; total: number } {
    const counted = this.log.filter((e) => e.counted).length;
    return { counted, notModified: this.log.length - counted, total: this.log.length };
  }

  statusesOf(deploymentId: number): string[] {
    return this.statuses.filter((s) => s.deploymentId === deploymentId).map((s) => s.state);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (this.frozen) {
      this.held.push(res);
      return;
    }
    const seq = ++this.seq;
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        this.errors.push(`${method} ${url.pathname}: body is not JSON`);
      }
    }
    const op = this.validator.match(method, url.pathname);
    const entry: LogEntry = {
      seq,
      method,
      path: url.pathname,
      template: op?.template ?? '?',
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
      counted: true,
      mutated: false,
    };
    this.log.push(entry);
    if (!op) {
      this.errors.push(`${method} ${url.pathname}: not an operation of the extract`);
      return this.send(res, entry, undefined, { status: 404, body: { message: 'Not Found' } });
    }
    for (const e of this.validator.checkRequest(op, url.searchParams, body)) this.errors.push(e);
    const token = this.opts.token ?? 'test-token';
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `bearer ${token}` && auth !== `Bearer ${token}`) {
      return this.send(res, entry, op, { status: 401, body: { message: 'Bad credentials' } });
    }
    const fault = this.opts.faults?.({ seq, method, template: op.template, path: url.pathname, body });
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'status') {
      if (fault.ms) await new Promise((r) => setTimeout(r, fault.ms));
      return this.send(res, entry, op, { status: fault.status, body: { message: 'Server Error' } });
    }
    if (fault?.kind === 'forbidden') return this.send(res, entry, op, { status: 403, body: FORBIDDEN_BODY });
    if (fault?.kind === 'html') {
      // Not an API answer at all, so not checked against the description.
      entry.status = fault.status;
      res.writeHead(fault.status, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>Unicorn!</title></head><body><p>No server is currently available to service your request.</p></body></html>');
      return;
    }
    if (fault?.kind === 'rate-limit') {
      const message = fault.secondary ? 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' : 'API rate limit exceeded';
      const headers: Record<string, string> = { 'retry-after': String(fault.retryAfter) };
      if (!fault.secondary) {
        headers['x-ratelimit-remaining'] = '0';
        headers['x-ratelimit-reset'] = String(Math.ceil(Date.now() / 1000) + fault.retryAfter);
      }
      return this.send(res, entry, op, { status: fault.status, body: { message }, headers });
    }
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
    let answer: Answer;
    try {
      answer = this.route(op, url.searchParams, body as Record<string, unknown> | undefined);
    } catch (e) {
      this.errors.push(`${method} ${url.pathname}: fake crashed: ${(e as Error).stack ?? String(e)}`);
      answer = { status: 500, body: { message: 'fake crashed' } };
    }
    entry.mutated = method !== 'GET' && answer.status < 300;
    if (method === 'GET' && answer.status === 200) {
      const etag = `"${createHash('sha1').update(JSON.stringify(answer.body)).digest('hex')}"`;
      answer.headers = { ...answer.headers, etag };
      if (req.headers['if-none-match'] === etag) answer = { status: 304, headers: { etag } };
    }
    if (fault?.kind === 'lose-answer') {
      entry.status = answer.status;
      res.socket?.destroy();
      this.afterMutation(entry);
      return;
    }
    this.send(res, entry, op, answer);
  }

  private send(res: ServerResponse, entry: LogEntry, op: Operation | undefined, a: Answer): void {
    entry.status = a.status;
    entry.counted = a.status !== 304;
    if (op && a.status !== 304) {
      const described = (op.op.responses as Record<string, unknown>)[String(a.status)] !== undefined;
      if (described || a.status < 400) {
        for (const e of this.validator.checkResponse(op, a.status, a.body)) this.errors.push(e);
      } else {
        // Errors the description leaves out (5xx, rate limits, GHES's 400): GitHub's error shape.
        const errs = this.validator.validate({ $ref: '#/components/schemas/basic-error' }, a.body, `${op.template} -> ${a.status}`, false);
        this.errors.push(...errs);
      }
    }
    const text = a.body === undefined ? '' : JSON.stringify(a.body);
    res.writeHead(a.status, {
      ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': String(Math.max(0, 1000 - this.counts().counted)),
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
      // The server's clock, as GitHub sends it (the fake's clock may be virtual).
      date: new Date(this.now).toUTCString(),
      ...a.headers,
    });
    res.end(text, () => this.afterMutation(entry));
  }

  private afterMutation(entry: LogEntry): void {
    if (!entry.mutated) return;
    this.mutations++;
    this.opts.onMutation?.(this.mutations, entry);
  }

  private route(op: Operation, q: URLSearchParams, body: Record<string, unknown> | undefined): Answer {
    const r = this.repoRef;
    const p = op.params;
    if (p.owner !== r.owner || p.repo !== r.repo) return { status: 404, body: { message: 'Not Found' } };
    const key = `${op.method} ${op.template.replace('/repos/{owner}/{repo}', '')}`;
    switch (key) {
      case 'POST /actions/workflows/{workflow_id}/dispatches':
        return this.dispatch(p.workflow_id ?? '', body ?? {});
      case 'GET /actions/workflows/{workflow_id}/runs':
        return this.listRuns(q, p.workflow_id);
      case 'GET /actions/runs':
        return this.listRuns(q, undefined);
      case 'GET /actions/runs/{run_id}':
        return this.getRun(Number(p.run_id));
      case 'POST /actions/runs/{run_id}/cancel':
        return this.cancel(Number(p.run_id));
      case 'GET /actions/runs/{run_id}/approvals':
        return this.approvals(Number(p.run_id));
      case 'POST /deployments':
        return this.records.createDeployment(body ?? {});
      case 'GET /deployments':
        return this.records.listDeployments(q);
      case 'POST /deployments/{deployment_id}/statuses':
        return this.records.createStatus(Number(p.deployment_id), body ?? {});
      case 'GET /deployments/{deployment_id}/statuses':
        return this.records.listStatuses(Number(p.deployment_id), q);
      case 'POST /check-runs':
        return this.records.createCheckRun(body ?? {});
      case 'PATCH /check-runs/{check_run_id}':
        return this.records.updateCheckRun(Number(p.check_run_id), body ?? {});
      case 'GET /check-runs/{check_run_id}':
        return this.records.getCheckRun(Number(p.check_run_id));
      case 'GET /commits/{ref}/check-runs':
        return this.records.listCheckRuns(p.ref ?? '', q);
      case 'GET /collaborators/{username}/permission':
        return this.records.permission(p.username ?? '');
      default:
        return { status: 404, body: { message: `fake does not implement ${key}` } };
    }
  }

  private workflowFile(idOrFile: string): string | undefined {
    const defs = this.opts.workflows ?? {};
    if (idOrFile in defs) return idOrFile;
    return Object.keys(defs).find((f) => String(workflowId(f)) === idOrFile);
  }

  private dispatch(idOrFile: string, body: Record<string, unknown>): Answer {
    const file = this.workflowFile(idOrFile);
    if (!file) return { status: 404, body: { message: 'Not Found' } };
    if ('return_run_details' in body && this.opts.returnRunDetails === false) {
      return { status: 400, body: { message: 'Invalid request.\n\n"return_run_details" is not a permitted key.' } };
    }
    const def = (this.opts.workflows ?? {})[file] as WorkflowDef;
    const inputs = (body.inputs ?? {}) as Record<string, string>;
    const unexpected = Object.keys(inputs).filter((k) => !def.inputs.includes(k));
    if (unexpected.length > 0) {
      return { status: 422, body: { message: `Unexpected inputs provided: ${JSON.stringify(unexpected)}`, documentation_url: 'https://docs.github.com/rest' } };
    }
    const now = this.now;
    const id = this.nextRunId++;
    const title = (def.runName ?? file.replace(/\.ya?ml$/, '')).replace(/\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g, (_m, n: string) => inputs[n] ?? '');
    const script = { ...DEFAULT_SCRIPT, ...this.opts.script?.({ workflow: file, inputs }) };
    this.runs.push({
      id,
      workflow: file,
      runNumber: this.runs.length + 1,
      displayTitle: title,
      event: 'workflow_dispatch',
      status: 'queued',
      conclusion: null,
      headBranch: String(body.ref),
      headSha: 'a'.repeat(40),
      createdAt: now,
      updatedAt: now,
      inputs,
      script,
      observed: 0,
      cancelled: false,
      listed: 0,
    });
    if (body.return_run_details === true) {
      const base = `${this.url}/repos/${this.repoRef.owner}/${this.repoRef.repo}/actions/runs/${id}`;
      return {
        status: 200,
        body: { workflow_run_id: id, run_url: base, html_url: `https://github.example.test/${this.repoRef.owner}/${this.repoRef.repo}/actions/runs/${id}` },
      };
    }
    return { status: 204 };
  }

  /** Status of a run at its current observation count. */
  private advance(run: (typeof this.runs)[number]): void {
    if (run.status === 'completed') return;
    const s = run.script;
    const t = s.timed;
    // Observations, or milliseconds since the run was created.
    const n = t ? this.now - run.createdAt : run.observed;
    const [queued, waiting, inProgress] = t ? [t.queuedMs, t.waitingMs ?? 0, t.inProgressMs] : [s.queuedPolls, s.waitingPolls, s.inProgressPolls];
    let status: string;
    if (run.cancelled) status = 'completed';
    else if (n < queued) status = 'queued';
    else if (n < queued + waiting) status = 'waiting';
    else if (n < queued + waiting + inProgress) status = 'in_progress';
    else status = 'completed';
    if (status !== run.status) {
      run.status = status;
      run.updatedAt = this.now;
      if (status === 'completed') run.conclusion = run.cancelled ? 'cancelled' : s.conclusion;
    }
  }

  private getRun(id: number): Answer {
    const run = this.runs.find((x) => x.id === id);
    if (!run) return { status: 404, body: { message: 'Not Found' } };
    this.advance(run);
    run.observed++;
    return { status: 200, body: workflowRun(this.repoRef, run) };
  }

  private listRuns(q: URLSearchParams, idOrFile: string | undefined): Answer {
    const file = idOrFile === undefined ? undefined : this.workflowFile(idOrFile);
    if (idOrFile !== undefined && !file) return { status: 404, body: { message: 'Not Found' } };
    const created = q.get('created');
    let since = -Infinity;
    if (created) {
      const m = /^>=(.+)$/.exec(created);
      if (!m) this.errors.push(`runs list: fake only understands created=>=DATE, got '${created}'`);
      else since = Date.parse(m[1] ?? '');
    }
    const lagOf = this.opts.listLag ?? 0;
    const lag = (run: { workflow: string }): number => (typeof lagOf === 'function' ? lagOf(run.workflow) : lagOf);
    const candidates = this.runs
      .filter(
        (run) =>
          (file === undefined || run.workflow === file) &&
          (!q.get('event') || run.event === q.get('event')) &&
          (!q.get('branch') || run.headBranch === q.get('branch')) &&
          Math.floor(run.createdAt / 1000) * 1000 >= since,
      )
      .filter((run) => run.listed++ >= lag(run));
    // Being looked at through a list is an observation too (as a GET of the run is), whatever the
    // status filter: per-observation runs move on, so a client watching runs through lists (of
    // completed runs only, say) sees them progress. Timed runs move with the clock anyway.
    for (const run of candidates) {
      this.advance(run);
      run.observed++;
    }
    const status = q.get('status');
    const matching = candidates.filter((run) => !status || run.status === status || run.conclusion === status).sort((a, b) => b.id - a.id);
    const perPage = Number(q.get('per_page') ?? 30);
    const page = Number(q.get('page') ?? 1);
    const slice = matching.slice((page - 1) * perPage, page * perPage);
    // The answer's ETag is over the whole page (see handle): 304 only when no run on it changed.
    return { status: 200, body: { total_count: matching.length, workflow_runs: slice.map((x) => workflowRun(this.repoRef, x)) } };
  }

  /** Sets who reviewed a run (held by Environment reviewers), answered once it no longer waits. */
  setReviews(runId: number, reviews: FakeReview[]): void {
    const run = this.runs.find((x) => x.id === runId);
    if (!run) throw new Error(`fake: no run ${runId}`);
    run.script.reviews = reviews;
  }

  private approvals(id: number): Answer {
    const run = this.runs.find((x) => x.id === id);
    if (!run) return { status: 404, body: { message: 'Not Found' } };
    return this.records.approvals(run, run.script.reviews ?? []);
  }

  private cancel(id: number): Answer {
    const run = this.runs.find((x) => x.id === id);
    if (!run) return { status: 404, body: { message: 'Not Found' } };
    if (run.status === 'completed') return { status: 409, body: { message: 'Cannot cancel a workflow run that is completed.' } };
    run.cancelled = true;
    return { status: 202, body: {} };
  }
}

export { iso };

/** Deterministic pseudo-random faults: `rate` of requests fail transiently, `lostRate` of mutations lose their answer. */
export function randomFaults(seed: number, rate: number, lostRate: number): (ctx: FaultContext) => Fault | undefined {
  let x = seed >>> 0 || 1;
  const rnd = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
  return (ctx) => {
    const r = rnd();
    if (r < rate) {
      const which = Math.floor(rnd() * 3);
      if (which === 0) return { kind: 'status', status: 502 };
      if (which === 1) return { kind: 'status', status: 503 };
      return { kind: 'rate-limit', status: 403, retryAfter: 1, secondary: true };
    }
    if (ctx.method !== 'GET' && rnd() < lostRate) return { kind: 'lose-answer' };
    return undefined;
  };
}
