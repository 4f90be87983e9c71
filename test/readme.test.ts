/** The README: generated tables are fresh, the two set-up commands come first, every plan field is documented. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '../scripts/gen-readme.js';
import { PlanSchema } from '../src/plan/schema.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const actionYml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8');

/** Every key of every object in the zod schema (walking optional, arrays, records, unions). */
function schemaKeys(schema: unknown, out = new Set<string>()): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return out;
  if (def.type === 'object') {
    for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
      out.add(k);
      schemaKeys(v, out);
    }
  }
  for (const key of ['innerType', 'element', 'valueType', 'in']) if (def[key]) schemaKeys(def[key], out);
  for (const option of (def.options as unknown[] | undefined) ?? []) schemaKeys(option, out);
  return out;
}

describe('README.md', () => {
  it('has inputs/outputs tables generated from action.yml (run `npm run readme` when this fails)', () => {
    expect(renderReadme(readme, actionYml)).toBe(readme);
  });

  it('starts with the two commands: simulate on the example plan, then the test script', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock
      .trim()
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim());
    expect(commands).toEqual(['node bin/progressive-release.js simulate workflows-examples/release-plan.yml', 'bash scripts/test.sh']);
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('## '));
  });

  it('documents every field of the plan', () => {
    const missing = [...schemaKeys(PlanSchema)].filter((k) => !readme.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });

  it('shows the yaml-language-server schema line and the limit rule', () => {
    expect(readme).toContain('# yaml-language-server: $schema=');
    expect(readme).toContain('failures > `failureLimit`');
  });
});
