/**
 * Which history entry opens and which ends each span of a release (one handler per entry kind).
 * Keys name spans across jobs (their ids are derived from them, trace-ids.ts): `release`,
 * `stage:<stage>`, `region:<region>#<attempt>`, `step:<region key>:<step>`, `bake:<step key>`,
 * `gate:<step key>:<gate>`, `approval:stage:<stage>`, `approval:<region key>`, `rollback:<region key>`.
 * A region's attempt is the one the entry was written in (the accepted retries before it): a
 * retried region is a new span. Keys are hashed into ids, never sent; span names hold only the
 * plan's names (PlanNames), every string attribute is bounded to one line.
 */
import type { HistoryKind } from '../core/state.js';
import { A, bounded, freezeNumbers, gateNumbers, measurementPhase, observe, whyOf } from './trace-attributes.js';
import type { EntrySpans, OpenSpan } from './trace-open-spans.js';

type Handler = (c: EntrySpans) => void;

function regionKey(c: EntrySpans): string | undefined {
  const region = c.h.region;
  return region === undefined ? undefined : `region:${region}#${c.attempt(region)}`;
}

function stepKey(c: EntrySpans): string | undefined {
  const rk = regionKey(c);
  return rk === undefined || c.h.step === undefined ? undefined : `step:${rk}:${c.h.step}`;
}

function byOf(c: EntrySpans): Record<string, string> {
  return c.h.by !== undefined ? { [`${A}approval.by`]: bounded(c.h.by) } : {};
}

/** Ends what belongs to the region (gates, bake, step, its approval wait), then the region itself when asked. */
function endRegion(c: EntrySpans, withRegion: boolean, error?: string): void {
  const rk = regionKey(c);
  if (rk === undefined) return;
  for (const o of c.latestFirst()) if (o.region === rk && o.key !== rk) c.end(o.key, whyOf(c.h), error);
  if (withRegion) c.end(rk, whyOf(c.h), error);
}

/** The region's span opens with its attempt's first step. */
function startRegion(c: EntrySpans, rk: string, region: string): void {
  const r = Object.hasOwn(c.state.regions, region) ? c.state.regions[region] : undefined;
  const stage = c.h.stage ?? (r && c.state.stages[r.stage]?.name) ?? '';
  c.start({
    key: rk,
    name: c.names.region('region', region),
    parentKey: `stage:${stage}`,
    start: c.h.at,
    attributes: { [`${A}stage`]: bounded(stage), [`${A}region`]: bounded(region), [`${A}attempt`]: c.attempt(region) },
    region: rk,
  });
}

/** A gate's span starts with its bake: the measurements before its verdict are inside it. */
function startGate(c: EntrySpans, rk: string, sk: string): OpenSpan {
  const { h } = c;
  const bake = c.get(`bake:${sk}`);
  return c.start({
    key: `gate:${sk}:${h.gate ?? ''}`,
    name: c.names.gate('gate', h.gate ?? ''),
    parentKey: `bake:${sk}`,
    start: Math.min(bake?.start ?? h.at, h.at),
    attributes: { [`${A}region`]: bounded(h.region ?? ''), [`${A}step`]: (h.step ?? 0) + 1, [`${A}gate`]: bounded(h.gate ?? '') },
    region: rk,
  });
}

function stepAttributes(c: EntrySpans): Record<string, string | number> {
  return { [`${A}region`]: bounded(c.h.region ?? ''), [`${A}step`]: (c.h.step ?? 0) + 1, [`${A}traffic`]: c.h.numbers?.traffic ?? 0 };
}

function freezeRead(c: EntrySpans): void {
  const stage = c.h.stage ?? '';
  c.instant({
    name: c.names.stage('freeze', stage),
    parentKey: 'release',
    start: c.h.at,
    end: c.h.at,
    // The region is the one whose budget the read reports (the lowest, or the one that could not be read).
    attributes: {
      [`${A}stage`]: bounded(stage),
      ...(c.h.region !== undefined ? { [`${A}region`]: bounded(c.h.region) } : {}),
      ...whyOf(c.h),
      ...freezeNumbers(c.h),
    },
  });
}

