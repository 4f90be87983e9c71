/**
 * GitHub failures a person can act on. Octokit's errors say what went wrong in GitHub's or
 * Node's words ("Resource not accessible by integration", "fetch failed", an HTML page, a JSON
 * parse position); each one here says what failed, where, and what to do instead, with its own
 * reason-code. This is the one place that turns GitHub's answers into those failures:
 * `checkedRequest` (every adapter request goes through it) for failures that stop the driver
 * mid-release, `describeFailure` for everything that stops it before it starts.
 */
import { FatalPortError } from '../driver/ports.js';

/** A scope of the workflow's `permissions:` block, as it is written there. */
export type Permission = 'actions: write' | 'deployments: write' | 'checks: write' | 'contents: read';

const NEEDED_FOR: Record<Permission, string> = {
  'actions: write': 'dispatch and cancel the deploy and rollback workflows',
  'deployments: write': 'create the deployments and their statuses',
  'checks: write': 'create and update the check run that holds the release ledger',
  'contents: read': 'read the repository',
};

/**
 * The permission a route needs. GitHub's 403 does not say which one is missing; the route
 * does. The release needs write on actions, deployments and checks anyway (write includes
 * read), so a denied read of those names the write scope a person has to grant.
 */
export function permissionFor(route: string): Permission {
  const path = route.replace(/^[A-Z]+\s+/, '');
  if (/\/actions\//.test(path)) return 'actions: write';
  if (/\/deployments(\/|$|\?)/.test(path)) return 'deployments: write';
  if (/\/check-runs(\/|$|\?)/.test(path)) return 'checks: write';
  return 'contents: read';
}

/** The token lacks a permission the workflow did not grant. */
export class MissingPermissionError extends FatalPortError {
  override name = 'MissingPermissionError';
  readonly status = 403;
  constructor(
    readonly permission: Permission,
    readonly route: string,
  ) {
    super(
      'missing-permission',
      `the workflow's token lacks \`${permission}\`, which progressive-release needs to ${NEEDED_FOR[permission]} ` +
        `(GitHub answered 403 "Resource not accessible by integration" to ${route}): ` +
        `add \`${permission}\` to the \`permissions:\` block of the job that runs progressive-release (or of its workflow)`,
      { permission },
    );
  }
}

/** GitHub refused the token itself. */
export class BadCredentialsError extends FatalPortError {
  override name = 'BadCredentialsError';
  readonly status = 401;
  constructor(readonly baseUrl: string) {
    super(
      'bad-credentials',
      `GitHub at ${baseUrl} refused the token (401 Bad credentials): input 'token' is wrong, expired or revoked, or made for another GitHub host. ` +
        'Pass `${{ github.token }}` (the default) or a valid token for that host',
    );
  }
}

/** An answer that is not the API's (an HTML page from a proxy, GitHub's own error page). */
export class GitHubBadAnswerError extends Error {
  override name = 'GitHubBadAnswerError';
  readonly reasonCode = 'github-bad-answer';
  /** What a person can do about it. */
  readonly advice =
    'Check that GITHUB_API_URL is the API (https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server) and not a proxy or web page; ' +
    'if it is, GitHub may be having an outage (https://www.githubstatus.com): start the release again later';
  constructor(
    readonly httpStatus: number,
    readonly contentType: string,
    route: string,
    baseUrl: string,
  ) {
    // The page itself is never quoted: it is not GitHub's text, and may be large.
    super(`the answer to ${route} from ${baseUrl} is not an answer of the GitHub API (HTTP ${httpStatus}, ${contentType || 'no content type'})`);
  }
}

/** A ledger this version cannot read: damaged (`ledger-corrupt`) or written by another version. */
export class LedgerUnreadableError extends Error {
  override name = 'LedgerUnreadableError';
  constructor(
    readonly reasonCode: 'ledger-corrupt' | 'ledger-version-unsupported',
    message: string,
  ) {
    super(message);
  }
}

/** Where a ledger is, for the sentence that says it cannot be read. */
export interface LedgerPlace {
  releaseId: string;
  checkRunId: number;
  checkRunName: string;
  headSha: string;
}

/** The sentence for a ledger that cannot be read: what is wrong, which check run, what to do. */
export function ledgerUnreadable(place: LedgerPlace, reasonCode: 'ledger-corrupt' | 'ledger-version-unsupported', problem: string): LedgerUnreadableError {
  const where = `the ledger of release ${place.releaseId} (check run ${place.checkRunId} "${place.checkRunName}" on commit ${place.headSha.slice(0, 12)})`;
  const todo =
    reasonCode === 'ledger-version-unsupported'
      ? 'It was written by another version of progressive-release: run the version that wrote it (pin it in the workflow), or upgrade this one'
      : "Its output.text was edited or damaged: restore it from a copy, or check what the release deployed (its Deployments) and release under another 'version' or 'release' id";
  return new LedgerUnreadableError(reasonCode, `${where} cannot be read: ${problem}. Nothing was done. ${todo}`);
}

interface OctokitLikeError {
  status?: unknown;
  message?: unknown;
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  response?: { data?: unknown; headers?: Record<string, unknown> };
  request?: { method?: string; url?: string };
}

function headerOf(headers: Record<string, unknown> | undefined, name: string): string {
  const v = headers?.[name];
  return typeof v === 'string' ? v : '';
}

/** True when an answer's body is not JSON (a page, not the API). An empty answer (204) is fine. */
function isPage(contentType: string, data: unknown): boolean {
  if (contentType !== '' && !/json/i.test(contentType)) return true;
  return typeof data === 'string' && data.trim().startsWith('<');
}

type RequestFn = (route: string, params?: Record<string, unknown>) => Promise<{ status: number; data: unknown; headers: Record<string, unknown> }>;

/**
 * Wraps the request function: a 403 "Resource not accessible" becomes MissingPermissionError
 * naming the permission, a 401 BadCredentialsError, an answer that is a page
 * GitHubBadAnswerError (counted as transient, see client.ts: a write answered that way may
 * still have been applied). Other errors pass unchanged, so retries and lookups behave as before.
 */
export function checkedRequest(raw: RequestFn, baseUrl: string): RequestFn {
  return async (route, params) => {
    let res;
    try {
      res = await raw(route, params);
    } catch (err) {
      throw classifyHttp(err, route, baseUrl);
    }
    const type = headerOf(res.headers, 'content-type');
    if (isPage(type, res.data)) throw new GitHubBadAnswerError(res.status, type.split(';')[0] ?? type, route, baseUrl);
    return res;
  };
}

function classifyHttp(err: unknown, route: string, baseUrl: string): unknown {
  const e = err as OctokitLikeError | null;
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const message = typeof e?.message === 'string' ? e.message : '';
  if (status === 403 && /Resource not accessible by/i.test(message)) return new MissingPermissionError(permissionFor(route), route);
  if (status === 401) return new BadCredentialsError(baseUrl);
  if (status !== undefined && status >= 400) {
    const type = headerOf(e?.response?.headers, 'content-type');
    if (isPage(type, e?.response?.data)) {
      const bad = new GitHubBadAnswerError(status, type.split(';')[0] ?? type, route, baseUrl);
      // A 5xx page keeps its status (retries, doubts); a 4xx page is no answer of GitHub's, so a
      // caller that reads a 404 as "gone" must not read this one so.
      return status >= 500 ? Object.assign(bad, { status }) : bad;
    }
  }
  return err;
}

/** What kept a connection from being made, in words (undefined: not a connection failure). */
function connectionFailure(err: unknown): string | undefined {
  for (let e = err as OctokitLikeError | undefined, depth = 0; e && depth < 5; e = e.cause as OctokitLikeError | undefined, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'no answer in time';
    if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host name not found (${code})`;
    if (
      code === 'ECONNRESET' ||
      code === 'EPIPE' ||
      code.startsWith('UND_ERR_') ||
      code === 'EHOSTUNREACH' ||
      code === 'ENETUNREACH' ||
      code === 'CERT_HAS_EXPIRED' ||
      /^ERR_TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)
    )
      return `connection failed (${code})`;
  }
  return undefined;
}

export interface DescribedFailure {
  reasonCode: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * The failure that stopped the driver before or while opening the release, as a reason-code and
 * a sentence; undefined for an error this module does not know (an internal error). Looks
 * through `cause` (a guarded write wraps the error of its last attempt).
 */
export function describeFailure(err: unknown, baseUrl: string): DescribedFailure | undefined {
  for (let e = err, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    // Before the release was driven: nothing was dispatched, and the same release can start again.
    if (e instanceof FatalPortError)
      return { reasonCode: e.reasonCode, message: `${e.message}. Nothing was dispatched; start the release again once that is done`, details: e.details };
    if (e instanceof GitHubBadAnswerError) return { reasonCode: e.reasonCode, message: `${e.message}. Nothing was dispatched. ${e.advice}`, details: {} };
    if (e instanceof LedgerUnreadableError) return { reasonCode: e.reasonCode, message: e.message, details: {} };
    const o = e as OctokitLikeError;
    const status = typeof o.status === 'number' ? o.status : undefined;
    const where = o.request?.method && o.request.url ? `${o.request.method} ${o.request.url.replace(/\?.*$/, '')}` : `the API at ${baseUrl}`;
    const connection = connectionFailure(e);
    if (connection !== undefined && (status === undefined || status === 500) && o.response === undefined) {
      return {
        reasonCode: 'github-unreachable',
        message: `GitHub's API at ${baseUrl} could not be reached for ${where}: ${connection}. Nothing was dispatched. Check GITHUB_API_URL and the runner's network (proxy, firewall, DNS), then start the release again`,
        details: {},
      };
    }
    if (status !== undefined && status >= 500 && o.response !== undefined) {
      return {
        reasonCode: 'github-unreachable',
        message: `GitHub's API at ${baseUrl} answered ${status} to ${where}, also when asked again. Nothing was dispatched. GitHub may be having an outage (https://www.githubstatus.com): start the release again later`,
        details: {},
      };
    }
  }
  return undefined;
}
