/**
 * The GitHub failures a person can act on (src/github/errors.ts): which permission a route
 * needs, how Octokit's errors are recognised (403 wording, 401, pages, connection failures
 * including a timeout, which the end-to-end tests cannot wait for), and that an error this
 * module does not know stays unknown (an internal error, not a guess).
 */
import { describe, expect, it } from 'vitest';
import { isTransient } from '../src/github/client.js';
import { BadCredentialsError, checkedRequest, describeFailure, GitHubBadAnswerError, MissingPermissionError, permissionFor } from '../src/github/errors.js';

const API = 'https://api.github.com';

/** An error shaped as Octokit's RequestError (status, request, response), without importing a package we do not declare. */
class RequestError extends Error {
  override name = 'HttpError';
  readonly request: unknown;
  readonly response: unknown;
  constructor(
    message: string,
    readonly status: number,
    opts: { request: unknown; response?: unknown },
  ) {
    super(message);
    this.request = opts.request;
    this.response = opts.response;
  }
}
const request = { method: 'GET' as const, url: `${API}/repos/acme/shop/commits/abc/check-runs?check_name=x`, headers: {} };

describe('permissionFor', () => {
  const table: Array<[string, string]> = [
    ['POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', 'actions: write'],
    ['POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', 'actions: write'],
    ['GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', 'actions: write'],
    ['POST /repos/{owner}/{repo}/deployments', 'deployments: write'],
    ['POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', 'deployments: write'],
    ['GET /repos/{owner}/{repo}/deployments', 'deployments: write'],
    ['POST /repos/{owner}/{repo}/check-runs', 'checks: write'],
    ['PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', 'checks: write'],
    ['GET /repos/{owner}/{repo}/commits/{ref}/check-runs', 'checks: write'],
    ['GET /repos/{owner}/{repo}/collaborators/{username}/permission', 'contents: read'],
  ];
  for (const [route, permission] of table) it(`${route} -> ${permission}`, () => expect(permissionFor(route)).toBe(permission));
});

function failing(err: unknown) {
  return checkedRequest(async () => {
    throw err;
  }, API);
}

describe('checkedRequest', () => {
  it("403 Resource not accessible by integration -> MissingPermissionError naming the route's permission (fatal, not transient)", async () => {
    const err = new RequestError('Resource not accessible by integration - https://docs.github.com/rest', 403, {
      request,
      response: { status: 403, url: request.url, headers: {}, data: { message: 'Resource not accessible by integration' } },
    });
    const got = await failing(err)('POST /repos/{owner}/{repo}/deployments').catch((e: unknown) => e);
    expect(got).toBeInstanceOf(MissingPermissionError);
    expect((got as MissingPermissionError).permission).toBe('deployments: write');
    expect((got as Error).message).toContain('permissions:');
    expect(isTransient(got)).toBe(false);
  });

  it('a 403 rate limit stays what it was (retried by the client, transient)', async () => {
    const err = new RequestError('API rate limit exceeded', 403, {
      request,
      response: { status: 403, url: request.url, headers: {}, data: { message: 'API rate limit exceeded' } },
    });
    const got = await failing(err)('GET /x').catch((e: unknown) => e);
    expect(got).toBe(err);
    expect(isTransient(got)).toBe(true);
  });

  it('401 -> BadCredentialsError', async () => {
    const err = new RequestError('Bad credentials', 401, {
      request,
      response: { status: 401, url: request.url, headers: {}, data: { message: 'Bad credentials' } },
    });
    expect(await failing(err)('GET /x').catch((e: unknown) => e)).toBeInstanceOf(BadCredentialsError);
  });

  it('a 200 page instead of JSON -> GitHubBadAnswerError, transient (a write answered so may have been applied)', async () => {
    const req = checkedRequest(async () => ({ status: 200, data: '<html>hello</html>', headers: { 'content-type': 'text/html; charset=utf-8' } }), API);
    const got = await req('POST /repos/{owner}/{repo}/check-runs').catch((e: unknown) => e);
    expect(got).toBeInstanceOf(GitHubBadAnswerError);
    expect((got as Error).message).not.toContain('<html');
    expect(isTransient(got)).toBe(true);
  });

  it('a 204 without a body passes', async () => {
    const req = checkedRequest(async () => ({ status: 204, data: '', headers: {} }), API);
    expect((await req('POST /x')).status).toBe(204);
  });
});

describe('describeFailure', () => {
  const network = (code: string | undefined, name = 'Error') => {
    const cause = Object.assign(new Error(`connect ${code ?? ''}`), { name, ...(code ? { code } : {}) });
    const fetchFailed = Object.assign(new TypeError('fetch failed'), { cause });
    const err = new RequestError(cause.message, 500, { request });
    err.cause = fetchFailed;
    return err;
  };
  const table: Array<[string, unknown, string, RegExp]> = [
    ['connection refused', network('ECONNREFUSED'), 'github-unreachable', /connection refused/],
    ['host not found', network('ENOTFOUND'), 'github-unreachable', /host name not found/],
    ['our request deadline (AbortSignal.timeout)', network(undefined, 'TimeoutError'), 'github-unreachable', /no answer in time/],
    [
      '5xx after the retries',
      new RequestError('Server Error', 503, { request, response: { status: 503, url: request.url, headers: {}, data: { message: 'Server Error' } } }),
      'github-unreachable',
      /answered 503/,
    ],
    [
      'a guarded write that wraps its last attempt',
      new Error('create check run failed after 4 attempts: x', { cause: network('ECONNRESET') }),
      'github-unreachable',
      /connection failed \(ECONNRESET\)/,
    ],
  ];
  for (const [name, err, code, says] of table) {
    it(`${name} -> ${code}`, () => {
      const d = describeFailure(err, API);
      expect(d?.reasonCode).toBe(code);
      expect(d?.message).toMatch(says);
      expect(d?.message).toContain(API);
    });
  }

  it('an error it does not know stays unknown (internal)', () => {
    expect(describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')"), API)).toBeUndefined();
    expect(
      describeFailure(new RequestError('Validation Failed', 422, { request, response: { status: 422, url: request.url, headers: {}, data: {} } }), API),
    ).toBeUndefined();
  });
});
