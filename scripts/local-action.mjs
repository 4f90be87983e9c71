#!/usr/bin/env node
/**
 * `npm run local-action [-- ENV_FILE]`: runs the action bundle (dist/index.js) on this machine the
 * way the runner does, from a dotenv file (default .env; start from .env.example), and prints what
 * it left behind: its step outputs, its annotations and its job summary.
 *
 * Why not `@github/local-action`: it shows what an action hands to its stub of `@actions/core`,
 * and this action never calls `@actions/core` (src/runner/io.ts writes the runner's files and
 * `::` commands itself, for cold start). Under it the outputs table says "No outputs were set!",
 * annotations are raw `::error` lines and the summary file is not shown (README, "Running the
 * action locally"). This does what the runner does instead: INPUT_* variables, temp
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, `node dist/index.js`, and reads them back.
 *
 * The action's exit status is this script's. PROGRESSIVE_RELEASE_DIST names another build folder
 * (the tests build one), as for test/dist-validate.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Reads a dotenv file: KEY=VALUE lines, `#` comments, values optionally in single or double quotes. */
export function parseDotenv(text) {
  const env = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new Error(`not a KEY=VALUE line: ${line.slice(0, 40)}`);
    let value = m[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[1] === '"' ? (quoted[2] ?? '').replace(/\\n/g, '\n') : (quoted[2] ?? '');
    else value = value.replace(/\s+#.*$/, '');
    env[m[1] ?? ''] = value;
  }
  return env;
}

/** Reads a $GITHUB_OUTPUT file (`name<<DELIMITER`, value lines, `DELIMITER`). */
export function readOutputs(text) {
  const out = {};
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\r?\n([\s\S]*?)\r?\n\2$/gm)) out[m[1] ?? ''] = m[3] ?? '';
  return out;
}

const unescapeData = (s) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

/** The annotations among the log lines (`::error file=F,line=L,col=C::message`), as `level where: message`. */
export function readAnnotations(stdout) {
  const out = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props = Object.fromEntries(
      (m[2] ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), unescapeProperty(kv.slice(kv.indexOf('=') + 1))]),
    );
    const where = props.file ? ` ${[props.file, props.line, props.col].filter(Boolean).join(':')}` : '';
    out.push(`${m[1]}${where}: ${unescapeData(m[3] ?? '')}`);
  }
  return out;
}

function main(argv) {
  const envFile = argv[0] ?? '.env';
  if (!existsSync(envFile)) {
    process.stderr.write(`${envFile} not found: copy .env.example to .env and fill it in (npm run local-action -- <file> names another)\n`);
    return 2;
  }
  const dist = process.env.PROGRESSIVE_RELEASE_DIST ?? resolve('dist');
  const entry = join(dist, 'index.js');
  const work = mkdtempSync(join(tmpdir(), 'pr-local-action-'));
  try {
    const files = { GITHUB_OUTPUT: join(work, 'output'), GITHUB_STEP_SUMMARY: join(work, 'summary') };
    for (const f of Object.values(files)) writeFileSync(f, '');
    // Only what the file says, as on a runner: nothing of this shell's GITHUB_* or INPUT_* leaks in.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      GITHUB_WORKSPACE: process.cwd(),
      ...parseDotenv(readFileSync(envFile, 'utf8')),
      ...files,
    };
    const r = spawnSync(process.execPath, [entry], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    process.stdout.write(`--- log (${entry})\n${r.stdout}`);
    if (r.stderr) process.stdout.write(`--- stderr\n${r.stderr}`);
    const outputs = readOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
    process.stdout.write('--- outputs\n');
    for (const [name, value] of Object.entries(outputs)) process.stdout.write(`${name}: ${value}\n`);
    const annotations = readAnnotations(r.stdout);
    process.stdout.write(`--- annotations (${annotations.length})\n${annotations.map((a) => `${a}\n`).join('')}`);
    process.stdout.write(`--- job summary\n${readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')}`);
    process.stdout.write(`--- exit status ${r.status ?? r.signal}\n`);
    return r.status ?? 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
