/**
 * The fake's records people see: deployments with their statuses, check runs with appended
 * annotations, and collaborator permissions. Split from server.ts (routing, faults, runs).
 */
import {
  checkRun,
  deployment,
  deploymentStatus,
  iso,
  user as userFor,
  type CheckRunRecord,
  type DeploymentRecord,
  type RepoRef,
  type StatusRecord,
} from './entities.js';

/** A reviewer's answer to a run held by Environment reviewers, as a test scripts it. */
export interface FakeReview {
  user: string;
  state: 'approved' | 'rejected';
  comment: string;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class Records {
  readonly deployments: DeploymentRecord[] = [];
  readonly statuses: StatusRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  private nextId = { deployment: 500_001, status: 700_001, check: 800_001 };

  constructor(
    private readonly repoRef: RepoRef,
    private readonly clock: () => number,
    private readonly permissions: Record<string, string> = {},
    private readonly refuseReopen = false,
    /** The commit a ref points at now (a deployment records it when created). */
    readonly shaOf: (ref: string) => string = () => 'a'.repeat(40),
  ) {}

  private get now(): number {
    return this.clock();
  }

  getCheckRun(id: number): Answer {
    const c = this.checkRuns.find((x) => x.id === id);
    return c ? { status: 200, body: checkRun(this.repoRef, c) } : { status: 404, body: { message: 'Not Found' } };
  }

  createDeployment(b: Record<string, unknown>): Answer {
    const now = this.now;
    const d: DeploymentRecord = {
      id: this.nextId.deployment++,
      sha: this.shaOf(String(b.ref)),
      ref: String(b.ref),
      task: (b.task as string | undefined) ?? 'deploy',
      environment: (b.environment as string | undefined) ?? 'production',
      payload: (b.payload as Record<string, unknown> | undefined) ?? {},
      description: (b.description as string | undefined) ?? '',
      autoMerge: b.auto_merge !== false,
      requiredContexts: b.required_contexts as string[] | undefined,
      createdAt: now,
      ...(typeof b.production_environment === 'boolean' ? { productionEnvironment: b.production_environment } : {}),
      ...(typeof b.transient_environment === 'boolean' ? { transientEnvironment: b.transient_environment } : {}),
    };
    if (typeof d.payload === 'string' && d.payload !== '') d.payload = JSON.parse(d.payload) as Record<string, unknown>;
    this.deployments.push(d);
    return { status: 201, body: deployment(this.repoRef, d, 'github-actions[bot]') };
  }

  listDeployments(q: URLSearchParams): Answer {
    const list = this.deployments
      .filter(
        (d) =>
          (!q.get('sha') || d.sha === q.get('sha')) &&
          (!q.get('ref') || d.ref === q.get('ref')) &&
          (!q.get('task') || d.task === q.get('task')) &&
          (!q.get('environment') || d.environment === q.get('environment')),
      )
      .sort((a, b) => b.id - a.id);
    const perPage = Number(q.get('per_page') ?? 30);
    const page = Number(q.get('page') ?? 1);
    return { status: 200, body: list.slice((page - 1) * perPage, page * perPage).map((d) => deployment(this.repoRef, d, 'github-actions[bot]')) };
  }

  createStatus(deploymentId: number, b: Record<string, unknown>): Answer {
    if (!this.deployments.some((d) => d.id === deploymentId)) return { status: 404, body: { message: 'Not Found' } };
    const description = (b.description as string | undefined) ?? '';
    if (description.length > 140) {
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          documentation_url: 'https://docs.github.com/rest',
          errors: [{ field: 'description', code: 'custom', message: 'description is too long (maximum is 140 characters)' }],
        },
      };
    }
    const s: StatusRecord = {
      id: this.nextId.status++,
      deploymentId,
      state: String(b.state),
      description,
      logUrl: (b.log_url as string | undefined) ?? (b.target_url as string | undefined) ?? '',
      environmentUrl: (b.environment_url as string | undefined) ?? '',
      createdAt: this.now,
    };
    this.statuses.push(s);
    return { status: 201, body: deploymentStatus(this.repoRef, s, 'github-actions[bot]') };
  }

  listStatuses(deploymentId: number, q: URLSearchParams): Answer {
    if (!this.deployments.some((d) => d.id === deploymentId)) return { status: 404, body: { message: 'Not Found' } };
    const perPage = Number(q.get('per_page') ?? 30);
    const list = this.statuses
      .filter((s) => s.deploymentId === deploymentId)
      .sort((a, b) => b.id - a.id)
      .slice(0, perPage);
    return { status: 200, body: list.map((s) => deploymentStatus(this.repoRef, s, 'github-actions[bot]')) };
  }

  private applyCheckOutput(c: CheckRunRecord, b: Record<string, unknown>): Answer | undefined {
    const out = b.output as Record<string, unknown> | undefined;
    if (!out) return undefined;
    const ann = (out.annotations as Array<Record<string, unknown>> | undefined) ?? [];
    if (ann.length > 50)
      return { status: 422, body: { message: 'Only 50 annotations are allowed per request', documentation_url: 'https://docs.github.com/rest' } };
    for (const k of ['summary', 'text'] as const) {
      const v = out[k];
      // GitHub counts UTF-8 bytes, not characters (github-facts.md: "exceeds a maximum bytesize of 65535").
      if (typeof v === 'string' && Buffer.byteLength(v, 'utf8') > 65_535)
        return {
          status: 422,
          body: { message: `Invalid request.\n\n${k} exceeds a maximum bytesize of 65535.`, documentation_url: 'https://docs.github.com/rest/checks/runs' },
        };
    }
    if (typeof out.title === 'string') c.title = out.title;
    if (typeof out.summary === 'string') c.summary = out.summary;
    if (typeof out.text === 'string') c.text = out.text;
    c.annotations.push(...ann);
    return undefined;
  }

  createCheckRun(b: Record<string, unknown>): Answer {
    const now = this.now;
    const c: CheckRunRecord = {
      id: this.nextId.check++,
      name: String(b.name),
      headSha: String(b.head_sha),
      status: (b.status as string | undefined) ?? 'queued',
      conclusion: (b.conclusion as string | undefined) ?? null,
      startedAt: now,
      completedAt: b.conclusion ? now : null,
      externalId: (b.external_id as string | undefined) ?? '',
      detailsUrl: (b.details_url as string | undefined) ?? '',
      title: null,
      summary: null,
      text: null,
      annotations: [],
      suiteId: 42,
    };
    const bad = this.applyCheckOutput(c, b);
    if (bad) return bad;
    this.checkRuns.push(c);
    return { status: 201, body: checkRun(this.repoRef, c) };
  }

  updateCheckRun(id: number, b: Record<string, unknown>): Answer {
    const c = this.checkRuns.find((x) => x.id === id);
    if (!c) return { status: 404, body: { message: 'Not Found' } };
    if (this.refuseReopen && c.status === 'completed' && (b.status === 'in_progress' || b.status === 'queued')) {
      return { status: 422, body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest/checks/runs#update-a-check-run' } };
    }
    const bad = this.applyCheckOutput(c, b);
    if (bad) return bad;
    if (typeof b.status === 'string') c.status = b.status;
    if (typeof b.conclusion === 'string') {
      c.conclusion = b.conclusion;
      c.status = 'completed';
      c.completedAt = this.now;
    }
    if (typeof b.details_url === 'string') c.detailsUrl = b.details_url;
    return { status: 200, body: checkRun(this.repoRef, c) };
  }

  listCheckRuns(ref: string, q: URLSearchParams): Answer {
    const name = q.get('check_name');
    const list = this.checkRuns.filter((c) => c.headSha === ref && (!name || c.name === name)).sort((a, b) => b.id - a.id);
    // Pages as GitHub serves them (per_page default 30, at most 100).
    const perPage = Math.min(100, Number(q.get('per_page') ?? 30));
    const page = Number(q.get('page') ?? 1);
    const shown = list.slice((page - 1) * perPage, page * perPage);
    return { status: 200, body: { total_count: list.length, check_runs: shown.map((c) => checkRun(this.repoRef, c)) } };
  }

  /**
   * `GET .../actions/runs/{id}/approvals` for a run held by Environment reviewers: the reviews
   * given (GitHub lists them once given, so none while the run still waits), each naming the
   * environment the run's `environment` input targets.
   */
  approvals(run: { id: number; status: string; inputs: Record<string, string>; createdAt: number }, reviews: readonly FakeReview[]): Answer {
    if (run.status === 'queued' || run.status === 'waiting') return { status: 200, body: [] };
    const name = run.inputs.environment ?? 'production';
    const environment = {
      id: 1_000 + name.length,
      node_id: `EN_${name.length}`,
      name,
      url: `${this.repoRef.base}/repos/${this.repoRef.owner}/${this.repoRef.repo}/environments/${encodeURIComponent(name)}`,
      html_url: `https://github.example.test/${this.repoRef.owner}/${this.repoRef.repo}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
      created_at: iso(run.createdAt),
      updated_at: iso(run.createdAt),
    };
    const body = reviews.map((r, i) => ({ environments: [environment], state: r.state, user: userFor(this.repoRef, r.user, 20_000 + i), comment: r.comment }));
    return { status: 200, body };
  }

  permission(username: string): Answer {
    const perm = this.permissions[username];
    if (perm === undefined) return { status: 404, body: { message: `${username} is not a user`, documentation_url: 'https://docs.github.com/rest' } };
    const permission = perm === 'maintain' ? 'write' : perm === 'triage' ? 'read' : perm;
    const u = { ...userFor(this.repoRef, username, 10_000 + username.length), role_name: perm };
    return { status: 200, body: { permission, role_name: perm, user: u } };
  }
}
