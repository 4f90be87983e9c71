/**
 * Which spans a release's history makes, without the SDK: a pure reading of history entries into
 * finished spans, so it is tested without an exporter and the SDK module stays thin.
 *
 * A stage may start in one job and end in the third, so a release span (release, stage, region,
 * step, bake, gate, approval wait, rollback) is emitted once, when it ENDS, with its start taken
 * from the history entry that opened it (the release clock, `HistoryEntry.at`). A job rebuilds
 * what is open by replaying the history it loads from the ledger (`replay`), and every such span
 * has an id derived from the release id and its key (trace-ids.ts), so the children an earlier job
 * emitted already point at it. Measurements are instants, emitted as they happen.
 */
import type { Attributes } from '@opentelemetry/api';
import type { HistoryEntry, State } from '../core/state.js';
import { oneLine } from '../report/untrusted.js';

/** Reasons can carry a backend's text: attributes get one line of at most this many characters. */
export const REASON_MAX = 256;

export interface SpanSpec {
  name: string;
  /** Derived id's key (`stage:canary`); absent: the SDK draws a random id (nobody refers to the span). */
  key?: string;
  /** The parent's key: its id is derived, whether or not it was emitted yet. */
  parentKey: string | undefined;
  start: number;
  end: number;
  attributes: Attributes;
  /** Set: the span's status is ERROR with this reason code. */
  error?: string;
}

interface Open {
  key: string;
  name: string;
  parentKey: string | undefined;
  start: number;
  attributes: Attributes;
  /** The region it belongs to (closed with it), with the attempt. */
  region?: string;
}

const A = 'progressive_release.';

export function boundedReason(text: string): string {
  const line = oneLine(text);
  return line.length > REASON_MAX ? `${line.slice(0, REASON_MAX - 1)}…` : line;
}

function regionKey(state: State, region: string): string {
  return `region:${region}#${state.regions[region]?.attempt ?? 0}`;
}

function stageNameOf(state: State, region: string): string {
  const r = state.regions[region];
  return (r && state.stages[r.stage]?.name) ?? '';
}

const GATE_VERDICT: Partial<Record<HistoryEntry['kind'], string>> = { 'gate-passed': 'passed', 'gate-failed': 'failed', 'gate-inconclusive': 'inconclusive' };
/** The measurement's reason starts with the verdict's phase (core/gates.ts writes `${phase}: ...`). */
const MEASUREMENT_PHASE = /^(successful|failed|inconclusive|error|wait):/;

export class ReleaseSpans {
  private readonly open = new Map<string, Open>();
  private emitting = true;

  /** Rebuilds the spans still open from a loaded history; emits nothing (the jobs before emitted what ended). */
  replay(history: readonly HistoryEntry[], state: State): void {
    this.emitting = false;
    try {
      for (const h of history) this.apply(h, state);
    } finally {
      this.emitting = true;
    }
  }

