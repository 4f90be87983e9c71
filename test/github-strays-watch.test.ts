/** StrayWatch (src/github/strays.ts) at its edge: which list requests it makes and what it reports. */
import { describe, expect, it } from 'vitest';
import type { GhContext } from '../src/github/request-context.js';
import { StrayWatch } from '../src/github/strays.js';

const T = Date.parse('2026-11-24T10:00:00Z');

function ctxWith(runs: Array<{ id: number; display_title: string; created_at: string }>, calls: Array<Record<string, unknown>>): GhContext {
  return {
    request: async (_route, params) => {
      calls.push(params ?? {});
      return {
        status: 200,
        headers: {},
        data: { total_count: runs.length, workflow_runs: runs.map((r) => ({ ...r, html_url: `https://github.example.test/runs/${r.id}` })) },
      };
    },
    owner: 'acme',
    repo: 'shop',
    now: () => T + 60_000,
    serverNow: () => T + 60_000,
    sleep: async () => undefined,
    writeRetryDelaysMs: [],
    findDelaysMs: [],
    log: () => undefined,
  };
}

describe('StrayWatch', () => {
  it('looks into several doubts of one workflow with one list, reports each run once, and not the tracked one', async () => {
    const calls: Array<Record<string, unknown>> = [];
    const ctx = ctxWith(
      [
        { id: 1, display_title: 'deploy eu-west [rel:eu-west:deploy:0]', created_at: '2026-11-24T10:00:05Z' },
        { id: 2, display_title: 'deploy us-east [rel:us-east:deploy:0]', created_at: '2026-11-24T10:00:06Z' },
        { id: 3, display_title: 'deploy us-east [rel:us-east:deploy:0]', created_at: '2026-11-24T10:00:07Z' },
      ],
      calls,
    );
    const watch = new StrayWatch();
    watch.doubt('rel:eu-west:deploy:0', 'deploy.yml', T - 120_000, T);
    watch.doubt('rel:us-east:deploy:0', 'deploy.yml', T - 60_000, T);
    watch.known('rel:us-east:deploy:0', 3);
    const found = await watch.find(ctx);
    expect(found.map((f) => [f.correlationId, f.runId])).toEqual([
      ['rel:eu-west:deploy:0', 1],
      ['rel:us-east:deploy:0', 2],
    ]);
    // One list for the workflow, from its earliest doubt.
    expect(calls).toEqual([expect.objectContaining({ workflow_id: 'deploy.yml', created: '>=2026-11-24T09:58:00Z', page: 1 })]);
    // Reported once.
    expect(await watch.find(ctx)).toEqual([]);
    expect(watch.open(T + 60_000)).toEqual(['rel:eu-west:deploy:0', 'rel:us-east:deploy:0']);
  });

  it("a run created before its own doubt's bound is not reported for it, and expired doubts are dropped", async () => {
    const calls: Array<Record<string, unknown>> = [];
    const ctx = ctxWith([{ id: 7, display_title: 'deploy eu-west [rel:eu-west:deploy:1]', created_at: '2026-11-24T09:50:00Z' }], calls);
    const watch = new StrayWatch();
    watch.doubt('rel:eu-west:deploy:1', 'deploy.yml', T - 60_000, T);
    watch.doubt('rel:old:deploy:0', 'deploy.yml', T - 3_600_000, T - 3_600_000); // its 30 min window is over
    expect(await watch.find(ctx)).toEqual([]);
    expect(watch.open(T + 60_000)).toEqual(['rel:eu-west:deploy:1']);
    expect(calls).toHaveLength(1);
  });
});
