/**
 * The telemetry port (src/driver/telemetry.ts) and the request records the GitHub client hands
 * it (src/github/etag.ts): every request once, with its route template (no ids), status, 304 and
 * rate-limit remaining; a sink that throws is turned off with one warning and never reaches the driver.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, TEST_TIMING } from '../src/github/client.js';
import { installEtagCache } from '../src/github/etag.js';
import { fanOut, type GitHubRequestRecord, type TelemetrySink } from '../src/driver/telemetry.js';
import { GitHubFake } from './github-fake/server.js';

let fake: GitHubFake | undefined;
afterEach(async () => fake?.stop());

function recorder(calls: string[], name: string, throwOn?: string): TelemetrySink {
  const call = (what: string): void => {
    if (what === throwOn) throw new Error(`${name} broke on ${what}`);
    calls.push(`${name}:${what}`);
  };
  return {
    opened: () => call('opened'),
    transition: (h) => call(`transition:${h.kind}`),
    request: (r) => call(`request:${r.status}`),
    finished: () => call('finished'),
    flush: async () => {
      if (throwOn === 'flush') throw new Error(`${name} broke on flush`);
      calls.push(`${name}:flush`);
    },
  };
}

const entry = { at: 1, kind: 'stage-started' as const, reason: 'r', reasonCode: 'c' };
const request: GitHubRequestRecord = { method: 'GET', route: '/x', status: 200, startedAt: 0, durationMs: 1, notModified: false };

describe('fanOut', () => {
  it('tells every sink, in order; one that throws is off from then on with one warning, the others go on', async () => {
    const calls: string[] = [];
    const warnings: string[] = [];
    const sink = fanOut([recorder(calls, 'a'), recorder(calls, 'b', 'request:200'), recorder(calls, 'c')], (m, i) => warnings.push(`${i}:${m}`));
    sink.transition(entry, {} as never);
    // b's request throws: warned once, skipped afterwards (its transition too).
    sink.request(request);
    sink.request(request);
    sink.transition(entry, {} as never);
    await sink.flush(AbortSignal.timeout(1000));
    expect(calls).toEqual([
      'a:transition:stage-started',
      'b:transition:stage-started',
      'c:transition:stage-started',
      'a:request:200',
      'c:request:200',
      'a:request:200',
      'c:request:200',
      'a:transition:stage-started',
      'c:transition:stage-started',
      'a:flush',
      'b:flush',
      'c:flush',
    ]);
    expect(warnings).toEqual(['1:b broke on request:200']);
  });

  it('a flush that rejects warns and never rejects the whole', async () => {
    const calls: string[] = [];
    const warnings: string[] = [];
    const sink = fanOut([recorder(calls, 'a', 'flush'), recorder(calls, 'b')], (m) => warnings.push(m));
    await expect(sink.flush(AbortSignal.timeout(1000))).resolves.toBeUndefined();
    expect(calls).toEqual(['b:flush']);
    expect(warnings).toEqual(['a broke on flush']);
  });
});

describe('request records from the GitHub client', () => {
  it('one record per call: route template, status, 304 from the ETag cache, rate-limit remaining, errors too', async () => {
    fake = new GitHubFake({ workflows: { 'deploy.yml': { inputs: ['region'] } } });
    await fake.start();
    const octokit = createClient({ token: 'test-token', baseUrl: fake.url, timing: TEST_TIMING });
    const records: GitHubRequestRecord[] = [];
    const stats = installEtagCache(octokit, (r) => records.push(r));
    const route = '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
    const params = { owner: 'acme', repo: 'shop', workflow_id: 'deploy.yml' };
    await octokit.request(`GET ${route}`, params);
    await octokit.request(`GET ${route}`, params);
    await expect(octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner: 'acme', repo: 'shop', run_id: 999_999 })).rejects.toThrow();
    expect(records.map((r) => [r.method, r.route, r.status, r.notModified])).toEqual([
      ['GET', route, 200, false],
      ['GET', route, 304, true],
      ['GET', '/repos/{owner}/{repo}/actions/runs/{run_id}', 404, false],
    ]);
    // What GitHub counts, and what the records say, agree.
    expect(records.filter((r) => !r.notModified).length).toBe(stats.counted);
    expect(records.filter((r) => r.notModified).length).toBe(stats.notModified);
    expect(records[0]?.rateLimitRemaining).toBeTypeOf('number');
    for (const r of records) {
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
      expect(r.route).not.toMatch(/acme|shop|999/);
    }
    expect(fake.errors).toEqual([]);
  });
});
