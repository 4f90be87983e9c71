/**
 * The one history entry a person's command or approval leaves: kind `command` when it took
 * effect (reasonCode: the command's name, or `plan-adopted`), kind `command-refused` when it
 * changed nothing (reasonCode: why, a stable code). Every concern that judges a command writes
 * through here, so the entry always names who (and who re-ran the run), what was asked, on which
 * stage or region, the person's own words, and the run it came in (`numbers.runId`).
 *
 * The person's words and names come from a run title anyone who may dispatch the workflow writes:
 * they are kept to one line and a bounded length here, and quoted; Markdown and log writers
 * still neutralise them (src/report/untrusted.ts), as any reason.
 */
import { log, type Ctx } from './decide-context.js';
import type { CommandName, Event } from './events.js';
import { MAX_DATE_MS, shownName } from './ledger-text.js';
import type { HistoryEntry } from './state.js';

export type PersonEvent = Extract<Event, { type: 'command' | 'approval' }>;

/** The stage or region a command named or resolved to: names of the plan only (a name nobody knows stays out of the fields). */
export interface Target {
  stage?: string;
  region?: string;
}

/** What a person event asks for: an approval is an approve or a reject. */
export function commandOf(ev: PersonEvent): CommandName {
  return ev.type === 'approval' ? ev.decision : ev.name;
}

/** A GitHub login (bots end in `[bot]`): shown as it is; anything else quoted and cut. */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\[bot\])?$/;

export function login(by: string): string {
  return LOGIN.test(by) ? by : shownName(by);
}

/** Who gave the command: `bob`, or `bob (re-run by carol)` when someone else re-ran the run. */
export function who(ev: PersonEvent): string {
  const again = ev.origin?.triggeredBy;
  return again !== undefined && again !== ev.by ? `${login(ev.by)} (re-run by ${login(again)})` : login(ev.by);
}

const PERSON_TEXT_MAX = 200;
/** Line breaks, C0/C1 controls and the bidi controls that would reorder the text around them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** A person's own words as one line of at most PERSON_TEXT_MAX characters (unquoted: for a hold's reason). */
export function personLine(text: string): string {
  const line = text.replace(UNPRINTABLE, ' ').trim();
  return line.length > PERSON_TEXT_MAX ? `${line.slice(0, PERSON_TEXT_MAX)}...` : line;
}

/** The person's reason (an approval's comment), quoted, as ` (reason: "...")`; empty without one. */
export function because(ev: PersonEvent): string {
  const text = ev.type === 'command' ? ev.reason : ev.comment;
  const line = text !== undefined ? personLine(text) : '';
  return line !== '' ? ` (reason: ${JSON.stringify(line)})` : '';
}

/** A plan digest (or its leading hex digits) a person gave: shown as it is when it is one, else quoted. */
export function digestText(digest: string): string {
  return /^(sha256:)?[0-9a-f]{1,64}$/.test(digest) ? digest : shownName(digest);
}

/** What was asked, in words: `approve stage main`, `retry region eu-west`, `abort the release`. */
function asked(ev: PersonEvent, target: Target): string {
  const name = commandOf(ev);
  const region = target.region ?? (ev.region !== undefined ? shownName(ev.region) : undefined);
  const stage = target.stage ?? (ev.stage !== undefined ? shownName(ev.stage) : undefined);
  const on = region !== undefined ? ` region ${region}` : stage !== undefined ? ` stage ${stage}` : '';
  switch (name) {
    case 'abort':
    case 'pause':
    case 'resume':
      return `${name} the release`;
    case 'rollback':
      return 'roll back the release';
    case 'adopt-plan':
      return ev.type === 'command' && ev.digest !== undefined ? `adopt plan ${digestText(ev.digest)}` : 'adopt the changed plan';
    case 'promote':
      return 'promote (approve everything that waits for a person)';
    default:
      return `${name}${on}`;
  }
}

function entry(ev: PersonEvent, kind: 'command' | 'command-refused', reasonCode: string, reason: string, target: Target): Omit<HistoryEntry, 'at'> {
  return {
    kind,
    by: ev.by,
    ...(target.stage !== undefined ? { stage: target.stage } : {}),
    ...(target.region !== undefined ? { region: target.region } : {}),
    reasonCode,
    reason,
    ...(ev.origin !== undefined ? { numbers: { runId: ev.origin.runId } } : {}),
  };
}

/** The command took effect: `done` says what came of it, after who (`approved stage main`). */
export function accepted(ctx: Ctx, ev: PersonEvent, reasonCode: string, done: string, target: Target = {}): void {
  log(ctx, entry(ev, 'command', reasonCode, `${who(ev)} ${done}${because(ev)}`, target));
}

/** The command changed nothing: `why` says why, in a sentence that names what waits instead when something does. */
export function refused(ctx: Ctx, ev: PersonEvent, reasonCode: string, why: string, target: Target = {}): void {
  log(ctx, entry(ev, 'command-refused', reasonCode, `${who(ev)} asked to ${asked(ev, target)}${because(ev)}; refused: ${why}`, target));
}

/** A time of the state, as people read it in a reason. */
export function when(at: number): string {
  return Number.isFinite(at) && Math.abs(at) <= MAX_DATE_MS ? new Date(at).toISOString() : String(at);
}
