/**
 * The shape a saved state must have before the engine trusts it. The state comes back from the
 * ledger's check-run text, which anyone with write access can edit: a field of the wrong type
 * (`runs: 5`) would otherwise surface deep in the engine as a JavaScript error ("r.runs is not
 * iterable"). Fields are checked, not their meaning against the plan; extra fields pass (a
 * ledger carries what older versions wrote). zod/mini, as the plan schema: cold start.
 */
import * as z from 'zod/mini';
import { MAX_DATE_MS, shownName } from './ledger-text.js';
import type { RegionPhase } from './state.js';

const REGION_PHASES = [
  'pending',
  'deploying',
  'baking',
  'awaiting-approval',
  'promoted',
  'failed',
  'rolling-back',
  'rolled-back',
  'skipped',
] as const satisfies readonly RegionPhase[];

/** Built on first use: modes that never read a ledger (plan, validate) do not pay for it at start. */
let built: ReturnType<typeof buildShape> | undefined;

function buildShape() {
  // Every number of a state is a count, an index or a time in epoch ms; times are printed as dates
  // (`toISOString` throws outside Date's range), so a number beyond it is refused as damage.
  const num = z.number().check(z.gte(-MAX_DATE_MS), z.lte(MAX_DATE_MS));
  const str = z.string();
  const opt = z.optional;

  const Run = z.looseObject({
    kind: z.enum(['deploy', 'rollback']),
    step: num,
    attempt: opt(num),
    correlationId: str,
    dispatchedAt: num,
    deadline: num,
    runId: opt(num),
    htmlUrl: opt(str),
    conclusion: opt(z.nullable(str)),
    done: z.boolean(),
  });

  const Gate = z.looseObject({
    measurements: num,
    successful: num,
    failed: num,
    inconclusive: num,
    errors: num,
    consecutiveErrors: num,
    target: num,
    status: z.enum(['measuring', 'passed', 'failed', 'inconclusive']),
    nextAt: num,
    awaiting: z.boolean(),
    // Counted and compared by the verdicts: a string here would count "4" + 1 = "41".
    noDataWaits: num,
    consecutiveNoData: opt(num),
    verdict: opt(z.looseObject({ reasonCode: str, reason: str })),
    measureWhileHeld: opt(z.literal(true)),
    passedEarly: opt(z.literal(true)),
  });

  const Region = z.looseObject({
    name: str,
    stage: num,
    phase: z.enum(REGION_PHASES),
    step: num,
    attempt: opt(num),
    touchedSeq: opt(num),
    runs: z.array(Run),
    deploymentId: opt(num),
    deploymentStatus: opt(z.looseObject({ state: str, step: num, description: str })),
    bake: opt(z.looseObject({ startedAt: num, endsAt: num, gates: z.record(str, Gate) })),
    failure: opt(z.looseObject({ reasonCode: str, reason: str, at: num })),
    approval: opt(z.looseObject({ requestedAt: num, deadline: num, reasonCode: str, reason: str })),
    rollbackDispatched: z.boolean(),
    rollbackFailed: z.boolean(),
    wakeAt: opt(num),
  });

  return z.looseObject({
    schemaVersion: num,
    releaseId: str,
    version: str,
    planName: str,
    status: z.enum(['pending', 'running', 'paused', 'stopping', 'finished']),
    now: num,
    stage: num,
    stages: z.array(
      z.looseObject({
        name: str,
        phase: z.enum(['pending', 'awaiting-approval', 'running', 'done', 'stopped']),
        cursor: num,
        failed: num,
        approvalRun: opt(
          z.looseObject({ correlationId: str, dispatchedAt: num, runId: opt(num), htmlUrl: opt(str), conclusion: opt(z.nullable(str)), done: z.boolean() }),
        ),
      }),
    ),
    regions: z.record(str, Region),
    active: z.record(str, z.literal(true)),
    counts: z.record(z.enum(REGION_PHASES), num),
    timers: z.array(z.tuple([num, str])),
    touchCount: num,
    stop: opt(z.looseObject({ reasonCode: str, reason: str, at: num, queue: z.array(str) })),
    // Read by the summary and the outcome as text (a number here was "reason.startsWith is not a function").
    outcome: opt(z.looseObject({ decision: z.enum(['promoted', 'rolled-back', 'paused', 'failed']), reasonCode: str, reason: str, at: num })),
    pause: opt(z.looseObject({ reasonCode: str, reason: str })),
    hold: opt(z.looseObject({ by: str, at: num, reason: str })),
    abortRequested: opt(z.looseObject({ by: str, at: num, reason: str })),
    planChanged: opt(z.looseObject({ reasonCode: z.enum(['plan-changed', 'state-plan-mismatch']), digest: str, reason: str, at: num })),
    commandRuns: opt(z.array(str)),
    // The release freeze (core/freeze.ts): a field of the wrong type is damage, as everywhere else.
    freeze: opt(
      z.looseObject({
        stage: num,
        phase: z.enum(['reading', 'held']),
        at: num,
        reasonCode: opt(str),
        reason: opt(str),
        budgetRemaining: opt(num),
        region: opt(str),
        retryAt: opt(num),
        retries: opt(num),
        heldSince: opt(num),
      }),
    ),
    freezeCleared: opt(z.array(num)),
    freezeOverrides: opt(
      z.array(z.looseObject({ by: str, at: num, stage: str, reasonCode: opt(str), budgetRemaining: opt(num), region: opt(str), readAt: opt(num) })),
    ),
    history: z.array(z.looseObject({ at: num, kind: str, reason: str, reasonCode: str })),
  });
}

/** A field of the saved state that does not have the shape the engine needs. */
export interface ShapeProblem {
  /** Dotted path, e.g. `regions.eu-west.runs`. */
  field: string;
  /** What was found and what was expected, in words. */
  problem: string;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  return `${typeof v} ${String(v)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** The first field of `value` that is not shaped as a saved state, or undefined when all are. */
export function stateShapeProblem(value: unknown): ShapeProblem | undefined {
  built ??= buildShape();
  const res = built.safeParse(value);
  if (res.success) return undefined;
  const issue = res.error.issues[0];
  if (!issue) return { field: '(state)', problem: 'is not a saved state' };
  // Keys come from the ledger (a region's name): a tampered one is quoted, cut and escaped.
  const field = issue.path.length > 0 ? issue.path.map((k) => (typeof k === 'number' ? String(k) : shownName(String(k)))).join('.') : '(state)';
  const found = describeValue(valueAt(value, issue.path));
  const expected =
    issue.code === 'invalid_type'
      ? `expected ${String((issue as { expected?: unknown }).expected)}`
      : issue.code === 'invalid_value'
        ? `expected one of ${((issue as { values?: unknown[] }).values ?? []).map((x) => JSON.stringify(x)).join(', ')}`
        : issue.code === 'invalid_key'
          ? 'has a key that is not allowed'
          : issue.code === 'too_big' || issue.code === 'too_small'
            ? 'expected a count or a time in epoch milliseconds'
            : 'has the wrong shape';
  return { field, problem: `is ${found}, ${expected}` };
}
