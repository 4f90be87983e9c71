/**
 * release-info.ts is the one writer of the release's name, but package.json and package-lock.json
 * carry the version too (npm reads them): all three must agree, or `--version`, the `$schema` URL
 * and the tag the release script cuts would name different releases.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAJOR_TAG, REPOSITORY, SCHEMA_URL, VERSION } from '../src/plan/release-info.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const json = (file: string) => JSON.parse(readFileSync(`${repo}${file}`, 'utf8')) as Record<string, unknown>;

describe('release-info', () => {
  it('VERSION is semver and is the version package.json and package-lock.json give', () => {
    expect(VERSION).toMatch(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/);
    expect(json('package.json').version).toBe(VERSION);
    const lock = json('package-lock.json') as { version: string; packages: Record<string, { version: string }> };
    expect(lock.version).toBe(VERSION);
    expect(lock.packages['']!.version).toBe(VERSION);
  });

  it('MAJOR_TAG is v + the major of VERSION', () => {
    expect(MAJOR_TAG).toBe(`v${Number(VERSION.split('.')[0])}`);
    expect(MAJOR_TAG).toMatch(/^v\d+$/);
  });

  it('REPOSITORY is the repository package.json names', () => {
    const pkg = json('package.json') as { repository: { url: string }; homepage: string; bugs: { url: string } };
    expect(pkg.repository.url).toBe(`git+https://github.com/${REPOSITORY}.git`);
    expect(pkg.homepage).toBe(`https://github.com/${REPOSITORY}#readme`);
    expect(pkg.bugs.url).toBe(`https://github.com/${REPOSITORY}/issues`);
  });

  it('SCHEMA_URL is the raw URL, at the major tag, of a schema file this repository has', () => {
    const prefix = `https://raw.githubusercontent.com/${REPOSITORY}/${MAJOR_TAG}/`;
    expect(SCHEMA_URL.startsWith(prefix)).toBe(true);
    const path = SCHEMA_URL.slice(prefix.length);
    expect(path).toBe('schema/release-plan.schema.json');
    expect(existsSync(`${repo}${path}`)).toBe(true);
  });
});
