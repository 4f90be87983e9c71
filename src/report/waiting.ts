/**
 * What a person reads while a release waits for one: what waits (a stage's approval, a region
 * held by a gate, a pause, a changed plan), until when, and exactly how to go on (the command
 * lines with the real release id, and the route through the Actions tab). Pure functions of the
 * state and the plan.
 *
 * Commands are runs of the release workflow (its `command`, `release`, `stage`, `region` inputs),
 * so a command line is built only from validated words: a name that does not fit its pattern (a
 * ledger anyone with write access can edit) becomes a placeholder, never text in the line.
 * Everything else from outside (logins, reasons) goes through the neutralisers of untrusted.ts.
 */
import { freezePause } from '../core/freeze.js';
import type { RegionState, State } from '../core/state.js';
import { isReleaseId } from '../plan/ids.js';
import { shortDigest } from '../plan/pin.js';
import { NAME_PATTERN, REGION_PATTERN } from '../plan/schema.js';
import type { Plan } from '../plan/types.js';
import { truncate } from './text.js';
import { markdownCode, markdownText, oneLine, safeLinkTarget } from './untrusted.js';
import { deadlineText, utcMinute } from './when.js';

/** How people give commands to this release: the entry layer knows the workflow and the repository. */
export interface PeopleOptions {
  /** The release workflow's file name (default `release.yml`): a command is a run of it. */
  workflowFile: string;
  /** Its page (`https://github.com/<o>/<r>/actions/workflows/<file>`), where "Run workflow" is. */
  workflowUrl?: string;
  /** The page of a workflow run: the run a command came in. */
  runUrl?: (runId: number) => string;
}

export const DEFAULT_PEOPLE: PeopleOptions = { workflowFile: 'release.yml' };

/** One thing that waits for a person; names are as the state holds them (not yet checked). */
export type Wait =
  | { kind: 'plan'; reasonCode: 'plan-changed' | 'state-plan-mismatch'; digest: string; reason: string; since: number }
  | { kind: 'stage'; stage: string; since: number; deadline: number }
  | { kind: 'region'; region: string; stage?: string; step: number; gates: string[]; reason: string; since: number; deadline: number }
  | { kind: 'hold'; by: string; reason: string; since: number }
  /** The release freeze holds a stage (core/freeze.ts): its error budget is below the floor, or unread. */
  | { kind: 'freeze'; stage: string; reasonCode: string; reason: string; since: number }
  | { kind: 'paused'; reason: string };

/** At most this many held regions are listed one by one; the rest are counted. */
const REGIONS_LISTED = 5;
/** A person's reason or a gate's verdict, cut for a line that must stay one glance long. */
const REASON_CHARS = 300;

/** Held regions (in start order: `active` is kept so), looked up in the active set, not across every region. */
function heldRegions(state: State): RegionState[] {
  const held: RegionState[] = [];
  for (const name of Object.keys(state.active)) {
    const r = state.regions[name];
    if (r?.phase === 'awaiting-approval') held.push(r);
  }
  return held;
}

function regionWait(state: State, r: RegionState): Wait {
  const gates = Object.entries(r.bake?.gates ?? {})
    .filter(([, c]) => c.status === 'inconclusive')
    .map(([g]) => g);
  const stage = state.stages[r.stage]?.name;
  return {
    kind: 'region',
    region: r.name,
    ...(stage !== undefined ? { stage } : {}),
    step: r.step,
    gates,
    reason: r.approval?.reason ?? 'held',
    since: r.approval?.requestedAt ?? state.now,
    deadline: r.approval?.deadline ?? state.now,
  };
}

/** Everything that waits for a person now, the plan first (it holds everything else); empty when nothing does. */
export function whatWaits(state: State): Wait[] {
  if (state.status === 'finished' || state.status === 'pending') return [];
  const waits: Wait[] = [];
  const pc = state.planChanged;
  if (pc) waits.push({ kind: 'plan', reasonCode: pc.reasonCode, digest: pc.digest, reason: pc.reason, since: pc.at });
  // A stopping release takes no approval (the core refuses it): only its plan can hold it for a person.
  if (state.stop) return waits;
  const fr = state.freeze;
  const frozen = freezePause(state);
  const stage = fr ? state.stages[fr.stage]?.name : undefined;
  if (fr && frozen && stage !== undefined) waits.push({ kind: 'freeze', stage, ...frozen, since: fr.heldSince ?? fr.at });
  const st = state.stages[state.stage];
  if (st?.phase === 'awaiting-approval')
    waits.push({ kind: 'stage', stage: st.name, since: st.approval?.requestedAt ?? state.now, deadline: st.approval?.deadline ?? state.now });
  for (const r of heldRegions(state)) waits.push(regionWait(state, r));
  if (state.hold) waits.push({ kind: 'hold', by: state.hold.by, reason: state.hold.reason, since: state.hold.at });
  if (waits.length === 0 && state.status === 'paused') waits.push({ kind: 'paused', reason: state.pause?.reason ?? 'waiting for a person' });
  return waits;
}

