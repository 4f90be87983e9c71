/**
 * The release's log lines, one of the telemetry sinks (src/driver/telemetry.ts): every history
 * entry as it is appended, the lines the mode writes, warnings, and the end of the invocation.
 *
 * - `human` (the default): one sentence per line, folded in a `::group::` per stage
 *   (log-groups.ts); lines about runs carry the run's correlation id, group titles the release id.
 * - `json`: one JSON object per line (src/report/log-record.ts) for Loki or ELK, every line with
 *   the release id. No groups: they are lines a JSON reader would have to skip, and `stage` is in
 *   every record that has one.
 *
 * Warnings come in two kinds. Most say the release coped with something (a request that failed
 * and is retried, a record that could not be written): a `warning: ...` line (json: level
 * `warning`), never an annotation, so the run's annotations list only what a person can act on.
 * Those (`notice`, and a failed gate, pointed at its line in the plan) are `::warning::`
 * annotations; in json mode they are also a JSON line, so the log store has them with the release id.
 * Every plain line goes through the runner's log writer (guardLog): a JSON line starts with `{`,
 * and the text in it is escaped by JSON, so neither can start a runner command.
 */
import type { HistoryEntry, State } from '../core/state.js';
import type { InvocationContext, InvocationEnd, TelemetrySink } from '../driver/telemetry.js';
import type { Plan } from '../plan/types.js';
import { finishedRecord, historyRecord, jsonLine, messageRecord, type LogLevel, type LogRecord } from '../report/log-record.js';
import { oneLine } from '../report/untrusted.js';
import { endGroup, logLine, startGroup, warning, type AnnotationProperties } from './io.js';
import { StageGroups } from './log-groups.js';

export type LogFormat = 'human' | 'json';

/** Where the log's lines and commands go: the runner's stdout (RUNNER_LOG), or a test's capture. */
export interface LogOutput {
  /** A plain line (the writer guards it: it never starts a runner command). */
  line(text: string): void;
  startGroup(title: string): void;
  endGroup(): void;
  /** A warning annotation. */
  annotate(text: string, place: AnnotationProperties): void;
}

export const RUNNER_LOG: LogOutput = { line: logLine, startGroup, endGroup, annotate: warning };

export interface ReleaseLogOptions {
  format: LogFormat;
  /** The release id asked for (the opened release's id replaces it: src/modes/open-release.ts). */
  release: string;
  /** Default RUNNER_LOG; what is given replaces its part. */
  out?: Partial<LogOutput>;
  /** The time of a line that is not a history entry (default Date.now). */
  now?: () => number;
}

export interface ReleaseLog extends TelemetrySink {
  /** A line that is not a history entry (resuming, claims, hand-overs). */
  message(text: string): void;
  /** Something went wrong that the release copes with: a line, never an annotation. */
  warning(text: string): void;
  /** Something a person must act on: an annotation (at `place` when it points into the plan), and in json mode a line too. */
  notice(text: string, place?: AnnotationProperties): void;
}

/**
 * The annotation of a failed gate, on its line in the plan, titled as the ledger's check-run
 * annotation is (src/driver/ledger-write.ts); undefined: the plan has no position for the gate.
 */
function gateAnnotation(plan: Plan | undefined, entry: HistoryEntry): { text: string; place: AnnotationProperties } | undefined {
  const { gate } = entry;
  // The gate's name comes from the state (a ledger): only the plan's own gates are looked up.
  const pos = plan && gate !== undefined && Object.hasOwn(plan.gates, gate) ? plan.gates[gate]?.pos : undefined;
  if (!plan || !pos) return undefined;
  const where = `${entry.region ?? '?'}${entry.step !== undefined ? ` step ${entry.step + 1}` : ''}`;
  return {
    text: oneLine(entry.reason),
    place: { title: oneLine(`gate ${gate ?? ''} failed in ${where}`), file: plan.file, startLine: pos.line, startColumn: pos.col },
  };
}

export function createReleaseLog(opts: ReleaseLogOptions): ReleaseLog {
  const out: LogOutput = { ...RUNNER_LOG, ...opts.out };
  const now = opts.now ?? Date.now;
  const json = opts.format === 'json';
  let release = opts.release;
  let plan: Plan | undefined;
  const groups = new StageGroups(out, (stage) => `stage ${oneLine(stage)} (release ${release})`);
  // One annotation per gate and invocation: a gate failing in 150 regions is one thing to fix.
  const annotatedGates = new Set<string>();

  const write = (record: LogRecord): void => out.line(json ? jsonLine(record) : record.msg);
  const say = (text: string, level: LogLevel): void => write(messageRecord(text, now(), release, level));
  const notice = (text: string, place: AnnotationProperties = {}): void => {
    if (json) say(text, 'warning');
    out.annotate(oneLine(text), place);
  };

  const transition = (entry: HistoryEntry, state: State): void => {
    if (!json) groups.before(entry, state);
    write(historyRecord(entry, state));
    if (!json) groups.after(entry, state);
    if (entry.kind !== 'gate-failed' || entry.gate === undefined || annotatedGates.has(entry.gate)) return;
    const annotation = gateAnnotation(plan, entry);
    if (!annotation) return;
    annotatedGates.add(entry.gate);
    out.annotate(annotation.text, annotation.place);
  };

  return {
    message: (text) => say(text, 'info'),
    warning: (text) => say(text, 'warning'),
    notice,
    // A release loaded inside a stage reopens its group at the driver's first entry (release-resumed).
    opened: (ctx: InvocationContext) => {
      release = ctx.releaseId;
      plan = ctx.plan;
    },
    transition,
    request: () => undefined,
    finished: (end: InvocationEnd) => {
      groups.close();
      if (json) write(finishedRecord(end, release));
    },
    // The driver threw: the group it was in ends with it.
    flush: async () => groups.close(),
  };
}