const releaseHandlers: Partial<Record<HistoryKind, Handler>> = {
  'release-started': (c) =>
    void c.start({
      key: 'release',
      name: 'release',
      parentKey: undefined,
      start: c.h.at,
      attributes: { [`${A}release.id`]: bounded(c.state.releaseId), [`${A}plan`]: bounded(c.state.planName), [`${A}version`]: bounded(c.state.version) },
    }),
  'release-finished': (c) => {
    const decision = c.state.outcome?.decision ?? 'unknown';
    for (const o of c.latestFirst()) if (o.key !== 'release') c.end(o.key, whyOf(c.h), 'release-finished');
    c.end('release', { ...whyOf(c.h), [`${A}outcome`]: bounded(decision) }, decision === 'promoted' ? undefined : c.h.reasonCode);
  },
  'stage-awaiting-approval': (c) => {
    const stage = c.h.stage ?? '';
    c.start({
      key: `approval:stage:${stage}`,
      name: c.names.stage('approval', stage),
      parentKey: 'release',
      start: c.h.at,
      attributes: { [`${A}stage`]: bounded(stage) },
    });
  },
  // The freeze's read before a stage (core/freeze.ts): a moment, not a span that lasts (the hold is the release's pause).
  'release-frozen': (c) => freezeRead(c),
  'freeze-lifted': (c) => freezeRead(c),
  'freeze-override-read': (c) => freezeRead(c),
  'stage-approved': (c) => c.end(`approval:stage:${c.h.stage ?? ''}`, { ...whyOf(c.h), ...byOf(c) }),
  'stage-started': (c) => {
    const stage = c.h.stage ?? '';
    c.end(`approval:stage:${stage}`, whyOf(c.h));
    c.start({ key: `stage:${stage}`, name: c.names.stage('stage', stage), parentKey: 'release', start: c.h.at, attributes: { [`${A}stage`]: bounded(stage) } });
  },
  'stage-completed': (c) =>
    c.end(`stage:${c.h.stage ?? ''}`, { ...whyOf(c.h), [`${A}regions.failed`]: c.h.numbers?.failed ?? 0, [`${A}failure_budget`]: c.h.numbers?.budget ?? 0 }),
};

const stepHandlers: Partial<Record<HistoryKind, Handler>> = {
  'step-started': (c) => {
    const rk = regionKey(c);
    const sk = stepKey(c);
    if (rk === undefined || sk === undefined || c.h.region === undefined || c.h.step === undefined) return;
    // A retried region starts its step again: what the last attempt left open ends here.
    endRegion(c, false);
    startRegion(c, rk, c.h.region);
    c.start({ key: sk, name: `step ${c.h.step + 1}`, parentKey: rk, start: c.h.at, attributes: stepAttributes(c), region: rk });
  },
  'bake-started': (c) => {
    const rk = regionKey(c);
    const sk = stepKey(c);
    if (rk !== undefined && sk !== undefined)
      c.start({ key: `bake:${sk}`, name: 'bake', parentKey: sk, start: c.h.at, attributes: stepAttributes(c), region: rk });
  },
  'step-passed': (c) => {
    const sk = stepKey(c);
    if (sk === undefined) return;
    for (const o of c.latestFirst()) if (o.key.startsWith(`gate:${sk}:`)) c.end(o.key, { [`${A}gate.verdict`]: 'none' });
    c.end(`bake:${sk}`, whyOf(c.h));
    c.end(sk, whyOf(c.h));
  },
};

const GATE_VERDICT: Partial<Record<HistoryKind, string>> = { 'gate-passed': 'passed', 'gate-failed': 'failed', 'gate-inconclusive': 'inconclusive' };

