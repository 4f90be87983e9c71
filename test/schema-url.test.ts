/**
 * The `$schema` line users copy into their own repository must load the schema from there: a
 * relative path (`../schema/...`) or a branch URL (`/main/`, which moves ahead of the release they
 * pinned) would not. Every copyable line carries exactly SCHEMA_URL, and the schema says it lives there.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_URL } from '../src/plan/release-info.js';
import { planJsonSchema } from '../src/plan/schema.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(`${repo}${file}`, 'utf8');
const LINE = `# yaml-language-server: $schema=${SCHEMA_URL}`;

/** Every `$schema=` target in a text. */
function schemaTargets(text: string): string[] {
  return [...text.matchAll(/\$schema=(\S+)/g)].map((m) => m[1] ?? '');
}

describe('the $schema URL', () => {
  it.each(['workflows-examples/release-plan.yml', 'workflows-examples/minimal-release-plan.yml'])('%s starts with the $schema line', (file) => {
    expect(read(file).split('\n')[0]).toBe(LINE);
  });

  it('the README quickstart carries the same line', () => {
    expect(
      read('README.md')
        .split('\n')
        .map((l) => l.trim()),
    ).toContain(LINE);
  });

  it('no tracked YAML or Markdown file points $schema= anywhere else', () => {
    const files = execFileSync('git', ['ls-files', '-z', '--', '*.yml', '*.yaml', '*.md'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(files).toContain('README.md');
    const elsewhere = files.flatMap((f) =>
      schemaTargets(read(f))
        .filter((t) => t !== SCHEMA_URL)
        .map((t) => `${f}: ${t}`),
    );
    expect(elsewhere).toEqual([]);
  });

  it('the JSON Schema, generated and committed, gives SCHEMA_URL as its $id', () => {
    expect(planJsonSchema().$id).toBe(SCHEMA_URL);
    expect((JSON.parse(read('schema/release-plan.schema.json')) as { $id: string }).$id).toBe(SCHEMA_URL);
  });
});
