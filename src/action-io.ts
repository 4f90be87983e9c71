/**
 * Every input and output of the action, in one typed registry. `action.yml`, the README tables
 * and the settings parser all follow it, and test/action-contract.test.ts holds action.yml to it
 * in both directions, so a key cannot be added, renamed or documented in one place only.
 */
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
      'GitHub token used to dispatch workflows, create deployments, keep the check-run ledger and read the commands given (runs of the release workflow). Team approvers are checked with org-token.',
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
      "Operator command for an existing release (needs 'release'): approve or reject what waits for a person (a stage, or a region held by an inconclusive gate; 'stage'/'region' say which), promote (approve everything that waits), pause, resume, abort (stop and roll back every touched region), retry (run a failed region's step again), rollback (roll back a release that finished promoted), adopt-plan (or adopt-plan:<digest>: take a plan changed since the release started), override-freeze (start a stage the release freeze holds for a spent or unreadable error budget; recorded with who and when). Who may give it: the plan's approvals. The run that gives it drives the release on, or hands it to the run that holds it.",
    required: false,
  },
  release: {
    description: 'Release id a command applies to (the release-id output of the run that started it).',
    required: false,
  },
  stage: {
    description: 'Stage a command applies to (approve, reject): refused unless that stage is the one waiting.',
    required: false,
  },
  region: {
    description: 'Region a command applies to (approve or reject a region held by an inconclusive gate; retry a failed region).',
    required: false,
  },
  reason: {
    description: 'Why, in a sentence: recorded with the command in the ledger and shown in the summaries.',
    required: false,
  },
  'wait-for-people': {
    description:
      "How long mode run waits in the job when the release needs a person (a duration such as 30m; at most 6h). Default 0: save, exit with decision 'paused', and let the command run carry the release on (no runner minutes spent waiting).",
    required: false,
    default: '0s',
  },
  'org-token': {
    description:
      "Token that may read the organisation's team membership (a GitHub App or PAT token with members: read), for approvers named by team. Without it a rule that only names teams refuses the person, saying why.",
    required: false,
  },
  'log-format': {
    description:
      "How the release's log lines are written: 'human' (one sentence per event) or 'json' (one JSON object per line: time, release id, stage, region, step, event, reason code, reason and the numbers, for Loki or ELK).",
    required: false,
    default: 'human',
  },
  'pushgateway-url': {
    description:
      "Prometheus Pushgateway the release's own metrics are pushed to when each invocation ends, and every minute while it runs: the release's series in a group per repository and plan (rebuilt from the ledger, so a reconcile's push replaces the one before with a superset), this job's GitHub requests in a group per repository, plan and invocation kind (run, reconcile, command:<name>); no ids in any label. The URL has no credentials, query string or fragment (a token there would be logged): credentials come from the environment, PUSHGATEWAY_TOKEN (bearer) or PUSHGATEWAY_USERNAME and PUSHGATEWAY_PASSWORD (basic). A failed push warns and never fails the release.",
    required: false,
  },
  'metrics-file': {
    description:
      "File the release's own metrics are written to in the Prometheus text format (e.g. to upload as an artifact); written when the invocation ends.",
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
  /** Inputs stage, region and reason of a command. */
  stage?: string;
  region?: string;
  reason?: string;
  /** Input wait-for-people in milliseconds (absent or 0: exit paused). */
  waitForPeopleMs?: number;
  orgToken?: string;
  /** Input log-format; absent: human. */
  logFormat?: LogFormat;
  /** Input pushgateway-url: an http(s) URL without credentials in it. */
  pushgatewayUrl?: string;
  /** Input metrics-file. */
  metricsFile?: string;
}

export const LOG_FORMATS = ['human', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

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
