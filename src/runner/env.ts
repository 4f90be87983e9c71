/**
 * The runner's environment, read in one place: every `GITHUB_*` variable the action uses, once,
 * into one typed object. Entry code (main, the modes, the CLI) parses it and passes the fields
 * down; nothing below the entry reads process.env for a runner variable.
 *
 * One rule for every variable: set to '' counts as not set (the runner sets none of them empty).
 * Parsing never throws: a mode that needs a variable asks with `requireRunnerValue`, whose error
 * names the variable and the form the runner gives it, so a missing or malformed value fails
 * only the mode that needs it (mode validate runs without GITHUB_REPOSITORY).
 */

/**
 * Test-only switch (the end-to-end and crash tests run the bundle as a child process): time
 * jumps instead of passing, and client retries do not wait. Never set it in a workflow.
 */
export const VIRTUAL_TIME_ENV = 'PROGRESSIVE_RELEASE_VIRTUAL_TIME';

export const DEFAULT_SERVER_URL = 'https://github.com';
export const DEFAULT_API_URL = 'https://api.github.com';

export interface Repository {
  owner: string;
  repo: string;
}

export interface RunnerEnv {
  /** GITHUB_REPOSITORY split at '/'; undefined when unset or not owner/repo (requireRunnerValue says which). */
  repository?: Repository;
  /** GITHUB_SHA: the commit the workflow runs on. */
  sha?: string;
  /** GITHUB_REF: the full ref that started the workflow (refs/heads/main). */
  ref?: string;
  /** GITHUB_REF_NAME: its short name (main). */
  refName?: string;
  /** GITHUB_SERVER_URL, default https://github.com (links to runs). */
  serverUrl: string;
  /** GITHUB_API_URL, default https://api.github.com (GitHub Enterprise Server and the test fake set it). */
  apiUrl: string;
  /** GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_JOB as given: the lease holder checks their forms (src/github/holder.ts). */
  runId?: string;
  runAttempt?: string;
  job?: string;
  /** GITHUB_ACTOR: who started the workflow (the giver of an operator command). */
  actor?: string;
  /** GITHUB_EVENT_NAME: what started the workflow run (a person's command comes as workflow_dispatch). */
  eventName?: string;
  /** GITHUB_TRIGGERING_ACTOR: who started this attempt (differs from `actor` on a re-run by someone else). */
  triggeringActor?: string;
  /**
   * GITHUB_WORKFLOW_REF (`owner/repo/.github/workflows/release.yml@refs/heads/main`) reduced to the
   * workflow file's path in the repository (`.github/workflows/release.yml`): where this run's
   * commands come from, and where a command run looks for the run that holds the release.
   */
  workflowPath?: string;
  /** GITHUB_STEP_SUMMARY: the job summary file. */
  stepSummary?: string;
  /** GITHUB_OUTPUT: the step outputs file (without it, outputs use the old set-output command). */
  outputFile?: string;
  /** GITHUB_WORKSPACE: the checkout; annotation paths are relative to it. */
  workspace?: string;
  /** PROGRESSIVE_RELEASE_VIRTUAL_TIME=1 (tests only). */
  virtualTime: boolean;
  /** The variables that are set but malformed, with what is wrong. */
  readonly invalid: Readonly<Partial<Record<RequiredValue, string>>>;
}

/** The fields a mode can demand, with the variable behind each and the form the runner gives it. */
const REQUIRED = {
  repository: { variable: 'GITHUB_REPOSITORY', form: 'owner/repo' },
  sha: { variable: 'GITHUB_SHA', form: 'the commit SHA being released' },
  ref: { variable: 'GITHUB_REF', form: 'the ref that started the workflow' },
  actor: { variable: 'GITHUB_ACTOR', form: 'the login of the person who started the workflow' },
} as const;

export type RequiredValue = keyof typeof REQUIRED;