  /** The spans this entry ends (and the measurement it is); `state` is the state after it. */
  apply(h: HistoryEntry, state: State): SpanSpec[] {
    const out: SpanSpec[] = [];
    const close = (key: string, extra: Attributes = {}, error?: string): void => {
      const o = this.open.get(key);
      if (!o) return;
      this.open.delete(key);
      if (!this.emitting) return;
      out.push({
        name: o.name,
        key: o.key,
        parentKey: o.parentKey,
        start: o.start,
        end: Math.max(o.start, h.at),
        attributes: { ...o.attributes, ...extra },
        ...(error !== undefined ? { error } : {}),
      });
    };
    const openSpan = (o: Open): void => {
      if (!this.open.has(o.key)) this.open.set(o.key, o);
    };
    const why: Attributes = { [`${A}reason_code`]: h.reasonCode, [`${A}reason`]: boundedReason(h.reason) };
    const region = h.region;
    const rk = region !== undefined ? regionKey(state, region) : undefined;
    const stepKey = (r: string, step: number): string => `step:${r}:${step}`;
    /** Closes what belongs to the region (gates, bake, step, waits, then the region itself when asked). */
    const closeRegion = (withRegion: boolean, error?: string): void => {
      if (rk === undefined) return;
      for (const o of [...this.open.values()].reverse()) if (o.region === rk && o.key !== rk) close(o.key, why, error);
      if (withRegion) close(rk, why, error);
    };
    const ensureRegion = (): void => {
      if (region === undefined || rk === undefined || this.open.has(rk)) return;
      const stage = h.stage ?? stageNameOf(state, region);
      openSpan({
        key: rk,
        name: `region ${region}`,
        parentKey: `stage:${stage}`,
        start: h.at,
        attributes: { [`${A}stage`]: stage, [`${A}region`]: region, [`${A}attempt`]: state.regions[region]?.attempt ?? 0 },
        region: rk,
      });
    };
    const step = h.step;
    const sk = rk !== undefined && step !== undefined ? stepKey(rk, step) : undefined;
    switch (h.kind) {
      case 'release-started':
        openSpan({
          key: 'release',
          name: 'release',
          parentKey: undefined,
          start: h.at,
          attributes: { [`${A}release.id`]: state.releaseId, [`${A}plan`]: state.planName, [`${A}version`]: state.version },
        });
        break;
      case 'release-finished': {
        const decision = state.outcome?.decision ?? 'unknown';
        const ending = { ...why, [`${A}outcome`]: decision };
        for (const o of [...this.open.values()].reverse()) if (o.key !== 'release') close(o.key, why, 'release-finished');
        close('release', ending, decision === 'promoted' ? undefined : h.reasonCode);
        break;
      }
      case 'stage-awaiting-approval':
        openSpan({
          key: `approval:stage:${h.stage ?? ''}`,
          name: `approval ${h.stage ?? ''}`,
          parentKey: 'release',
          start: h.at,
          attributes: { [`${A}stage`]: h.stage ?? '' },
        });
        break;
      case 'stage-approved':
        close(`approval:stage:${h.stage ?? ''}`, { ...why, ...(h.by !== undefined ? { [`${A}approval.by`]: boundedReason(h.by) } : {}) });
        break;
      case 'stage-started':
        close(`approval:stage:${h.stage ?? ''}`, why);
        openSpan({
          key: `stage:${h.stage ?? ''}`,
          name: `stage ${h.stage ?? ''}`,
          parentKey: 'release',
          start: h.at,
          attributes: { [`${A}stage`]: h.stage ?? '' },
        });
        break;
      case 'stage-completed':
        close(`stage:${h.stage ?? ''}`, { ...why, [`${A}regions.failed`]: h.numbers?.failed ?? 0, [`${A}failure_budget`]: h.numbers?.budget ?? 0 });
        break;
      case 'step-started':
        if (rk === undefined || sk === undefined || step === undefined) break;
        // A retried region starts its step again: what the last attempt left open ends here.
        closeRegion(false);
        ensureRegion();
        openSpan({
          key: sk,
          name: `step ${step + 1}`,
          parentKey: rk,
          start: h.at,
          attributes: { [`${A}region`]: region ?? '', [`${A}step`]: step + 1, [`${A}traffic`]: h.numbers?.traffic ?? 0 },
          region: rk,
        });
        break;
      case 'bake-started':
        if (rk === undefined || sk === undefined) break;
        openSpan({
          key: `bake:${sk}`,
          name: 'bake',
          parentKey: sk,
          start: h.at,
          attributes: { [`${A}region`]: region ?? '', [`${A}step`]: (step ?? 0) + 1, [`${A}traffic`]: h.numbers?.traffic ?? 0 },
          region: rk,
        });
        break;
      case 'measurement':
        if (rk === undefined || sk === undefined || h.gate === undefined) break;
        this.observe(this.openGate(rk, sk, h), h);
        if (this.emitting) out.push(measurementSpan(h, `gate:${sk}:${h.gate}`));
        break;
      case 'gate-passed':
      case 'gate-failed':
      case 'gate-inconclusive': {
        if (rk === undefined || sk === undefined || h.gate === undefined) break;
        this.openGate(rk, sk, h);
        const verdict = GATE_VERDICT[h.kind] ?? '';
        close(`gate:${sk}:${h.gate}`, { ...why, [`${A}gate.verdict`]: verdict, ...numbers(h) }, h.kind === 'gate-failed' ? h.reasonCode : undefined);
        break;
      }
      case 'step-passed':
        if (sk === undefined) break;
        for (const o of [...this.open.values()].reverse()) if (o.key.startsWith(`gate:${sk}:`)) close(o.key, { [`${A}gate.verdict`]: 'none' });
        close(`bake:${sk}`, why);
        close(sk, why);
        break;
      case 'region-awaiting-approval':
        if (rk === undefined) break;
        ensureRegion();
        openSpan({
          key: `approval:${rk}`,
          name: `approval ${region ?? ''}`,
          parentKey: rk,
          start: h.at,
          attributes: { [`${A}region`]: region ?? '' },
          region: rk,
        });
        break;
      case 'region-approved':
        if (rk !== undefined) close(`approval:${rk}`, { ...why, ...(h.by !== undefined ? { [`${A}approval.by`]: boundedReason(h.by) } : {}) });
        break;
      case 'region-promoted':
        closeRegion(true);
        break;
      case 'region-failed':
        closeRegion(true, h.reasonCode);
        break;
      case 'region-skipped':
        closeRegion(true, h.reasonCode === 'never-started' ? undefined : h.reasonCode);
        break;
      case 'rollback-dispatched':
        if (rk === undefined) break;
        // After the region's span ended: a child that outlives its parent, named by its derived id.
        openSpan({ key: `rollback:${rk}`, name: `rollback ${region ?? ''}`, parentKey: rk, start: h.at, attributes: { [`${A}region`]: region ?? '' } });
        break;
      case 'region-rolled-back':
        if (rk !== undefined) close(`rollback:${rk}`, why);
        break;
      case 'rollback-failed':
        if (rk !== undefined) close(`rollback:${rk}`, why, h.reasonCode);
        break;
      default:
        break;
    }
    return out;
  }

