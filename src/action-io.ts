/**
 * Every input and output of the action, in one typed registry. `action.yml`, the README tables
 * and the settings parser all follow it, and test/action-contract.test.ts holds action.yml to it
 * in both directions, so a key cannot be added, renamed or documented in one place only.
 */
import { parseReleaseId } from './plan/ids.js';
import type { RunnerEnv } from './runner/env.js';

export const MODES = ['run', 'reconcile', 'validate', 'plan'] as const;
export type Mode = (typeof MODES)[number];

export interface InputSpec {
  description: string;
  required: boolean;
  /** Omitted when the input has no default (action.yml then has no `default:`). */
  default?: string;
}

export interface OutputSpec {
  description: string;
}

export const INPUTS = {
  plan: {
    description: 'Path of the release plan, relative to the repository root.',
    required: false,
    default: '.github/release-plan.yml',
  },
  version: {
    description:
      'What is being released (a tag, a SHA, an image version). Passed to the deploy workflow as {{ version }} and part of the release id. Required by mode run unless a command is given.',
    required: false,
  },
  token: {
    description:
      'GitHub token used to dispatch workflows, create deployments and keep the check-run ledger. Team approvers need a GitHub App or PAT token that can read team membership.',
    required: false,
    default: '${{ github.token }}',
  },
  mode: {
    description:
      "What to do: 'run' (drive the release in this job until it ends), 'reconcile' (advance what needs no waiting, save state and exit), 'validate' (check the plan and annotate errors), 'plan' (check metric queries against the providers without deploying).",
    required: false,
    default: 'run',
  },
  command: {
    description:
      "Operator command for an existing release. Needs 'release'. Available: adopt-plan (or adopt-plan:<digest>, the digest the plan-changed reason names): take a plan changed since the release started, if it keeps what already happened. Not available yet (refused): approve, reject, abort, pause, resume and promote.",
    required: false,
  },
  release: {
    description: 'Release id a command applies to (the release-id output of the run that started it).',
    required: false,
  },
  ref: {
    description: 'Git ref the deploy and rollback workflows are dispatched on when the plan does not name one. Default: the ref that triggered this workflow.',
    required: false,
  },
  sha: {
    description:
      'Commit the release is recorded on (its check-run ledger). Default: GITHUB_SHA. A reconcile started by schedule or workflow_run runs on the newest commit, so pass the released commit there.',
    required: false,
  },
  'workflows-dir': {
    description:
      'Folder with the deploy and rollback workflow files, checked against the inputs the plan sends. Default: .github/workflows of the repository, when it exists.',
    required: false,
  },
} as const satisfies Record<string, InputSpec>;

export const OUTPUTS = {
  decision: {
    description:
      "The outcome in one word: for validate 'valid' or 'invalid'; for run and reconcile e.g. 'promoted', 'rolled-back', 'continue', 'paused'; 'error' when the action could not do its job.",
  },
  'reason-code': {
    description: "Why, as a stable machine-readable code (e.g. 'plan-invalid', 'gate-failed', 'bad-input').",
  },
  'release-id': {
    description: 'The release id (plan name and sanitized version), present in every record the release leaves.',
  },
  result: {
    description: 'The full verdict as versioned JSON ({"schemaVersion": 1, "mode": ..., "decision": ..., "reasonCode": ..., ...}).',
  },
} as const satisfies Record<string, OutputSpec>;

export type InputName = keyof typeof INPUTS;
export type OutputName = keyof typeof OUTPUTS;

/** The parsed inputs: one object, read once at the edge. */
export interface Settings {
  plan: string;
  version?: string;
  token: string;
  mode: Mode;
  command?: string;
  release?: string;
  ref?: string;
  /** The released commit, where the ledger lives (default GITHUB_SHA). */
  sha?: string;
  workflowsDir?: string;
}

/** Bad input: the message names the input and the expected form. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Reads one raw input (core.getInput in the action, a plain map in tests). */
export type InputReader = (name: InputName) => string;

/**
 * Parses the raw inputs into Settings. Values are trimmed of ASCII whitespace only (a YAML
 * block scalar leaves a trailing newline; other whitespace may be meaningful in a ref).
 */
