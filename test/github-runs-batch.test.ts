/**
 * Batched run polling against the HTTP fake: the runs in flight of one workflow are read with two
 * conditional list requests per tick, of completed runs and of runs waiting for Environment
 * reviewers (304s when nothing finished or stopped to wait); a run on neither is `unfinished`; a
 * run a full page may hide, or one this driver did not dispatch, or any run when a list fails, is
 * read with a GET of its own. The fake checks every request and answer against the OpenAPI extract.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, TEST_TIMING } from '../src/github/client.js';
import { installEtagCache } from '../src/github/etag.js';
import { createGitHubPort } from '../src/github/port.js';
import { readRuns } from '../src/driver/poll-runs.js';
import type { RunInfo, RunsPort } from '../src/driver/ports.js';
import { readRunsByWorkflow, readRunsOneByOne } from '../src/driver/read-runs.js';
import type { Plan } from '../src/plan/types.js';
import { GitHubFake, type FakeOptions } from './github-fake/server.js';

let fake: GitHubFake;

/** Runs move with this clock (queued 1 s, then in progress 5 s, then completed). */
let t = Date.parse('2026-11-23T10:00:00Z');
const now = () => t;
const timed = { script: () => ({ conclusion: 'success' as const, timed: { queuedMs: 1_000, inProgressMs: 5_000 } }), now };

async function setup(fo: FakeOptions = {}, now?: () => number) {
  fake = new GitHubFake({
    workflows: { 'deploy.yml': { inputs: ['region', 'correlation_id'], runName: 'deploy {{ region }} [{{ correlation_id }}]' } },
    script: () => ({ queuedPolls: 1, inProgressPolls: 2, conclusion: 'success' }),
    ...fo,
  });
  await fake.start();
  const logs: string[] = [];
  const makePort = () => {
    const octokit = createClient({ token: 'test-token', baseUrl: fake.url, timing: TEST_TIMING, log: (m) => logs.push(m) });
    const stats = installEtagCache(octokit);
    const port = createGitHubPort({
      octokit,
      owner: 'acme',
      repo: 'shop',
      headSha: 'a'.repeat(40),
      holder: '4242',
      sleep: async () => undefined,
      writeRetryDelaysMs: [0, 0, 0],
      findDelaysMs: [0, 0, 0],
      log: (m) => logs.push(m),
      ...(now ? { now } : {}),
    });
    return { port, stats };
  };
  return { ...makePort(), makePort, logs };
}

const dispatchAll = async (port: Pick<RunsPort, 'dispatch'>, regions: string[]): Promise<number[]> => {
  const ids: number[] = [];
  for (const region of regions) {
    ids.push(
      (
        await port.dispatch({
          workflow: 'deploy.yml',
          ref: 'main',
          inputs: { region },
          correlationId: `rel:${region}:deploy:0`,
          correlationInput: 'correlation_id',
        })
      ).runId,
    );
  }
  return ids;
};

const statuses = (answers: Map<number, RunInfo | Error>, ids: number[]): string[] =>
  ids.map((id) => {
    const a = answers.get(id);
    return a === undefined ? 'missing' : a instanceof Error ? `error: ${a.message}` : a.status;
  });

const sinceDispatch = (n: number) => fake.log.slice(n);
const lists = (entries: typeof fake.log) => entries.filter((e) => e.template.endsWith('/workflows/{workflow_id}/runs'));
const gets = (entries: typeof fake.log) => entries.filter((e) => e.template.endsWith('/runs/{run_id}'));

afterEach(async () => {
  await fake?.stop();
});

