/**
 * Writes schema/release-plan.schema.json from the zod schema (`npm run schema`).
 * test/schema-drift.test.ts fails when the committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planJsonSchema } from '../src/plan/schema.js';

/** The file's exact text (2-space JSON, trailing newline). */
export function schemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL('../schema/release-plan.schema.json', import.meta.url));
  writeFileSync(target, schemaText());
  process.stdout.write(`wrote ${target}\n`);
}
