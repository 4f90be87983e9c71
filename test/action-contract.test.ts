/** action.yml and the typed registry in src/action-io.ts describe the same inputs and outputs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS, MODES, OUTPUTS } from '../src/action-io.js';

interface ActionYml {
  name: string;
  description: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as ActionYml;

describe('action.yml contract', () => {
  it('runs dist/index.js on node24, with a name and branding', () => {
    expect(action.name).toBe('Progressive Release');
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.branding?.icon).toBeTruthy();
    expect(action.branding?.color).toBeTruthy();
    expect(action.description.length).toBeGreaterThan(20);
  });

  it('declares exactly the registry inputs, with the same descriptions, required flags and defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.keys(INPUTS).sort());
    for (const [name, spec] of Object.entries(INPUTS)) {
      const declared = action.inputs[name];
      expect(declared?.description, `input ${name}`).toBe(spec.description);
      expect(declared?.required ?? false, `input ${name}`).toBe(spec.required);
      expect(declared?.default, `input ${name}`).toBe('default' in spec ? spec.default : undefined);
    }
  });

  it('declares exactly the registry outputs, with the same descriptions', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.keys(OUTPUTS).sort());
    for (const [name, spec] of Object.entries(OUTPUTS)) expect(action.outputs[name]?.description, `output ${name}`).toBe(spec.description);
  });

  it('has the inputs and outputs the issue requires', () => {
    for (const name of ['plan', 'version', 'token', 'mode', 'command', 'release']) expect(Object.keys(INPUTS)).toContain(name);
    for (const name of ['decision', 'reason-code', 'release-id', 'result']) expect(Object.keys(OUTPUTS)).toContain(name);
    expect(INPUTS.plan.default).toBe('.github/release-plan.yml');
    expect(INPUTS.token.default).toBe('${{ github.token }}');
    expect(INPUTS.mode.default).toBe('run');
    for (const mode of MODES) expect(INPUTS.mode.description).toContain(`'${mode}'`);
  });
});