describe('batched run polling', () => {
  it('reads three runs with two conditional lists per tick (completed, waiting); a tick where nothing finished costs two 304s', async () => {
    const { port, stats } = await setup(timed, now);
    const ids = await dispatchAll(port, ['eu-west', 'us-east', 'ap-south']);
    const mark = fake.log.length;
    const seen: string[][] = [];
    // Ticks at 0, 2, 7 and 8 s after the dispatches.
    for (const step of [0, 2_000, 5_000, 1_000]) {
      t += step;
      seen.push(statuses(await port.getRuns('deploy.yml', ids), ids));
    }
    expect(seen).toEqual([
      ['unfinished', 'unfinished', 'unfinished'],
      ['unfinished', 'unfinished', 'unfinished'],
      ['completed', 'completed', 'completed'],
      ['completed', 'completed', 'completed'],
    ]);
    const after = sinceDispatch(mark);
    expect(gets(after)).toHaveLength(0);
    const byStatus = (st: string) =>
      lists(after)
        .filter((e) => e.query.status === st)
        .map((e) => e.status);
    // The completed page changes once (all three finished by the third tick); the waiting page never.
    expect(byStatus('completed')).toEqual([200, 304, 200, 304]);
    expect(byStatus('waiting')).toEqual([200, 304, 304, 304]);
    expect(stats.notModified).toBe(5);
    // One URL per status throughout (a new `created>=` bound would lose the ETag).
    expect(new Set(lists(after).map((e) => e.query.created)).size).toBe(1);
    expect(lists(after)[0]?.query).toMatchObject({ event: 'workflow_dispatch', per_page: '100' });
    expect(lists(after)[0]?.query.created).toMatch(/^>=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(fake.errors).toEqual([]);
  });

  it('a run held by Environment reviewers is read as waiting from the waiting list, then completed', async () => {
    const { port } = await setup({ script: () => ({ conclusion: 'success', timed: { queuedMs: 1_000, waitingMs: 10_000, inProgressMs: 5_000 } }), now }, now);
    const ids = await dispatchAll(port, ['eu-west']);
    t += 3_000;
    expect(statuses(await port.getRuns('deploy.yml', ids), ids)).toEqual(['waiting']);
    t += 10_000;
    expect(statuses(await port.getRuns('deploy.yml', ids), ids)).toEqual(['unfinished']);
    t += 5_000;
    expect(statuses(await port.getRuns('deploy.yml', ids), ids)).toEqual(['completed']);
    expect(fake.errors).toEqual([]);
  });

  it('a driver that did not dispatch the run (resume) reads it once on its own, then through the lists', async () => {
    const first = await setup(timed, now);
    const ids = await dispatchAll(first.port, ['eu-west']);
    const { port } = first.makePort();
    const mark = fake.log.length;
    expect(statuses(await port.getRuns('deploy.yml', ids), ids)).toEqual(['queued']);
    expect(gets(sinceDispatch(mark))).toHaveLength(1);
    expect(lists(sinceDispatch(mark))).toHaveLength(0);
    const mark2 = fake.log.length;
    t += 2_000;
    expect(statuses(await port.getRuns('deploy.yml', ids), ids)).toEqual(['unfinished']);
    expect(gets(sinceDispatch(mark2))).toHaveLength(0);
    expect(lists(sinceDispatch(mark2))).toHaveLength(2);
    expect(fake.errors).toEqual([]);
  });

  it.each([
    ['ahead of', 10],
    ['behind', -10],
  ])("a runner clock 10 minutes %s GitHub's still sees its runs finish (bounds in GitHub's time, from its date header)", async (_how, minutes) => {
    await setup(timed, now);
    // The dispatch is this port's first request: no earlier answer has told it GitHub's clock.
    const skewed = createGitHubPort({
      octokit: createClient({ token: 'test-token', baseUrl: fake.url, timing: TEST_TIMING }),
      owner: 'acme',
      repo: 'shop',
      headSha: 'a'.repeat(40),
      holder: '4242',
      now: () => t + (minutes as number) * 60_000,
    });
    const created = t;
    const ids = await dispatchAll(skewed, ['eu-west']);
    t += 60_000;
    expect(statuses(await skewed.getRuns('deploy.yml', ids), ids)).toEqual(['completed']);
    const bound = Date.parse(String(lists(fake.log).at(-1)?.query.created).slice(2));
    // Never after the run's creation less the 2 minutes of skew allowance (in GitHub's time),
    // which would hide it; a clock ahead is corrected by the dispatch's own answer.
    expect(bound).toBeLessThanOrEqual(created - 120_000);
    if ((minutes as number) > 0) expect(bound).toBeGreaterThanOrEqual(created - 120_000 - 2_000);
    expect(fake.errors).toEqual([]);
  });

  it('a run an earlier driver dispatched, found again on resume ten minutes later, is seen finishing (read on its own first)', async () => {
    const first = await setup(timed, now);
    // The first driver saved its state (the release's start), dispatched, and died before recording the run id.
    const startedAt = t;
    await first.port.saveLedger('rel', { state: { schemaVersion: 2, startedAt }, summary: 's', status: 'in_progress', annotations: [] });
    const [id] = await dispatchAll(first.port, ['eu-west']);
    // The next driver starts ten minutes later and resumes from the ledger.
    t += 10 * 60_000;
    const { port } = first.makePort();
    await port.loadLedger('rel');
    // Whoever reads the loaded state (src/modes/open-release.ts) tells the adapter when the release started.
    port.releaseStarted(startedAt);
    const again = await port.dispatch({
      workflow: 'deploy.yml',
      ref: 'main',
      inputs: { region: 'eu-west' },
      correlationId: 'rel:eu-west:deploy:0',
      correlationInput: 'correlation_id',
    });
    expect(again.runId).toBe(id);
    expect(fake.runs).toHaveLength(1);
    expect(statuses(await port.getRuns('deploy.yml', [id as number]), [id as number])).toEqual(['completed']);
    expect(fake.errors).toEqual([]);
  });

  it('a full page hides the oldest runs: those are read on their own', async () => {
    const { port } = await setup(timed, now);
    const ids = await dispatchAll(
      port,
      Array.from({ length: 101 }, (_, i) => `r${i}`),
    );
    t += 60_000;
    const mark = fake.log.length;
    const answers = await port.getRuns('deploy.yml', ids);
    expect(statuses(answers, ids).every((s) => s === 'completed')).toBe(true);
    const after = sinceDispatch(mark);
    expect(lists(after)).toHaveLength(2);
    // Newest first: the page of 100 completed runs leaves out the first run dispatched.
    expect(gets(after).map((e) => e.path)).toEqual([`/repos/acme/shop/actions/runs/${ids[0]}`]);
    expect(fake.errors).toEqual([]);
  });

  it('keeps the created>= bound (and its ETag) while it covers every run, and narrows it once the page is mostly old runs', async () => {
    t = Date.parse('2026-11-23T10:00:00Z');
    const { port } = await setup(timed, now);
    const old = await dispatchAll(
      port,
      Array.from({ length: 60 }, (_, i) => `old${i}`),
    );
    t += 3_600_000;
    const fresh = await dispatchAll(port, ['new-a', 'new-b']);
    const mark = fake.log.length;
    await port.getRuns('deploy.yml', [...old, ...fresh]);
    await port.getRuns('deploy.yml', fresh);
    await port.getRuns('deploy.yml', fresh);
    const bounds = lists(sinceDispatch(mark))
      .filter((e) => e.query.status === 'completed')
      .map((e) => e.query.created);
    // Two minutes of clock skew before the earliest run watched: the old runs' hour, then the new one's.
    expect(bounds).toEqual(['>=2026-11-23T09:58:00Z', '>=2026-11-23T09:58:00Z', '>=2026-11-23T10:58:00Z']);
    expect(gets(sinceDispatch(mark))).toHaveLength(0);
    expect(fake.errors).toEqual([]);
  });

  it('a list that keeps failing falls back to a GET per run; a run that cannot be read is an Error, not a status', async () => {
    const { port, logs } = await setup({
      faults: (c) =>
        c.template.endsWith('/workflows/{workflow_id}/runs')
          ? { kind: 'status', status: 502 }
          : c.path.endsWith('/runs/1')
            ? { kind: 'status', status: 503 }
            : undefined,
    });
    const ids = await dispatchAll(port, ['eu-west', 'us-east']);
    const answers = await port.getRuns('deploy.yml', [...ids, 1]);
    expect(statuses(answers, ids)).toEqual(['queued', 'queued']);
    expect(answers.get(1)).toBeInstanceOf(Error);
    expect(logs.some((l) => l.includes('list of deploy.yml runs failed'))).toBe(true);
    expect(fake.errors).toEqual([]);
  });
});

describe('the driver reading runs (readRuns)', () => {
  const plan = { deploy: { workflow: 'deploy.yml' }, rollback: { workflow: 'rollback.yml' } } as unknown as Plan;
  const info = (id: number): RunInfo => ({ id, status: 'completed', conclusion: 'success' });

  it('asks a batching port once per workflow and maps its errors to warnings', async () => {
    const calls: Array<[string, number[]]> = [];
    const port = {
      readRuns: readRunsByWorkflow(
        async (workflow: string, runIds: number[]) => {
          calls.push([workflow, runIds]);
          return new Map<number, RunInfo | Error>(runIds.map((id) => [id, id === 3 ? new Error('gone') : info(id)]));
        },
        async () => {
          throw new Error('not expected');
        },
      ),
    };
    const warnings: string[] = [];
    const runs = [
      { region: 'a', kind: 'deploy' as const, step: 0, runId: 1 },
      { region: 'b', kind: 'deploy' as const, step: 0, runId: 2 },
      { region: 'c', kind: 'rollback' as const, step: 0, runId: 3 },
    ];
    const out = await readRuns(port, plan, runs, (m) => warnings.push(m));
    expect(calls).toEqual([
      ['deploy.yml', [1, 2]],
      ['rollback.yml', [3]],
    ]);
    expect(out.map((o) => [o.run.runId, o.info?.status])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
      [3, undefined],
    ]);
    expect(warnings).toEqual(['could not read run 3: gone']);
  });

  it('reads run by run from a port without getRuns', async () => {
    const port = { readRuns: readRunsOneByOne(async (id: number) => info(id)) };
    const out = await readRuns(port, plan, [{ region: 'a', kind: 'deploy', step: 0, runId: 7 }], () => undefined);
    expect(out[0]?.info).toEqual(info(7));
  });
});
