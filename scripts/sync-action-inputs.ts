/**
 * Writes action.yml's `inputs` from the registry in src/action-io.ts (the contract test holds
 * them equal; this keeps the file's comments and order of everything else).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { INPUTS } from '../src/action-io.js';

const doc = parseDocument(readFileSync('action.yml', 'utf8'));
const inputs: Record<string, Record<string, unknown>> = {};
for (const [name, spec] of Object.entries(INPUTS)) {
  inputs[name] = { description: spec.description, required: spec.required, ...('default' in spec ? { default: spec.default } : {}) };
}
doc.set('inputs', doc.createNode(inputs));
writeFileSync('action.yml', doc.toString({ lineWidth: 0 }));