  /** A gate's span starts with its bake (the measurements before its verdict are inside it). */
  private openGate(rk: string, sk: string, h: HistoryEntry): Open {
    const key = `gate:${sk}:${h.gate ?? ''}`;
    const known = this.open.get(key);
    if (known) return known;
    const bake = this.open.get(`bake:${sk}`);
    const gate: Open = {
      key,
      name: `gate ${h.gate ?? ''}`,
      parentKey: `bake:${sk}`,
      start: Math.min(bake?.start ?? h.at, h.at),
      attributes: { [`${A}region`]: h.region ?? '', [`${A}step`]: (h.step ?? 0) + 1, [`${A}gate`]: h.gate ?? '' },
      region: rk,
    };
    this.open.set(key, gate);
    return gate;
  }

  /** The gate's span carries its limits and the range of values measured, a passing gate's numbers too. */
  private observe(gate: Open, h: HistoryEntry): void {
    const n = h.numbers ?? {};
    const a = gate.attributes;
    if (n.min !== undefined) a[`${A}gate.min`] = n.min;
    if (n.max !== undefined) a[`${A}gate.max`] = n.max;
    if (n.value === undefined) return;
    const lo = a[`${A}gate.observed_min`];
    const hi = a[`${A}gate.observed_max`];
    a[`${A}gate.observed_min`] = typeof lo === 'number' ? Math.min(lo, n.value) : n.value;
    a[`${A}gate.observed_max`] = typeof hi === 'number' ? Math.max(hi, n.value) : n.value;
  }

  /** Keys of the spans still open (what shows once the release goes on in a later job). */
  openKeys(): string[] {
    return [...this.open.keys()];
  }
}

function numbers(h: HistoryEntry): Attributes {
  const n = h.numbers ?? {};
  const out: Attributes = {};
  if (n.value !== undefined) out[`${A}gate.value`] = n.value;
  // A measurement's min and max are the gate's limits (core/verdict.ts), threshold the one it crossed.
  if (n.min !== undefined) out[`${A}gate.min`] = n.min;
  if (n.max !== undefined) out[`${A}gate.max`] = n.max;
  if (n.threshold !== undefined) out[`${A}gate.threshold`] = n.threshold;
  if (n.limit !== undefined) out[`${A}gate.limit`] = n.limit;
  if (n.samples !== undefined) out[`${A}gate.samples`] = n.samples;
  if (n.successful !== undefined) out[`${A}gate.successful`] = n.successful;
  if (n.failed !== undefined) out[`${A}gate.failed`] = n.failed;
  if (n.inconclusive !== undefined) out[`${A}gate.inconclusive`] = n.inconclusive;
  return out;
}

function measurementSpan(h: HistoryEntry, parentKey: string): SpanSpec {
  const phase = MEASUREMENT_PHASE.exec(h.reason)?.[1] ?? 'unknown';
  return {
    name: `measurement ${h.gate ?? ''}`,
    parentKey,
    start: h.at,
    end: h.at,
    attributes: {
      [`${A}region`]: h.region ?? '',
      [`${A}step`]: (h.step ?? 0) + 1,
      [`${A}gate`]: h.gate ?? '',
      [`${A}measurement.verdict`]: phase,
      [`${A}reason_code`]: h.reasonCode,
      [`${A}reason`]: boundedReason(h.reason),
      ...numbers(h),
    },
    ...(phase === 'failed' || phase === 'error' ? { error: h.reasonCode } : {}),
  };
}
