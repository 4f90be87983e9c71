/**
 * Every id a release writes into GitHub and reads back to find its records again: the release
 * id, the correlation id a dispatched run carries in its title, the key in a deployment's
 * payload, the ledger's check-run name. One module builds and reads them all: a ledger, a run
 * title or a deployment written by one version is found by the next, so their bytes never change
 * (test/plan-ids.test.ts holds each form to the byte).
 *
 * Readers answer data, never throw: `{ ok: false, message }` names the field and the form expected.
 */
import { createHash } from 'node:crypto';

/** What a reader gives back: the parts of a well-formed id, or why it is not one. */
export type IdRead<T> = ({ ok: true } & T) | { ok: false; message: string };

/** The longest release id input `release` takes. */
export const RELEASE_ID_MAX = 200;
/**
 * The longest release id read from another release's ledger that is echoed as it is (releaseIdOf
 * makes at most 138 characters); a longer one is shown quoted and cut, as any untrusted name.
 */
export const RELEASE_ID_SHOWN_MAX = 140;
/** The characters of a release id: safe in check-run names, payload keys, run titles and URLs. */
const RELEASE_ID_CHARS = /^[A-Za-z0-9._-]+$/;

/**
 * The release id: `<name>-<version>` with the version reduced to `[A-Za-z0-9._-]`, plus a short
 * hash of the original version when that changed it (so `1.0/a` and `1.0:a` stay distinct).
 * It names check runs, deployments and state records, so it must be stable and safe everywhere.
 */
export function releaseIdOf(planName: string, version: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  const name = clean(planName) || 'release';
  let v = clean(version);
  const changed = v !== version || v.length > 64 || name !== planName;
  if (v.length > 64) v = v.slice(0, 64);
  const base = v ? `${name}-${v}` : name;
  if (!changed) return base;
  const hash = createHash('sha256').update(`${planName}\u0000${version}`).digest('hex').slice(0, 8);
  return `${base}-${hash}`;
}

/** Whether `text` has the form of a release id, at most `max` characters long. */
export function isReleaseId(text: string, max = RELEASE_ID_MAX): boolean {
  return text.length >= 1 && text.length <= max && RELEASE_ID_CHARS.test(text);
}

/** Reads a release id given by a person (input `release`); `field` names where it came from. */
export function parseReleaseId(text: string, field = 'release'): IdRead<{ releaseId: string }> {
  if (isReleaseId(text)) return { ok: true, releaseId: text };
  return { ok: false, message: `Invalid ${field} '${text}'. Expected a release id such as shop-1.4.2 (letters, digits, '.', '_' and '-').` };
}

/** A dispatched run of a region's step, as its correlation id names it. */
export interface CorrelatedRun {
  releaseId: string;
  region: string;
  kind: 'deploy' | 'rollback';
  step: number;
  /** Which attempt of the region (0: the first; a retry command makes the next). */
  attempt: number;
}

const CORRELATION_ID = /^(.*):([a-z][a-z0-9-]*):(deploy|rollback):(\d+)(?::retry([1-9]\d*))?$/;
/** Characters that may touch a correlation id inside a run title without ending it (the id's own alphabet). */
const ID_WORD_CHARS = 'A-Za-z0-9_.:-';

/**
 * Correlation ids are unique per (release, region, kind, step, attempt): the adapter finds a run
 * whose dispatch answer was lost by it. Attempt 0 has no suffix, so runs dispatched before retries
 * existed are still found by the id they carry; a retried region's runs end in `:retry<n>`, which
 * is made of id characters, so titleCarries never takes one attempt's id for another's.
 */
export function correlationId(releaseId: string, region: string, kind: 'deploy' | 'rollback', step: number, attempt = 0): string {
  const base = `${releaseId}:${region}:${kind}:${step}`;
  return Number.isInteger(attempt) && attempt > 0 ? `${base}:retry${attempt}` : base;
}

/** Reads a correlation id back (a stray run's title, the simulator's dispatch), for the run it names. */
export function parseCorrelationId(id: string): IdRead<CorrelatedRun> {
  const m = CORRELATION_ID.exec(id);
  if (!m)
    return {
      ok: false,
      message: `Invalid correlation id '${id}'. Expected <release id>:<region>:<deploy|rollback>:<step>[:retry<n>] such as shop-1.4.2:eu-west:deploy:0.`,
    };
  return {
    ok: true,
    releaseId: m[1] ?? '',
    region: m[2] ?? '',
    kind: m[3] === 'rollback' ? 'rollback' : 'deploy',
    step: Number(m[4]),
    attempt: m[5] !== undefined ? Number(m[5]) : 0,
  };
}

/**
 * The correlation id of a stage's approval run (Environment reviewers): the stage stands where a
 * region would be, and a stage is approved once per release, so it has no step.
 */
export function approvalCorrelationId(releaseId: string, stage: string): string {
  return `${releaseId}:${stage}:approval`;
}

const APPROVAL_CORRELATION_ID = /^(.*):([A-Za-z][A-Za-z0-9_-]*):approval$/;

/** Reads an approval run's correlation id back (the simulator's dispatch). */
export function parseApprovalCorrelationId(id: string): IdRead<{ releaseId: string; stage: string }> {
  const m = APPROVAL_CORRELATION_ID.exec(id);
  if (!m) return { ok: false, message: `Invalid approval correlation id '${id}'. Expected <release id>:<stage>:approval such as shop-1.4.2:europe:approval.` };
  return { ok: true, releaseId: m[1] ?? '', stage: m[2] ?? '' };
}

/**
 * Whether a run title carries the correlation id as a whole word: `app-1:eu:deploy:1` must not
 * match a title that says `app-1:eu:deploy:10`, nor one for release `x-app-1`.
 */