const gateVerdict: Handler = (c) => {
  const rk = regionKey(c);
  const sk = stepKey(c);
  if (rk === undefined || sk === undefined || c.h.gate === undefined) return;
  const gate = startGate(c, rk, sk);
  c.end(
    gate.key,
    { ...whyOf(c.h), [`${A}gate.verdict`]: GATE_VERDICT[c.h.kind] ?? '', ...gateNumbers(c.h) },
    c.h.kind === 'gate-failed' ? c.h.reasonCode : undefined,
  );
};

const gateHandlers: Partial<Record<HistoryKind, Handler>> = {
  measurement: (c) => {
    const { h } = c;
    const rk = regionKey(c);
    const sk = stepKey(c);
    if (rk === undefined || sk === undefined || h.gate === undefined) return;
    const gate = startGate(c, rk, sk);
    observe(gate.attributes, h);
    const phase = measurementPhase(h);
    c.instant({
      name: c.names.gate('measurement', h.gate),
      parentKey: gate.key,
      start: h.at,
      end: h.at,
      attributes: {
        [`${A}region`]: bounded(h.region ?? ''),
        [`${A}step`]: (h.step ?? 0) + 1,
        [`${A}gate`]: bounded(h.gate),
        [`${A}measurement.verdict`]: phase,
        ...whyOf(h),
        ...gateNumbers(h),
      },
      ...(phase === 'failed' || phase === 'error' ? { error: h.reasonCode } : {}),
    });
  },
  'gate-passed': gateVerdict,
  'gate-failed': gateVerdict,
  'gate-inconclusive': gateVerdict,
};

const regionHandlers: Partial<Record<HistoryKind, Handler>> = {
  'region-awaiting-approval': (c) => {
    const rk = regionKey(c);
    if (rk === undefined || c.h.region === undefined) return;
    startRegion(c, rk, c.h.region);
    const region = c.h.region;
    c.start({
      key: `approval:${rk}`,
      name: c.names.region('approval', region),
      parentKey: rk,
      start: c.h.at,
      attributes: { [`${A}region`]: bounded(region) },
      region: rk,
    });
  },
  'region-approved': (c) => {
    const rk = regionKey(c);
    if (rk !== undefined) c.end(`approval:${rk}`, { ...whyOf(c.h), ...byOf(c) });
  },
  'region-promoted': (c) => endRegion(c, true),
  'region-failed': (c) => endRegion(c, true, c.h.reasonCode),
  'region-skipped': (c) => endRegion(c, true, c.h.reasonCode === 'never-started' ? undefined : c.h.reasonCode),
  'rollback-dispatched': (c) => {
    const rk = regionKey(c);
    // After the region's span ended: a child that outlives its parent, named by its derived id.
    if (rk !== undefined)
      c.start({
        key: `rollback:${rk}`,
        name: c.names.region('rollback', c.h.region ?? ''),
        parentKey: rk,
        start: c.h.at,
        attributes: { [`${A}region`]: bounded(c.h.region ?? '') },
      });
  },
  'region-rolled-back': (c) => {
    const rk = regionKey(c);
    if (rk !== undefined) c.end(`rollback:${rk}`, whyOf(c.h));
  },
  'rollback-failed': (c) => {
    const rk = regionKey(c);
    if (rk !== undefined) c.end(`rollback:${rk}`, whyOf(c.h), c.h.reasonCode);
  },
};

const commandHandlers: Partial<Record<HistoryKind, Handler>> = {
  // The only writer of a region's attempt is an accepted retry (core/retry.ts), and compaction keeps every command entry.
  command: (c) => {
    if (c.h.reasonCode === 'retry' && c.h.region !== undefined) c.retried(c.h.region);
  },
};

/** Entry kinds not here (runs dispatched and finished, other commands, pauses) change no span. */
export const HANDLERS: Partial<Record<HistoryKind, Handler>> = {
  ...releaseHandlers,
  ...stepHandlers,
  ...gateHandlers,
  ...regionHandlers,
  ...commandHandlers,
};
