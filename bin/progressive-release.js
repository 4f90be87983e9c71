#!/usr/bin/env node
// Runs the committed CLI bundle, so a fresh clone works without `npm install`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('progressive-release: dist/cli/index.js is missing; run `npm run build` (needs `npm ci`).\n');
  process.exit(2);
}
await import(bundle.href);