export function titleCarries(correlation: string): (title: string) => boolean {
  const escaped = correlation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = new RegExp(`(^|[^${ID_WORD_CHARS}])${escaped}($|[^${ID_WORD_CHARS}])`);
  return (title) => word.test(title);
}

const DEPLOYMENT_KEY = /^(.*):([a-z][a-z0-9-]*)$/;

/** The key a region's GitHub deployment carries in its payload: found again by it when the answer to its creation was lost. */
export function deploymentKey(releaseId: string, region: string): string {
  return `${releaseId}:${region}`;
}

/** Reads a deployment key back. */
export function parseDeploymentKey(key: string): IdRead<{ releaseId: string; region: string }> {
  const m = DEPLOYMENT_KEY.exec(key);
  if (!m) return { ok: false, message: `Invalid deployment key '${key}'. Expected <release id>:<region> such as shop-1.4.2:eu-west.` };
  return { ok: true, releaseId: m[1] ?? '', region: m[2] ?? '' };
}

const CHECK_RUN_PREFIX = 'progressive-release: ';

/** The name of a release's ledger check run: GitHub lists check runs by name, so the ledger is found by it. */
export function checkRunName(releaseId: string): string {
  return `${CHECK_RUN_PREFIX}${releaseId}`;
}

/**
 * Reads a check-run name as a ledger's. Any text after the prefix is taken: a ledger is told
 * from other check runs by its name, and the envelope inside says which release it is.
 */
export function parseCheckRunName(name: string | undefined): IdRead<{ releaseId: string }> {
  if (name?.startsWith(CHECK_RUN_PREFIX)) return { ok: true, releaseId: name.slice(CHECK_RUN_PREFIX.length) };
  return { ok: false, message: `Invalid check-run name '${name ?? ''}'. Expected '${CHECK_RUN_PREFIX}<release id>' such as '${CHECK_RUN_PREFIX}shop-1.4.2'.` };
}

/**
 * The key of one attempt of a command run (a workflow run that carried an operator command): a
 * release takes each at most once, accepted, refused or ignored (state.commandRuns). A re-run is
 * a new attempt, so it is judged anew (its triggering actor must qualify on its own).
 */
export function commandRunKey(runId: number, attempt: number): string {
  return `${runId}.${attempt}`;
}

const COMMAND_TITLE_PREFIX = 'progressive-release ';
/** The longest reason a command carries (input `reason`, and the run title it is written into). */
export const REASON_MAX = 500;
/** The title's field markers: a reason holding one could make a title that reads as other fields. */
const TITLE_MARKERS = /(^| )(stage|region|reason)=/;

/**
 * Why a command's reason cannot be taken (undefined: it can): one line of printable characters,
 * at most REASON_MAX, without the title's field markers. The input and the inbox apply the same
 * rule, so a command its own run refused cannot be read differently from its title.
 */
export function reasonProblem(reason: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (reason.length > REASON_MAX || /[\u0000-\u001f\u007f]/.test(reason)) return `one line of at most ${REASON_MAX} printable characters`;
  if (TITLE_MARKERS.test(reason)) return "a sentence without 'stage=', 'region=' or 'reason=' (the run title's own fields)";
  return undefined;
}
const COMMAND_TITLE = /^progressive-release ([a-z][a-z-]*(?::[0-9a-f]{6,64})?) ([A-Za-z0-9._-]{1,200}) stage=(\S*) region=(\S*) reason=(.*)$/s;

/** An operator command as the title of the workflow run that carries it says it (see commandTitle). */
export interface TitledCommand {
  command: string;
  releaseId: string;
  stage?: string;
  region?: string;
  reason?: string;
}

/**
 * The title (`run-name:`) of a workflow run that carries an operator command. GitHub writes a
 * run's title from its inputs when the run is created and nobody can change it afterwards, so a
 * driver that receives the command from the run list (the inbox) reads what the person asked from
 * here, not from a record anyone holding a token could write. The release workflow's run-name
 * makes exactly this (workflows-examples/release.yml):
 * `format('progressive-release {0} {1} stage={2} region={3} reason={4}', inputs.command, inputs.release, inputs.stage, inputs.region, inputs.reason)`.
 */
export function commandTitle(c: TitledCommand): string {
  return `${COMMAND_TITLE_PREFIX}${c.command} ${c.releaseId} stage=${c.stage ?? ''} region=${c.region ?? ''} reason=${c.reason ?? ''}`;
}

/** Reads a run title as a command's (undefined: the run carries no command, e.g. `release 1.4.2`). */
export function parseCommandTitle(title: string): IdRead<TitledCommand> | undefined {
  if (!title.startsWith(COMMAND_TITLE_PREFIX)) return undefined;
  const m = COMMAND_TITLE.exec(title);
  if (!m)
    return {
      ok: false,
      message: `Invalid command run title '${title.slice(0, 120)}'. Expected '${COMMAND_TITLE_PREFIX}<command> <release id> stage=<stage> region=<region> reason=<text>' (the run-name of workflows-examples/release.yml).`,
    };
  const [, command = '', releaseId = '', stage = '', region = '', reason = ''] = m;
  const badReason = reasonProblem(reason.trim());
  if (badReason !== undefined) return { ok: false, message: `Invalid command run title '${title.slice(0, 120)}'. Expected its reason to be ${badReason}.` };
  return {
    ok: true,
    command,
    releaseId,
    ...(stage !== '' ? { stage } : {}),
    ...(region !== '' ? { region } : {}),
    ...(reason.trim() !== '' ? { reason: reason.trim() } : {}),
  };
}
