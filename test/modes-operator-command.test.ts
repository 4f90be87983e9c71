import { describe, expect, it } from 'vitest';
import { ModeNotAvailable, parseSettings } from '../src/action-io.js';
import { execute as executeReconcile } from '../src/modes/reconcile.js';
import { execute as executeRun } from '../src/modes/run.js';

/** Operator commands are a later issue: until then they must fail loudly, not run a release. */
describe('operator commands before they exist', () => {
  const inputs: Record<string, string> = {
    token: 'ghs_test',
    mode: 'run',
    command: 'approve',
    release: 'shop-1.2.3',
    plan: 'workflows-examples/release-plan.yml',
  };
  it.each([
    ['run', executeRun],
    ['reconcile', executeReconcile],
  ] as const)('mode %s with a command is refused as not available yet', async (mode, execute) => {
    const settings = parseSettings((name) => (name === 'mode' ? mode : (inputs[name] ?? '')));
    const err = await execute(settings).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModeNotAvailable);
    expect((err as Error).message).toBe(`operator command 'approve' (mode '${mode}') is not available yet`);
  });
});
