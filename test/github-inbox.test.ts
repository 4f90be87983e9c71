/**
 * The inbox against the HTTP fake: the workflow_dispatch runs of the driving workflow created
 * since the release started (a minute of clock skew allowed), read with conditional, paged list
 * requests; a re-run shows as the same run with a higher attempt and its own triggering actor;
 * one run read on its own maps the same way. The fake checks every request and answer against
 * the OpenAPI extract.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, TEST_TIMING } from '../src/github/client.js';
import { installEtagCache } from '../src/github/etag.js';
import { toCommandRun, workflowPathOf } from '../src/github/inbox.js';
import { createGitHubPort, type GitHubPortOptions } from '../src/github/port.js';
import { commandTitle } from '../src/plan/ids.js';
import { GitHubFake, type FakeOptions } from './github-fake/server.js';

const START = Date.parse('2026-12-01T10:00:00Z');
let t = START;
let fake: GitHubFake;

async function setup(fo: FakeOptions = {}, po: { [K in keyof GitHubPortOptions]?: GitHubPortOptions[K] | undefined } = {}) {
  t = START;
  fake = new GitHubFake({
    workflows: { 'deploy.yml': { inputs: ['region'] }, 'release.yml': { inputs: ['command', 'release', 'stage', 'region', 'reason'] } },
    now: () => t,
    ...fo,
  });
  await fake.start();
  const logs: string[] = [];
  const octokit = createClient({ token: 'test-token', baseUrl: fake.url, timing: TEST_TIMING, log: (m) => logs.push(m) });
  const stats = installEtagCache(octokit);
  const port = createGitHubPort(
    withoutUndefined({
      octokit,
      owner: 'acme',
      repo: 'shop',
      headSha: 'a'.repeat(40),
      holder: '4242',
      now: () => t,
      sleep: async () => undefined,
      log: (m) => logs.push(m),
      inboxWorkflow: '.github/workflows/release.yml',
      ...po,
    }),
  );
  return { port, stats, logs };
}

const title = (command: string, reason?: string) => commandTitle({ command, releaseId: 'shop-1.4.2', ...(reason ? { reason } : {}) });
const lists = () => fake.log.filter((e) => e.template.endsWith('/workflows/{workflow_id}/runs'));

/** An option given as undefined is left out (exactOptionalPropertyTypes: absent, not undefined). */
function withoutUndefined(o: { [K in keyof GitHubPortOptions]?: GitHubPortOptions[K] | undefined }): GitHubPortOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as GitHubPortOptions;
}

afterEach(async () => {
  await fake?.stop();
});