/** Text from outside, made safe for where it lands: Markdown or one log line. */
interface Writer {
  text: (s: string) => string;
  name: (s: string) => string;
}
const MARKDOWN: Writer = { text: markdownText, name: markdownCode };
const PLAIN: Writer = { text: oneLine, name: oneLine };

function reasonOf(w: Writer, reason: string): string {
  return w.text(truncate(reason, REASON_CHARS));
}

/** One sentence per wait: what, since when, until when and what happens then. */
export function describeWait(wait: Wait, now: number, w: Writer = MARKDOWN): string {
  switch (wait.kind) {
    case 'plan':
      // The reason says what changed and what would lift the hold (core/plan-pin.ts).
      return `The release is held for its plan since ${utcMinute(wait.since)}: ${reasonOf(w, wait.reason)}`;
    case 'stage':
      return `Stage ${w.name(wait.stage)} waits for an approval since ${utcMinute(wait.since)}, ${deadlineText(wait.deadline, now)}; then the release stops (approval-timeout).`;
    case 'region': {
      const gates = wait.gates.length ? ` by gate ${wait.gates.map(w.name).join(', ')}` : '';
      const where = wait.stage !== undefined ? ` (stage ${w.name(wait.stage)}, step ${wait.step + 1})` : '';
      return `Region ${w.name(wait.region)}${where} is held${gates} since ${utcMinute(wait.since)}: ${reasonOf(w, wait.reason)}; ${deadlineText(wait.deadline, now)}, then the region fails (approval-timeout).`;
    }
    case 'hold':
      return `Paused by ${w.text(wait.by)} since ${utcMinute(wait.since)}: ${reasonOf(w, wait.reason)}; no new step or region starts until resume.`;
    case 'paused':
      return `The release is paused: ${reasonOf(w, wait.reason)}`;
    case 'freeze':
      return `Stage ${w.name(wait.stage)} is held by the release freeze (${w.text(wait.reasonCode)}) since ${utcMinute(wait.since)}: ${reasonOf(w, wait.reason)}.`;
  }
}

/** A command as the release workflow takes it: `command`, and the stage or region it is for. */
export interface CommandLine {
  command: string;
  stage?: string;
  region?: string;
}

const STAGE_NAME = new RegExp(NAME_PATTERN);
const REGION_NAME = new RegExp(REGION_PATTERN);
const WORKFLOW_FILE = /^[A-Za-z0-9._-]{1,100}\.ya?ml$/;
const DIGEST = /^(sha256:)?[0-9a-f]{64}$/;

/** The commands that go on from these waits, the way forward first; abort always last. */
export function commandsFor(waits: readonly Wait[]): CommandLine[] {
  const out: CommandLine[] = [];
  const held = waits.filter((x) => x.kind === 'region');
  for (const wait of waits) {
    if (wait.kind === 'plan' && wait.reasonCode === 'plan-changed')
      out.push({ command: DIGEST.test(wait.digest) ? `adopt-plan:${shortDigest(wait.digest)}` : 'adopt-plan' });
    else if (wait.kind === 'stage') out.push({ command: 'approve', stage: wait.stage }, { command: 'reject', stage: wait.stage });
    else if (wait.kind === 'hold') out.push({ command: 'resume' });
    else if (wait.kind === 'freeze') out.push({ command: 'override-freeze' });
  }
  // One region's lines stand for the others ("the same with -f region=..."); promote approves them all.
  const first = held[0];
  if (first?.kind === 'region') out.push({ command: 'approve', region: first.region }, { command: 'reject', region: first.region });
  if (held.length > 1) out.push({ command: 'promote' });
  out.push({ command: 'abort' });
  return out;
}

/** `-f stage=europe`, or a placeholder when the name cannot be a stage's (it never reaches the line). */
function arg(field: 'stage' | 'region', value: string | undefined): string {
  if (value === undefined) return '';
  const ok = field === 'stage' ? STAGE_NAME.test(value) : REGION_NAME.test(value);
  return ` -f ${field}=${ok ? value : `<${field}>`}`;
}

/** `gh workflow run release.yml -f command=approve -f release=<id> -f stage=<stage>`, from validated words only. */
export function ghCommand(people: PeopleOptions, releaseId: string, c: CommandLine): string {
  const file = WORKFLOW_FILE.test(people.workflowFile) ? people.workflowFile : '<release workflow>';
  const release = isReleaseId(releaseId) ? releaseId : '<release id>';
  return `gh workflow run ${file} -f command=${c.command} -f release=${release}${arg('stage', c.stage)}${arg('region', c.region)}`;
}

