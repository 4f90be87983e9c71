#!/usr/bin/env node
/**
 * Cuts a release: `node scripts/release.mjs X.Y.Z [--push]`.
 *
 * Refuses, naming every problem at once and creating nothing, unless the tree is clean, HEAD is
 * on the default branch, X.Y.Z is above the latest vX.Y.Z tag and not tagged yet, package.json,
 * package-lock.json and src/plan/release-info.ts say X.Y.Z, CHANGELOG.md has its dated section,
 * and dist/ is byte for byte what scripts/build.mjs builds. Then it creates the annotated tag
 * vX.Y.Z and moves the major tag vX to the same commit, as GitHub recommends for actions
 * (users pin @vX and get every X.y.z). With --push it pushes both (the major tag by force: it
 * moves); without, it prints the push commands. The checks live in release-checks.mjs.
 *
 * Exit status: 0 tagged, 1 refused (or git failed), 2 bad usage.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBranch, checkChangelog, checkCleanTree, checkDistFresh, checkVersion, checkVersionFiles } from './release-checks.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: node scripts/release.mjs X.Y.Z [--push]';

const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const read = (file) => readFileSync(join(repo, file), 'utf8');

/** The remote's default branch when git knows it (origin/HEAD), else main. */
function defaultBranch() {
  try {
    return git('symbolic-ref', '--short', 'refs/remotes/origin/HEAD').replace(/^origin\//, '');
  } catch {
    return 'main';
  }
}

/** Builds into a temp folder with the build script itself and compares it with dist/. */
function distProblems() {
  const tmp = mkdtempSync(join(tmpdir(), 'pr-release-dist-'));
  try {
    execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs'), tmp], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
    return checkDistFresh(join(repo, 'dist'), tmp);
  } catch (err) {
    return [`the build failed, so dist/ could not be checked: ${String(err.stderr ?? err.message).trim()}`];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function problemsOf(version) {
  const files = { packageJson: read('package.json'), packageLock: read('package-lock.json'), releaseInfo: read('src/plan/release-info.ts') };
  return [
    ...checkVersion(version, git('tag', '--list').split('\n').filter(Boolean)),
    ...checkCleanTree(git('status', '--porcelain', '--untracked-files=all')),
    ...checkBranch(git('rev-parse', '--abbrev-ref', 'HEAD'), defaultBranch()),
    ...checkVersionFiles(version, files),
    ...checkChangelog(version, read('CHANGELOG.md')),
    ...distProblems(),
  ];
}

function main(argv) {
  const push = argv.includes('--push');
  const rest = argv.filter((a) => a !== '--push');
  if (rest.length !== 1 || rest[0].startsWith('-')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const version = rest[0];
  const problems = problemsOf(version);
  if (problems.length) {
    process.stderr.write(`release ${version} refused; nothing was tagged:\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
    return 1;
  }
  const tag = `v${version}`;
  const major = `v${version.split('.')[0]}`;
  const commit = git('rev-parse', 'HEAD');
  git('tag', '-a', tag, '-m', `progressive-release ${tag}`, commit);
  // -f: the major tag already exists from the previous X.y.z release and moves to this one.
  git('tag', '-fa', major, '-m', `progressive-release ${major} (${tag})`, commit);
  process.stdout.write(`tagged ${tag} and moved ${major} to ${commit}\n`);
  const pushes = [
    ['push', 'origin', tag],
    ['push', '--force', 'origin', major],
  ];
  if (!push) {
    process.stdout.write(`push them with:\n${pushes.map((p) => `  git ${p.join(' ')}`).join('\n')}\n`);
    return 0;
  }
  for (const args of pushes) {
    git(...args);
    process.stdout.write(`git ${args.join(' ')}\n`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`release failed: ${String(err.stderr ?? err.message).trim()}\n`);
  process.exitCode = 1;
}
