/**
 * Builds the JSON bodies the fake answers with, complete enough to pass the API description's
 * `required` lists (URLs, users, repository). Only the fields the client reads carry state.
 */
export interface RepoRef {
  base: string;
  owner: string;
  repo: string;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export { iso };

export function user(r: RepoRef, login: string, id: number): Record<string, unknown> {
  const u = `${r.base}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.example.test/u/${id}`,
    gravatar_id: '',
    url: u,
    html_url: `https://github.example.test/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  };
}

export function minimalRepo(r: RepoRef): Record<string, unknown> {
  const u = `${r.base}/repos/${r.owner}/${r.repo}`;
  const urls: Record<string, string> = {};
  for (const k of [
    'archive',
    'assignees',
    'blobs',
    'branches',
    'collaborators',
    'comments',
    'commits',
    'compare',
    'contents',
    'contributors',
    'deployments',
    'downloads',
    'events',
    'forks',
    'git_commits',
    'git_refs',
    'git_tags',
    'hooks',
    'issue_comment',
    'issue_events',
    'issues',
    'keys',
    'labels',
    'languages',
    'merges',
    'milestones',
    'notifications',
    'pulls',
    'releases',
    'stargazers',
    'statuses',
    'subscribers',
    'subscription',
    'tags',
    'teams',
    'trees',
  ]) {
    urls[`${k}_url`] = `${u}/${k}`;
  }
  return {
    id: 1,
    node_id: 'R_1',
    name: r.repo,
    full_name: `${r.owner}/${r.repo}`,
    owner: user(r, r.owner, 2),
    private: true,
    html_url: `https://github.example.test/${r.owner}/${r.repo}`,
    description: null,
    fork: false,
    url: u,
    ...urls,
  };
}

export interface RunRecord {
  id: number;
  workflow: string;
  runNumber: number;
  displayTitle: string;
  event: string;
  status: string;
  conclusion: string | null;
  headBranch: string;
  headSha: string;
  createdAt: number;
  updatedAt: number;
  /** When this attempt started (a re-run starts again; created_at stays). */
  startedAt: number;
  inputs: Record<string, string>;
  /** Who started the run, and who started this attempt (a re-run by someone else differs). */
  actor: string;
  triggeringActor: string;
  /** run_attempt: 1, then one more per re-run. */
  attempt: number;
}

/** A stable numeric id for a login (GitHub's ids are per account; tests only need them stable). */
export function userId(login: string): number {
  let h = 11;
  for (const c of login) h = (h * 31 + c.charCodeAt(0)) % 10_000_000;
  return 1_000_000 + h;
}

export function workflowRun(r: RepoRef, run: RunRecord): Record<string, unknown> {
  const u = `${r.base}/repos/${r.owner}/${r.repo}/actions/runs/${run.id}`;
  const repo = minimalRepo(r);
  return {
    id: run.id,
    name: run.workflow.replace(/\.ya?ml$/, ''),
    node_id: `WFR_${run.id}`,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    // As GitHub serves it: the file, then `@` and the ref the run ran on.
    path: `.github/workflows/${run.workflow}@${run.headBranch}`,
    display_title: run.displayTitle,
    run_number: run.runNumber,
    run_attempt: run.attempt,
    run_started_at: iso(run.startedAt),
    actor: user(r, run.actor, userId(run.actor)),
    triggering_actor: user(r, run.triggeringActor, userId(run.triggeringActor)),
    ...(run.attempt > 1 ? { previous_attempt_url: `${u}/attempts/${run.attempt - 1}` } : {}),
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflowId(run.workflow),
    url: u,
    html_url: `https://github.example.test/${r.owner}/${r.repo}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: iso(run.createdAt),
    updated_at: iso(run.updatedAt),
    jobs_url: `${u}/jobs`,
    logs_url: `${u}/logs`,
    check_suite_url: `${u}/check-suite`,
    artifacts_url: `${u}/artifacts`,
    cancel_url: `${u}/cancel`,
    rerun_url: `${u}/rerun`,
    workflow_url: `${r.base}/repos/${r.owner}/${r.repo}/actions/workflows/${workflowId(run.workflow)}`,
    head_commit: null,
    repository: repo,
    head_repository: repo,
  };
}

/** Stable numeric id for a workflow file name. */
export function workflowId(file: string): number {
  let h = 7;
  for (const c of file) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return 100_000 + h;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  payload: Record<string, unknown> | string;
  description: string | null;
  autoMerge: boolean;
  requiredContexts: string[] | undefined;
  createdAt: number;
  productionEnvironment?: boolean;
  transientEnvironment?: boolean;
}

export function deployment(r: RepoRef, d: DeploymentRecord, creator: string): Record<string, unknown> {
  const u = `${r.base}/repos/${r.owner}/${r.repo}/deployments/${d.id}`;
  return {
    url: u,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    environment: d.environment,
    description: d.description,
    creator: user(r, creator, 41898282),
    created_at: iso(d.createdAt),
    updated_at: iso(d.createdAt),
    statuses_url: `${u}/statuses`,
    repository_url: `${r.base}/repos/${r.owner}/${r.repo}`,
    ...(d.transientEnvironment !== undefined ? { transient_environment: d.transientEnvironment } : {}),
    ...(d.productionEnvironment !== undefined ? { production_environment: d.productionEnvironment } : {}),
  };
}

export interface StatusRecord {
  id: number;
  deploymentId: number;
  state: string;
  description: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: number;
}

export function deploymentStatus(r: RepoRef, s: StatusRecord, creator: string): Record<string, unknown> {
  const d = `${r.base}/repos/${r.owner}/${r.repo}/deployments/${s.deploymentId}`;
  return {
    url: `${d}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: user(r, creator, 41898282),
    // GitHub answers "" for unset URLs, which its own description (format: uri) rejects: omit them.
    description: s.description,
    target_url: s.logUrl || d,
    ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
    ...(s.logUrl ? { log_url: s.logUrl } : {}),
    deployment_url: d,
    repository_url: `${r.base}/repos/${r.owner}/${r.repo}`,
    created_at: iso(s.createdAt),
    updated_at: iso(s.createdAt),
  };
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: number;
  completedAt: number | null;
  externalId: string;
  detailsUrl: string;
  title: string | null;
  summary: string | null;
  text: string | null;
  annotations: Array<Record<string, unknown>>;
  suiteId: number;
}

export function checkRun(r: RepoRef, c: CheckRunRecord): Record<string, unknown> {
  const u = `${r.base}/repos/${r.owner}/${r.repo}/check-runs/${c.id}`;
  return {
    id: c.id,
    node_id: `CR_${c.id}`,
    head_sha: c.headSha,
    name: c.name,
    external_id: c.externalId,
    url: u,
    html_url: `https://github.example.test/${r.owner}/${r.repo}/runs/${c.id}`,
    details_url: c.detailsUrl,
    status: c.status,
    conclusion: c.conclusion,
    started_at: iso(c.startedAt),
    completed_at: c.completedAt === null ? null : iso(c.completedAt),
    output: { title: c.title, summary: c.summary, text: c.text, annotations_count: c.annotations.length, annotations_url: `${u}/annotations` },
    check_suite: { id: c.suiteId },
    app: null,
    pull_requests: [],
  };
}