/** A runner variable a mode needs is missing or malformed: the action reports it as `bad-environment`. */
export class RunnerEnvError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'RunnerEnvError';
  }
}

/** `owner/repo/<path>@<ref>` -> `<path>`; undefined for anything else. */
function workflowPathOf(ref: string | undefined): string | undefined {
  const m = ref === undefined ? null : /^[^/]+\/[^/]+\/(\.github\/workflows\/[^@]+)@.+$/.exec(ref);
  return m?.[1];
}

/** Reads the runner's variables from `env` (default: this process's). */
export function parseRunnerEnv(env: Readonly<Record<string, string | undefined>> = process.env): RunnerEnv {
  const read = (name: string): string | undefined => env[name] || undefined;
  const invalid: Partial<Record<RequiredValue, string>> = {};
  const repositoryText = read('GITHUB_REPOSITORY');
  // As the runner writes it, owner/repo; anything after a second '/' is not read (as before).
  const [owner, repo] = repositoryText?.split('/') ?? [];
  const repository = owner && repo ? { owner, repo } : undefined;
  if (repositoryText !== undefined && !repository) invalid.repository = `GITHUB_REPOSITORY '${repositoryText}' is not owner/repo`;
  const fields = {
    sha: read('GITHUB_SHA'),
    ref: read('GITHUB_REF'),
    refName: read('GITHUB_REF_NAME'),
    runId: read('GITHUB_RUN_ID'),
    runAttempt: read('GITHUB_RUN_ATTEMPT'),
    job: read('GITHUB_JOB'),
    actor: read('GITHUB_ACTOR'),
    triggeringActor: read('GITHUB_TRIGGERING_ACTOR'),
    eventName: read('GITHUB_EVENT_NAME'),
    workflowPath: workflowPathOf(read('GITHUB_WORKFLOW_REF')),
    stepSummary: read('GITHUB_STEP_SUMMARY'),
    outputFile: read('GITHUB_OUTPUT'),
    workspace: read('GITHUB_WORKSPACE'),
  };
  const runner: RunnerEnv = {
    serverUrl: read('GITHUB_SERVER_URL') ?? DEFAULT_SERVER_URL,
    apiUrl: read('GITHUB_API_URL') ?? DEFAULT_API_URL,
    virtualTime: env[VIRTUAL_TIME_ENV] === '1',
    invalid,
    ...(repository ? { repository } : {}),
  };
  // Unset variables stay absent (not `undefined`): the object prints and compares as what is there.
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(runner, { [key]: value });
  return runner;
}

/**
 * What is wrong with a value a mode cannot do without, naming the variable and its form:
 * "Environment variable GITHUB_SHA is not set. Expected the commit SHA being released (the runner
 * sets it)." or "GITHUB_REPOSITORY 'x' is not owner/repo"; undefined when it is there. `form`
 * overrides the expected form where the mode knows better why it needs the value.
 */
export function runnerValueProblem(runner: RunnerEnv, key: RequiredValue, form: string = REQUIRED[key].form): string | undefined {
  if (runner[key] !== undefined) return undefined;
  const { variable } = REQUIRED[key];
  return runner.invalid[key] ?? `Environment variable ${variable} is not set. Expected ${form} (the runner sets it).`;
}

/** The value, or a RunnerEnvError saying what runnerValueProblem says. */
export function requireRunnerValue<K extends RequiredValue>(runner: RunnerEnv, key: K, form?: string): NonNullable<RunnerEnv[K]> {
  const problem = runnerValueProblem(runner, key, form);
  if (problem !== undefined) throw new RunnerEnvError(REQUIRED[key].variable, problem);
  return runner[key] as NonNullable<RunnerEnv[K]>;
}

/** The link to this workflow run, for check runs' details; undefined outside a workflow run. */
export function runUrl(runner: RunnerEnv, repository: Repository): string | undefined {
  return runner.runId !== undefined ? `${runner.serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${runner.runId}` : undefined;
}
