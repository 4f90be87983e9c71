/**
 * Pushing to a Prometheus Pushgateway: the group URLs, the credentials, one bounded PUT.
 *
 * Grouping (see the README, "The release's own metrics"): a Pushgateway keeps every group until it is deleted,
 * and each grouping label becomes a label of every series in the group, so the key holds only
 * bounded values:
 *
 * - release series: `job="progressive-release", repository=<owner/name>, plan=<plan>`. Rendered
 *   from the state, which holds the whole history, so the newest push of any invocation (run,
 *   reconcile, command) is the whole truth and PUT (replace the group) is right: a reconcile after
 *   a run replaces the run's values with a superset, and a series that ended (a region no longer
 *   waiting) goes away. Releases of one plan run one after another (the release workflow's
 *   concurrency group), so the group is "the plan's latest release"; releases of different plans
 *   never share a group, nor do plans of one name in two repositories (one organisation's gateway
 *   serves many, and `production` is a common plan name): the repository is one value per
 *   repository, so it bounds the groups as the plan does.
 * - invocation series (GitHub requests, the rate limit, the job's time): the same key and
 *   `invocation=<run|reconcile|command:NAME>`. They are this job's own counts, which no state
 *   holds; a group per invocation kind keeps a command run from replacing the driver's counts
 *   beside it, and bounds the groups to repositories x plans x kinds (a group per run id would
 *   grow forever and put run ids on every series).
 *
 * fetch rather than prom-client's Pushgateway class: that class pushes a whole registry to one
 * group and takes no AbortSignal, and a push must give up at the flush's deadline.
 */

export interface PushTarget {
  /** The Pushgateway's base URL (no credentials: action-io refuses them). */
  url: string;
  headers: Record<string, string>;
}

export const JOB = 'progressive-release';

/** Credentials from the environment, masked before anything could print them. */
export function pushTargetOf(url: string, env: NodeJS.ProcessEnv, setSecret: (value: string) => void): PushTarget {
  const token = (env.PUSHGATEWAY_TOKEN ?? '').trim();
  const user = env.PUSHGATEWAY_USERNAME ?? '';
  const password = env.PUSHGATEWAY_PASSWORD ?? '';
  const headers: Record<string, string> = { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' };
  if (token !== '') {
    setSecret(token);
    headers.authorization = `Bearer ${token}`;
  } else if (user !== '' || password !== '') {
    if (password !== '') setSecret(password);
    const basic = Buffer.from(`${user}:${password}`).toString('base64');
    setSecret(basic);
    headers.authorization = `Basic ${basic}`;
  }
  return { url: url.replace(/\/+$/, ''), headers };
}

/**
 * The repository the job runs in (GITHUB_REPOSITORY as the runner's environment parsed it,
 * handed in by the entry layer: src/runner/env.ts is its one reader), when it is an `owner/name`
 * as GitHub spells one; undefined outside a runner (the CLI), and then the groups carry no
 * repository label.
 */
export function repositoryLabel(repo: string | undefined = ''): string | undefined {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/.test(repo) ? repo : undefined;
}

/** What a message may say of the gateway: its scheme, host and port (a path or query could carry a token). */
export function gatewayOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the pushgateway';
  }
}

/**
 * `/metrics/job@base64/…/repository@base64/…/plan@base64/…`: base64url (the Pushgateway's `@base64`
 * form) keeps any value one path segment, the `/` of `owner/name` or of a plan name included.
 */
export function groupPath(labels: ReadonlyArray<readonly [string, string]>): string {
  return `/metrics${labels.map(([name, value]) => `/${name}@base64/${Buffer.from(value).toString('base64url') || '='}`).join('')}`;
}

/** Why a push failed, in words of our own: never the answer's body (not ours) nor a header. */
export function pushFailure(err: unknown): string {
  if (err instanceof PushRefused) return `answered ${err.status}`;
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) return 'no answer before the deadline';
  const code = (err as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' && /^[A-Z_]{2,32}$/.test(code) ? `could not connect (${code})` : 'could not connect';
}

export class PushRefused extends Error {
  constructor(readonly status: number) {
    super(`pushgateway answered ${status}`);
  }
}

/** PUTs `body` to one group; rejects on a non-2xx answer, a network failure or the signal. */
export async function putGroup(target: PushTarget, path: string, body: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${target.url}${path}`, { method: 'PUT', headers: target.headers, body, signal });
  // The body is read only to free the connection, and is never shown.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new PushRefused(res.status);
}