/** The same command through the browser: the workflow's form fields, in the order the form shows them. */
function route(people: PeopleOptions, releaseId: string, c: CommandLine, markdown: boolean): string {
  const file = WORKFLOW_FILE.test(people.workflowFile) ? people.workflowFile : 'the release workflow';
  const href = markdown ? safeLinkTarget(people.workflowUrl) : undefined;
  const workflow = href ? `[${file}](${href})` : file;
  const fields = [`command: ${c.command}`, `release: ${isReleaseId(releaseId) ? releaseId : '<release id>'}`];
  if (c.stage !== undefined) fields.push(`stage: ${STAGE_NAME.test(c.stage) ? c.stage : '<stage>'}`);
  if (c.region !== undefined) fields.push(`region: ${REGION_NAME.test(c.region) ? c.region : '<region>'}`);
  return `Actions tab → ${workflow} → Run workflow → ${fields.join(', ')}`;
}

/**
 * A code span around a line built here from validated words and placeholders. The guard is the
 * last line of defence: a backtick or a line break would end the span, so such text is escaped.
 */
function codeLine(text: string): string {
  return /^[A-Za-z0-9 ._:=<>/-]+$/.test(text) ? `\`${text}\`` : markdownText(text);
}

/**
 * Who may approve what waits (driver/authorize.ts decides; this says it beforehand): a stage's
 * own lists narrow the plan's. Undefined when nothing waits for an approval.
 */
function whoMayApprove(state: State, plan: Plan, waits: readonly Wait[], w: Writer): string | undefined {
  // An override of the freeze is authorized as an approval (driver/authorize.ts).
  const wait = waits.find((x): x is Extract<Wait, { kind: 'stage' | 'region' | 'freeze' }> => x.kind === 'stage' || x.kind === 'region' || x.kind === 'freeze');
  if (!wait) return undefined;
  const stage = plan.stages.find((s) => s.name === wait.stage);
  const { approvals } = plan;
  const users = stage?.approval?.users.length ? stage.approval.users : approvals.users;
  const teams = stage?.approval?.teams.length ? stage.approval.teams : approvals.teams;
  const people = [...users.map(w.name), ...teams.map((t) => `a member of team ${w.name(t)}`)];
  const who = people.length ? `${people.join(', ')}, with` : 'anyone with';
  const self = !approvals.allowSelfApproval && state.initiator !== undefined ? `; not ${w.text(state.initiator)}, who started the release` : '';
  return `Who may approve: ${who} ${approvals.minPermission} permission or more${self}.`;
}

/** The Markdown block the summary starts with while the release waits for a person; undefined when nothing waits. */
export function waitingBlock(state: State, plan: Plan, people: PeopleOptions = DEFAULT_PEOPLE): string | undefined {
  const waits = whatWaits(state);
  if (waits.length === 0) return undefined;
  const held = waits.filter((x) => x.kind === 'region');
  const lines = [`### ✋ Release ${markdownCode(state.releaseId)} waits for a person`, ''];
  let regions = 0;
  for (const wait of waits) if (wait.kind !== 'region' || regions++ < REGIONS_LISTED) lines.push(`- ${describeWait(wait, state.now)}`);
  if (held.length > REGIONS_LISTED) lines.push(`- … and ${(held.length - REGIONS_LISTED).toLocaleString('en-US')} more regions held (the table lists them)`);
  const who = whoMayApprove(state, plan, waits, MARKDOWN);
  if (who) lines.push('', who);
  const commands = commandsFor(waits);
  lines.push('', 'To go on, give one of these commands (each is a run of the release workflow):', '');
  for (const c of commands) lines.push(`- ${c.command.split(':')[0]}: ${codeLine(ghCommand(people, state.releaseId, c))}`);
  if (held.length > 1) lines.push('- the other held regions: the same lines with their own `-f region=`');
  const first = commands[0];
  if (first) lines.push('', `Or in the browser: ${route(people, state.releaseId, first, true)}.`);
  lines.push('Add `-f reason=...` to say why: the release history keeps it with your name.');
  return lines.join('\n');
}

/**
 * One plain line for a `::warning::` in the log (no Markdown): what waits and the command that
 * goes on. Undefined when nothing waits.
 */
export function waitingNotice(state: State, _plan: Plan, people: PeopleOptions = DEFAULT_PEOPLE): string | undefined {
  const waits = whatWaits(state);
  if (waits.length === 0) return undefined;
  const [first, ...more] = waits;
  const what = first ? describeWait(first, state.now, PLAIN).replace(/\.$/, '') : '';
  const others = more.length ? ` (and ${more.length} more waiting)` : '';
  const [go, alt] = commandsFor(waits);
  const alternative = alt && alt.command !== 'abort' ? `, or ${alt.command}` : '';
  const how = go ? ` To go on: ${ghCommand(people, state.releaseId, go)}${alternative} (or ${route(people, state.releaseId, go, false)}).` : '';
  return `Release ${oneLine(state.releaseId)} waits for a person: ${what}${others}.${how}`;
}
