/**
 * A stateful GitHub fake served over HTTP on 127.0.0.1, for adapter, end-to-end and
 * crash/resume tests. It keeps only what progressive-release uses: workflow dispatches that
 * become runs (progressing per observation, so no test waits on a real clock), runs a person
 * started (`addRun`, `rerun`: command runs), deployments and statuses, check runs with appended
 * annotations, collaborator permissions, team memberships (readable only with the org token)
 * and the reviews of runs held by Environment reviewers.
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
import { iso, workflowId, type RepoRef } from './entities.js';
import { Records, type Answer, type FakeReview } from './records.js';
import { DEFAULT_SCRIPT, FakeRuns, type AddRunOptions, type FakeRun, type RunScript } from './runs.js';
import { teamMembership, type Teams } from './teams.js';
import { FORBIDDEN_BODY, type Fault, type FaultContext } from './faults.js';

export { FORBIDDEN_BODY, randomFaults, type Fault, type FaultContext } from './faults.js';

export type { AddRunOptions, RunScript };

export interface WorkflowDef {
  inputs: string[];
  /** Like `run-name:` in the workflow: `{{ name }}` replaced by that input. Default: the workflow name. */
  runName?: string;
}

export interface FakeOptions {
  owner?: string;
  repo?: string;
  token?: string;
  /**
   * A token that may read the organisation's team memberships (input org-token): the memberships
   * route answers only requests made with it, and it reaches nothing else (403, as a token scoped
   * to `members: read` would).
   */
  orgToken?: string;
  /** Team members by `org/slug`: `active`, or `pending` (invited, not yet accepted). */
  teams?: Teams;
  /** The login a run dispatched through the API names as actor and triggering actor (default `alice`: the person whose release dispatched it). */
  dispatchActor?: string;
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

export class GitHubFake {
  readonly errors: string[] = [];
  readonly log: LogEntry[] = [];
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
  private readonly runStore: FakeRuns;

  constructor(opts: FakeOptions = {}) {
    this.opts = opts;
    this.repoRef = { base: '', owner: opts.owner ?? 'acme', repo: opts.repo ?? 'shop' };
    this.records = new Records(this.repoRef, () => this.now, opts.permissions, opts.refuseReopen === true, opts.shaOf);
    const lagOf = opts.listLag ?? 0;
    this.runStore = new FakeRuns(
      this.repoRef,
      () => this.now,
      (workflow) => (typeof lagOf === 'function' ? lagOf(workflow) : lagOf),
    );
  }

  /** Every run, dispatched or added, oldest first. */
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

  get runs(): FakeRun[] {
    return this.runStore.list;
  }

  /**
   * A run a person started, e.g. a command run of release.yml (title from plan/ids.ts
   * commandTitle): a test then starts the action with GITHUB_RUN_ID set to the id answered. It
   * stays in its status (default in_progress) until `setRunStatus` moves it.
   */
  addRun(o: AddRunOptions): number {
    return this.runStore.add(o);
  }

  /** The next attempt of a completed run (same id, run_attempt + 1, triggering_actor, queued again). */
  rerun(runId: number, triggeringActor: string): void {
    this.runStore.rerun(runId, triggeringActor);
  }

  /** Moves a run to a status (an added run moves only so); `completed` takes a conclusion (default success). */
  setRunStatus(runId: number, status: 'queued' | 'in_progress' | 'waiting' | 'completed', conclusion?: string): void {
    this.runStore.setStatus(runId, status, conclusion);
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
    const auth = this.authOf(req.headers.authorization ?? '');
    if (auth === undefined) return this.send(res, entry, op, { status: 401, body: { message: 'Bad credentials' } });
    // The repository's token may not read the organisation, and the org token reaches nothing else.
    if ((auth === 'org-token') !== op.template.startsWith('/orgs/')) return this.send(res, entry, op, { status: 403, body: FORBIDDEN_BODY });
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

  /** Which token a request carries (undefined: none the fake knows). */
  private authOf(header: string): 'token' | 'org-token' | undefined {
    const given = /^(?:token|bearer) (.+)$/i.exec(header)?.[1];
    if (given === undefined) return undefined;
    if (given === (this.opts.token ?? 'test-token')) return 'token';
    if (this.opts.orgToken !== undefined && given === this.opts.orgToken) return 'org-token';
    return undefined;
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
    if (op.template === '/orgs/{org}/teams/{team_slug}/memberships/{username}')
      return teamMembership(r, this.opts.teams ?? {}, p.org ?? '', p.team_slug ?? '', p.username ?? '');
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
        return this.runStore.get(Number(p.run_id));
      case 'GET /actions/runs/{run_id}/approvals':
        return this.approvals(Number(p.run_id));
      case 'POST /actions/runs/{run_id}/cancel':
        return this.runStore.cancel(Number(p.run_id));
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

  /** A workflow file by name or id: declared, or one a person ran (addRun) though the test did not declare it. */
  private workflowFile(idOrFile: string): string | undefined {
    const known = [...Object.keys(this.opts.workflows ?? {}), ...this.runs.map((x) => x.workflow)];
    return known.find((f) => f === idOrFile || String(workflowId(f)) === idOrFile);
  }

  private dispatch(idOrFile: string, body: Record<string, unknown>): Answer {
    const file = this.workflowFile(idOrFile);
    if (!file) return { status: 404, body: { message: 'Not Found' } };
    if ('return_run_details' in body && this.opts.returnRunDetails === false) {
      return { status: 400, body: { message: 'Invalid request.\n\n"return_run_details" is not a permitted key.' } };
    }
    const def = (this.opts.workflows ?? {})[file];
    // Only a declared workflow has inputs to check a dispatch against.
    if (!def) return { status: 404, body: { message: 'Not Found' } };
    const inputs = (body.inputs ?? {}) as Record<string, string>;
    const unexpected = Object.keys(inputs).filter((k) => !def.inputs.includes(k));
    if (unexpected.length > 0) {
      return { status: 422, body: { message: `Unexpected inputs provided: ${JSON.stringify(unexpected)}`, documentation_url: 'https://docs.github.com/rest' } };
    }
    const title = (def.runName ?? file.replace(/\.ya?ml$/, '')).replace(/\{\{\s*([A-Za-z0-9_-]+)\s*\}\}/g, (_m, n: string) => inputs[n] ?? '');
    const script = { ...DEFAULT_SCRIPT, ...this.opts.script?.({ workflow: file, inputs }) };
    const id = this.runStore.dispatched({ workflow: file, title, ref: String(body.ref), inputs, script, actor: this.opts.dispatchActor ?? 'alice' });
    if (body.return_run_details === true) {
      const base = `${this.url}/repos/${this.repoRef.owner}/${this.repoRef.repo}/actions/runs/${id}`;
      return {
        status: 200,
        body: { workflow_run_id: id, run_url: base, html_url: `https://github.example.test/${this.repoRef.owner}/${this.repoRef.repo}/actions/runs/${id}` },
      };
    }
    return { status: 204 };
  }

  private listRuns(q: URLSearchParams, idOrFile: string | undefined): Answer {
    const file = idOrFile === undefined ? undefined : this.workflowFile(idOrFile);
    if (idOrFile !== undefined && !file) return { status: 404, body: { message: 'Not Found' } };
    return this.runStore.listRuns(q, file, this.errors);
  }
}

export { iso };