export function parseSettings(read: InputReader): Settings {
  const get = (name: InputName): string | undefined => {
    const value = read(name).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    return value === '' ? undefined : value;
  };
  const defaultOf = (name: InputName): string => ('default' in INPUTS[name] ? ((INPUTS[name] as InputSpec).default ?? '') : '');

  const modeText = get('mode') ?? defaultOf('mode');
  if (!(MODES as readonly string[]).includes(modeText)) {
    throw new SettingsError(`Invalid mode '${modeText}'. Expected one of: ${MODES.join(', ')}.`);
  }
  const mode = modeText as Mode;

  const plan = get('plan') ?? defaultOf('plan');
  if (!/\.ya?ml$/i.test(plan)) {
    throw new SettingsError(`Invalid plan '${plan}'. Expected the path of a YAML file, such as .github/release-plan.yml.`);
  }

  const token = get('token') ?? '';
  const settings: Settings = { plan, token, mode };

  const version = get('version');
  if (version !== undefined) {
    if (version.length > 200 || /[\u0000-\u001f]/.test(version)) {
      throw new SettingsError(`Invalid version '${version.slice(0, 40)}'. Expected a tag, SHA or version of at most 200 printable characters.`);
    }
    settings.version = version;
  }
  const command = get('command');
  if (command !== undefined) {
    if (!/^[a-z][a-z-]*(:[0-9a-f]{6,64})?$/.test(command))
      throw new SettingsError(`Invalid command '${command}'. Expected a command word such as approve, abort or resume.`);
    settings.command = command;
  }
  const release = get('release');
  if (release !== undefined) {
    const read = parseReleaseId(release);
    if (!read.ok) throw new SettingsError(read.message);
    settings.release = release;
  }
  const ref = get('ref');
  if (ref !== undefined) settings.ref = ref;
  const sha = get('sha');
  if (sha !== undefined) {
    if (!/^[0-9a-f]{40}$/.test(sha))
      throw new SettingsError(`Invalid sha '${sha.slice(0, 60)}'. Expected the full 40-character commit SHA of the release (lower-case hex).`);
    settings.sha = sha;
  }
  const workflowsDir = get('workflows-dir');
  if (workflowsDir !== undefined) settings.workflowsDir = workflowsDir;

  if (settings.command !== undefined && settings.release === undefined) {
    throw new SettingsError(`Input 'release' is required with command '${settings.command}'. Expected the release id the command applies to.`);
  }
  if (mode === 'run' && settings.command === undefined && settings.version === undefined) {
    throw new SettingsError(`Input 'version' is required in mode 'run'. Expected what is being released, such as v1.4.2 or a commit SHA.`);
  }
  if ((mode === 'run' || mode === 'reconcile') && token === '') {
    throw new SettingsError(`Input 'token' is empty. Expected a GitHub token (the default is \${{ github.token }}).`);
  }
  return settings;
}

/** What every mode returns; main.ts turns it into outputs (and a failure when `failed` is set). */
export interface ModeOutcome {
  decision: string;
  reasonCode: string;
  releaseId?: string;
  /** Extra fields for the `result` JSON (schemaVersion, mode, decision and reasonCode are added). */
  details?: Record<string, unknown>;
  /** When set, the step fails with this message (after the outputs are written). */
  failed?: string;
}

/** A mode module: `src/modes/<mode>.ts` exports `execute`. */
export type ModeRunner = (settings: Settings, runner: RunnerEnv) => Promise<ModeOutcome>;

/** Thrown by modes that are not built yet; main.ts reports it as a failure, never silently. */
export class ModeNotAvailable extends Error {
  constructor(mode: string, what?: string) {
    super(`${what ?? `mode '${mode}'`} is not available yet`);
    this.name = 'ModeNotAvailable';
  }
}

export const RESULT_SCHEMA_VERSION = 1;

/** The outputs for an outcome, keyed by the registry's names. */
export function outputsOf(mode: Mode | string, outcome: ModeOutcome): Record<OutputName, string> {
  const result = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    mode,
    decision: outcome.decision,
    reasonCode: outcome.reasonCode,
    ...(outcome.releaseId !== undefined ? { releaseId: outcome.releaseId } : {}),
    ...outcome.details,
  };
  return {
    decision: outcome.decision,
    'reason-code': outcome.reasonCode,
    'release-id': outcome.releaseId ?? '',
    result: JSON.stringify(result),
  };
}
