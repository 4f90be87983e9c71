/**
 * Regenerates test/github-fake/openapi-extract.json: the operations of GitHub's REST API that
 * progressive-release calls, with every component they reference (transitively), taken from
 * `@octokit/openapi`'s `generated/api.github.com.json`.
 *
 * Why an extract: the full description is 13 MB (404 MB for the whole package), far too heavy
 * to load in every test; the fake validates each request and response against this file.
 *
 * Usage: `node --import tsx scripts/extract-openapi.ts [version]` (default: the version below).
 * Needs the npm registry (it runs `npm pack`); it writes nothing but the extract.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_VERSION = '23.0.2';

/** The operations the project uses: [method, path]. Keep in step with src/github/. */
export const OPERATIONS: ReadonlyArray<readonly [string, string]> = [
  ['post', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches'],
  ['get', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs'],
  ['get', '/repos/{owner}/{repo}/actions/runs'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}'],
  ['post', '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals'],
  ['post', '/repos/{owner}/{repo}/deployments'],
  ['get', '/repos/{owner}/{repo}/deployments'],
  ['post', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['get', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['post', '/repos/{owner}/{repo}/check-runs'],
  ['patch', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['get', '/repos/{owner}/{repo}/check-runs/{check_run_id}'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/check-runs'],
  ['get', '/repos/{owner}/{repo}/collaborators/{username}/permission'],
  ['get', '/orgs/{org}/teams/{team_slug}/memberships/{username}'],
];

/** Keys that only document (descriptions, examples, links): dropped to keep the extract small. */
const DOC_KEYS = new Set([
  'description',
  'examples',
  'example',
  'externalDocs',
  'summary',
  'x-github',
  'x-octokit',
  'x-github-breaking-changes',
  'x-github-releases',
  'x-multi-segment',
  'x-changes',
]);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** `names`: this object maps names to schemas (`properties`), so its keys are data, not keywords. */
function strip(node: Json, refs: Set<string>, names = false): Json {
  if (Array.isArray(node)) return node.map((n) => strip(n, refs));
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (!names && DOC_KEYS.has(k)) continue;
    if (!names && k === '$ref' && typeof v === 'string') refs.add(v);
    out[k] = strip(v, refs, !names && (k === 'properties' || k === 'patternProperties'));
  }
  return out;
}

function lookup(spec: Json, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
  let node: Json = spec;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !(key in node)) throw new Error(`dangling $ref ${ref}`);
    node = (node as { [k: string]: Json })[key] as Json;
  }
  return node;
}

/** Builds the extract from a full description (exported for a test that feeds a tiny spec). */
export function extract(spec: { [k: string]: Json }, version: string): { [k: string]: Json } {
  const refs = new Set<string>();
  const paths: { [k: string]: { [k: string]: Json } } = {};
  const specPaths = spec.paths as { [k: string]: { [k: string]: Json } };
  for (const [method, path] of OPERATIONS) {
    const op = specPaths[path]?.[method];
    if (op === undefined) throw new Error(`operation ${method.toUpperCase()} ${path} is not in the description`);
    (paths[path] ??= {})[method] = strip(op, refs);
  }
  const components: { [k: string]: { [k: string]: Json } } = {};
  const done = new Set<string>();
  const queue = [...refs];
  while (queue.length > 0) {
    const ref = queue.pop() as string;
    if (done.has(ref)) continue;
    done.add(ref);
    const found = new Set<string>();
    const node = strip(lookup(spec, ref), found);
    const [, section, kind, name] = ref.split('/');
    if (section !== 'components' || kind === undefined || name === undefined) throw new Error(`unexpected $ref ${ref}`);
    (components[kind] ??= {})[name] = node;
    for (const r of found) if (!done.has(r)) queue.push(r);
  }
  for (const kind of Object.keys(components)) {
    const sorted = Object.fromEntries(Object.entries(components[kind] ?? {}).sort(([a], [b]) => a.localeCompare(b)));
    components[kind] = sorted;
  }
  return {
    openapi: spec.openapi as Json,
    info: { title: 'GitHub REST API (extract for progressive-release tests)', version: (spec.info as { version?: string })?.version ?? 'unknown' },
    'x-extract': { source: `@octokit/openapi@${version} generated/api.github.com.json`, operations: OPERATIONS.map(([m, p]) => `${m.toUpperCase()} ${p}`) },
    paths,
    components,
  };
}

async function main(): Promise<void> {
  const version = process.argv[2] ?? DEFAULT_VERSION;
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    const tgz =
      execFileSync('npm', ['pack', `@octokit/openapi@${version}`, '--silent'], { cwd: dir, encoding: 'utf8' })
        .trim()
        .split('\n')
        .pop() ?? '';
    execFileSync('tar', ['xzf', tgz, 'package/generated/api.github.com.json'], { cwd: dir });
    const spec = JSON.parse(readFileSync(join(dir, 'package/generated/api.github.com.json'), 'utf8')) as { [k: string]: Json };
    const out = extract(spec, version);
    const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'github-fake', 'openapi-extract.json');
    const text = JSON.stringify(out) + '\n';
    writeFileSync(target, text);
    console.log(`wrote ${target}: ${(text.length / 1024).toFixed(0)} KiB, ${OPERATIONS.length} operations, spec ${version}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
