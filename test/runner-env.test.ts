/** src/runner/env.ts: the runner's variables, read in one place, with errors naming the variable. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunnerEnv, requireRunnerValue, RunnerEnvError, runnerValueProblem, runUrl } from '../src/runner/env.js';

const RUNNER = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: 'c0ffee',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_SERVER_URL: 'https://github.example.test',
  GITHUB_API_URL: 'https://github.example.test/api/v3',
  GITHUB_RUN_ID: '31337',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_JOB: 'release',
  GITHUB_ACTOR: 'alice',
  GITHUB_STEP_SUMMARY: '/tmp/summary',
  GITHUB_OUTPUT: '/tmp/output',
  GITHUB_WORKSPACE: '/work/repo',
};

describe('parseRunnerEnv', () => {
  it('reads every variable into one typed object', () => {
    expect(parseRunnerEnv(RUNNER)).toEqual({
      repository: { owner: 'acme', repo: 'shop' },
      sha: 'c0ffee',
      ref: 'refs/heads/main',
      refName: 'main',
      serverUrl: 'https://github.example.test',
      apiUrl: 'https://github.example.test/api/v3',
      runId: '31337',
      runAttempt: '2',
      job: 'release',
      actor: 'alice',
      stepSummary: '/tmp/summary',
      outputFile: '/tmp/output',
      workspace: '/work/repo',
      virtualTime: false,
      invalid: {},
    });
  });

  it('outside a runner: defaults for the URLs, nothing else; an empty variable counts as unset', () => {
    expect(parseRunnerEnv({})).toEqual({ serverUrl: 'https://github.com', apiUrl: 'https://api.github.com', virtualTime: false, invalid: {} });
    expect(parseRunnerEnv({ GITHUB_SHA: '', GITHUB_SERVER_URL: '', GITHUB_STEP_SUMMARY: '' })).toEqual(parseRunnerEnv({}));
    expect(parseRunnerEnv({ PROGRESSIVE_RELEASE_VIRTUAL_TIME: '1' }).virtualTime).toBe(true);
  });

  it('a value a mode needs: an error naming the variable and the form the runner gives it', () => {
    const runner = parseRunnerEnv({ GITHUB_REPOSITORY: 'shop' });
    expect(runner.repository).toBeUndefined();
    expect(() => requireRunnerValue(runner, 'repository')).toThrow(new RunnerEnvError('GITHUB_REPOSITORY', "GITHUB_REPOSITORY 'shop' is not owner/repo"));
    expect(() => requireRunnerValue(parseRunnerEnv({ GITHUB_REPOSITORY: 'acme/' }), 'repository')).toThrow("GITHUB_REPOSITORY 'acme/' is not owner/repo");
    expect(() => requireRunnerValue(runner, 'sha')).toThrow(
      'Environment variable GITHUB_SHA is not set. Expected the commit SHA being released (the runner sets it).',
    );
    expect(() => requireRunnerValue(runner, 'ref')).toThrow(
      'Environment variable GITHUB_REF is not set. Expected the ref that started the workflow (the runner sets it).',
    );
    expect(() => requireRunnerValue(runner, 'actor', "the login of the person giving command 'approve'")).toThrow(
      "Environment variable GITHUB_ACTOR is not set. Expected the login of the person giving command 'approve' (the runner sets it).",
    );
    try {
      requireRunnerValue(runner, 'sha');
    } catch (err) {
      expect(err).toBeInstanceOf(RunnerEnvError);
      expect((err as RunnerEnvError).variable).toBe('GITHUB_SHA');
    }
    expect(requireRunnerValue(parseRunnerEnv(RUNNER), 'repository')).toEqual({ owner: 'acme', repo: 'shop' });
    expect(runnerValueProblem(parseRunnerEnv(RUNNER), 'actor')).toBeUndefined();
    expect(runnerValueProblem(runner, 'actor')).toBe(
      'Environment variable GITHUB_ACTOR is not set. Expected the login of the person who started the workflow (the runner sets it).',
    );
  });

  it('the link to the workflow run, only inside one', () => {
    const runner = parseRunnerEnv(RUNNER);
    expect(runUrl(runner, { owner: 'acme', repo: 'shop' })).toBe('https://github.example.test/acme/shop/actions/runs/31337');
    expect(runUrl(parseRunnerEnv({}), { owner: 'acme', repo: 'shop' })).toBeUndefined();
  });

  it('no other module of src/ reads a GITHUB_* variable', () => {
    const readers: string[] = [];
    const walk = (dir: string, rel = ''): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(join(dir, entry.name), path);
        else if (path.endsWith('.ts') && path !== 'runner/env.ts') {
          const code = readFileSync(join(dir, entry.name), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
          if (/env(\.|\[['"`])GITHUB_|['"`]GITHUB_[A-Z_]+['"`]/.test(code)) readers.push(path);
        }
      }
    };
    walk('src');
    expect(readers).toEqual([]);
  });
});
