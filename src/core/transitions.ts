/**
 * The one wiring of the handovers that point up the concern modules (decide-context.ts `Transitions`:
 * why they exist). decide.ts puts this object in every Ctx; nothing else imports it, so the
 * concern modules never import the ones above them.
 */
import type { Transitions } from './decide-context.js';
import { startBake } from './gates.js';
import { onRegionFailed, onRollbackFinished } from './rollback.js';
import { regionSettled } from './stages.js';

export const TRANSITIONS: Transitions = Object.freeze({ startBake, onRegionFailed, onRollbackFinished, regionSettled });