describe('commandRuns', () => {
  it('lists the runs of the inbox workflow (every event) since the release started, oldest first, mapped', async () => {
    const { port } = await setup();
    const early = fake.addRun({ workflow: 'release.yml', actor: 'bob', title: title('pause'), createdAt: START - 30 * 60_000 });
    const withinSkew = fake.addRun({ workflow: 'release.yml', actor: 'bob', title: title('approve'), createdAt: START - 30_000 });
    const later = fake.addRun({
      workflow: 'release.yml',
      actor: 'carol',
      triggeringActor: 'dave',
      title: title('abort', 'db down'),
      createdAt: START + 60_000,
    });
    // A push run is listed too: the driver refuses it on the record (run-unverified), rather than never seeing it.
    const push = fake.addRun({ workflow: 'release.yml', event: 'push', actor: 'bob', title: title('abort'), createdAt: START + 60_000 });
    fake.addRun({ workflow: 'ci.yml', actor: 'bob', title: title('abort'), createdAt: START + 60_000 });

    // Before the release's start is known: every run of the workflow, no `created` bound.
    expect((await port.commandRuns()).map((r) => r.runId)).toEqual([early, withinSkew, later, push]);
    expect(lists().at(-1)?.query).toEqual({ per_page: '100', page: '1' });
    expect(lists().at(-1)?.path).toBe('/repos/acme/shop/actions/workflows/release.yml/runs');

    port.releaseStarted(START);
    const runs = await port.commandRuns();
    expect(lists().at(-1)?.query.created).toBe('>=2026-12-01T09:59:00Z');
    expect(runs.map((r) => r.runId)).toEqual([withinSkew, later, push]);
    expect(runs[1]).toEqual({
      runId: later,
      attempt: 1,
      event: 'workflow_dispatch',
      workflowPath: '.github/workflows/release.yml',
      title: 'progressive-release abort shop-1.4.2 stage= region= reason=db down',
      actor: 'carol',
      triggeringActor: 'dave',
      createdAt: START + 60_000,
      htmlUrl: `https://github.example.test/acme/shop/actions/runs/${later}`,
      conclusion: null,
    });
    expect(fake.errors).toEqual([]);
  });

  it('asking again while nothing changed is a 304, which the rate limit does not count', async () => {
    const { port, stats } = await setup();
    port.releaseStarted(START);
    fake.addRun({ workflow: 'release.yml', actor: 'bob', title: title('approve') });
    await port.commandRuns();
    const counted = fake.counts().counted;
    const again = await port.commandRuns();
    expect(again).toHaveLength(1);
    expect(lists().at(-1)).toMatchObject({ status: 304, counted: false });
    expect(fake.counts().counted).toBe(counted);
    expect(stats.notModified).toBe(1);
    // A new command changes the page: that answer counts, and carries the new run.
    fake.addRun({ workflow: 'release.yml', actor: 'bob', title: title('pause') });
    expect(await port.commandRuns()).toHaveLength(2);
    expect(lists().at(-1)).toMatchObject({ status: 200, counted: true });
    expect(fake.errors).toEqual([]);
  });

  it.each([
    { runs: 0, pages: 1 },
    { runs: 99, pages: 1 },
    { runs: 100, pages: 2 },
    { runs: 250, pages: 3 },
  ])('pages 100 at a time until a short page: $runs runs, $pages requests', async ({ runs, pages }) => {
    const { port } = await setup();
    port.releaseStarted(START);
    const ids = Array.from({ length: runs }, (_, i) =>
      fake.addRun({ workflow: 'release.yml', actor: 'bob', title: title('pause'), createdAt: START + i * 1000 }),
    );
    const got = await port.commandRuns();
    expect(got.map((r) => r.runId)).toEqual(ids);
    expect(lists().map((e) => e.query.page)).toEqual(Array.from({ length: pages }, (_, i) => String(i + 1)));
    expect(lists().every((e) => e.query.per_page === '100')).toBe(true);
    expect(fake.errors).toEqual([]);
  });

  it('shows a re-run as the same run with the next attempt and who re-ran it', async () => {
    const { port } = await setup();
    port.releaseStarted(START);
    const id = fake.addRun({ workflow: 'release.yml', actor: 'bob', title: title('approve'), status: 'completed', conclusion: 'failure' });
    expect((await port.commandRuns()).map((r) => [r.attempt, r.actor, r.triggeringActor])).toEqual([[1, 'bob', 'bob']]);
    t += 5 * 60_000;
    fake.rerun(id, 'mallory');
    const [run] = await port.commandRuns();
    expect(run).toMatchObject({ runId: id, attempt: 2, actor: 'bob', triggeringActor: 'mallory', createdAt: START });
    expect(lists().at(-1)?.counted).toBe(true);
    expect(fake.errors).toEqual([]);
  });

  it('a workflow GitHub does not know is an error, never an empty inbox', async () => {
    const { port } = await setup({}, { inboxWorkflow: '.github/workflows/gone.yml' });
    await expect(port.commandRuns()).rejects.toMatchObject({ status: 404 });
  });

  it('is empty without an inbox workflow (a local driver), and asks nothing', async () => {
    const { port } = await setup({}, { inboxWorkflow: undefined });
    fake.addRun({ workflow: 'release.yml', actor: 'bob', title: title('approve') });
    expect(await port.commandRuns()).toEqual([]);
    expect(fake.log).toEqual([]);
  });
});

describe('commandRun', () => {
  it('reads one run, mapped as the inbox maps it', async () => {
    const { port } = await setup();
    const id = fake.addRun({ workflow: 'release.yml', actor: 'bob', title: title('resume'), ref: 'release/1.4' });
    expect(await port.commandRun(id)).toEqual({
      runId: id,
      attempt: 1,
      event: 'workflow_dispatch',
      workflowPath: '.github/workflows/release.yml',
      title: title('resume'),
      actor: 'bob',
      triggeringActor: 'bob',
      createdAt: START,
      htmlUrl: `https://github.example.test/acme/shop/actions/runs/${id}`,
      conclusion: null,
    });
    await expect(port.commandRun(1)).rejects.toMatchObject({ status: 404 });
    expect(fake.errors).toEqual([]);
  });
});

describe('toCommandRun', () => {
  const raw = { id: 7, event: 'workflow_dispatch', path: '.github/workflows/release.yml@main', display_title: 't', created_at: '2026-12-01T10:00:00Z' };

  it.each([
    { name: 'no actors at all', d: { ...raw }, actor: '', triggeringActor: '' },
    { name: 'no triggering actor on a first attempt: the actor', d: { ...raw, run_attempt: 1, actor: { login: 'bob' } }, actor: 'bob', triggeringActor: 'bob' },
    { name: 'no triggering actor on a re-run: nobody known', d: { ...raw, run_attempt: 2, actor: { login: 'bob' } }, actor: 'bob', triggeringActor: '' },
    { name: 'a null actor', d: { ...raw, actor: null, triggering_actor: { login: 'eve' } }, actor: '', triggeringActor: 'eve' },
  ])('a login GitHub does not name stays empty: $name', ({ d, actor, triggeringActor }) => {
    expect(toCommandRun(d)).toMatchObject({ actor, triggeringActor });
  });

  it.each([
    ['.github/workflows/release.yml@refs/heads/main', '.github/workflows/release.yml'],
    ['.github/workflows/release.yaml@v2', '.github/workflows/release.yaml'],
    ['.github/workflows/release.yml', '.github/workflows/release.yml'],
    ['dynamic/pages/pages-build-deployment', 'dynamic/pages/pages-build-deployment'],
  ])('workflowPathOf(%s) = %s', (path, expected) => {
    expect(workflowPathOf(path)).toBe(expected);
  });
});
