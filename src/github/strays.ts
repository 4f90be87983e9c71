/**
 * Runs we may have made without knowing their ids: a dispatch whose answer was lost, or whose
 * run did not show up by its correlation id in time (run lists lag). Such a run would deploy
 * unwatched, perhaps after its region was rolled back. The port keeps looking for them, by
 * correlation id, for a while after the doubt; each one found that is not the run the release
 * tracks is handed to the core, which records it or cancels it (a late or second run).
 */
import { isoSeconds, type GhContext } from './request-context.js';
import { listDispatchedRuns, matchCorrelation, type ListedRun } from './dispatch.js';

/** How long a doubt is looked into: far longer than GitHub's list delay. */
export const DOUBT_WINDOW_MS = 30 * 60_000;

export interface StrayRun {
  correlationId: string;
  runId: number;
  htmlUrl?: string;
}

interface Doubt {
  workflow: string;
  since: number;
  until: number;
  /** Run ids already known for this correlation id (tracked, or reported once). */
  seen: Set<number>;
}

export class StrayWatch {
  private readonly doubts = new Map<string, Doubt>();

  /** A dispatch of `correlationId` (made at `at`) may have made a run we do not know. */
  doubt(correlationId: string, workflow: string, since: number, at: number): void {
    const d = this.doubts.get(correlationId);
    if (d) d.until = Math.max(d.until, at + DOUBT_WINDOW_MS);
    else this.doubts.set(correlationId, { workflow, since, until: at + DOUBT_WINDOW_MS, seen: new Set() });
  }

  /** The run the release tracks for `correlationId` (not a stray). */
  known(correlationId: string, runId: number): void {
    this.doubts.get(correlationId)?.seen.add(runId);
  }

  /** Correlation ids still in doubt (said when a driver stops with them open). */
  open(now: number): string[] {
    return [...this.doubts].filter(([, d]) => d.until > now).map(([id]) => id);
  }

  /**
   * Looks for runs of every live doubt; each run is reported once. One list per workflow (from
   * its earliest doubt), not one per doubt: doubts come in groups (a resume, an outage), all of
   * one workflow's runs list.
   */
  async find(ctx: GhContext): Promise<StrayRun[]> {
    const now = ctx.now();
    const earliest = new Map<string, number>();
    for (const [correlationId, d] of this.doubts) {
      if (d.until <= now) this.doubts.delete(correlationId);
      else earliest.set(d.workflow, Math.min(d.since, earliest.get(d.workflow) ?? d.since));
    }
    const lists = new Map<string, ListedRun[]>();
    for (const [workflow, since] of earliest) lists.set(workflow, await listDispatchedRuns(ctx, workflow, since));
    const out: StrayRun[] = [];
    for (const [correlationId, d] of this.doubts) {
      // What GitHub's `created>=` would have kept for this doubt's own list.
      const bound = Date.parse(isoSeconds(d.since));
      const mine = (lists.get(d.workflow) ?? []).filter((r) => !(Date.parse(r.created_at ?? '') < bound));
      for (const run of matchCorrelation(mine, correlationId)) {
        if (d.seen.has(run.runId)) continue;
        d.seen.add(run.runId);
        out.push({ correlationId, ...run });
      }
    }
    return out;
  }
}
