/** The committed JSON Schema is what the zod schema produces today. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../scripts/gen-schema.js';

describe('schema/release-plan.schema.json', () => {
  it('matches the zod schema (run `npm run schema` after changing src/plan/schema.ts)', () => {
    const committed = readFileSync(new URL('../schema/release-plan.schema.json', import.meta.url), 'utf8');
    if (committed !== schemaText()) {
      throw new Error('schema/release-plan.schema.json is stale: run `npm run schema` and commit the result');
    }
    expect(JSON.parse(committed).title).toBe('progressive-release release plan');
  });
});
