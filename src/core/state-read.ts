/**
 * Reading a saved state back from the ledger (another job, possibly another version of this
 * code wrote it): its schema version, its shape (state-shape.ts), and the migration of version 1.
 */
import { SCHEMA_VERSION, type DeploymentStatusRecord, type RegionState, type State } from './state.js';
import { stateShapeProblem } from './state-shape.js';

/** A saved state this version cannot use: another schema version, or a field of the wrong shape. */
export class StateUnreadableError extends Error {
  override name = 'StateUnreadableError';
  constructor(
    readonly kind: 'version' | 'shape',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Reads a state saved by this or another version; refuses what it cannot understand, naming why (StateUnreadableError). */
export function parseState(value: unknown): State {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new StateUnreadableError(
      'shape',
      `its state is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}, expected an object`,
      '(state)',
    );
  const v = (value as { schemaVersion?: unknown }).schemaVersion;
  if (v !== 1 && v !== SCHEMA_VERSION)
    throw new StateUnreadableError(
      'version',
      `its state has schemaVersion ${String(v)}, which this version of progressive-release does not read (it reads 1 and ${SCHEMA_VERSION})`,
    );
  // Versions 1 and 2 share the shape checked here (version 1's extra fields pass through).
  const bad = stateShapeProblem(value);
  if (bad) throw new StateUnreadableError('shape', `its field state.${bad.field} ${bad.problem}`, bad.field);
  if (v === 1) return fromVersion1(value as State);
  return value as State;
}

/** A region as version 1 saved it: a deployment (and wanted status) per step index. */
interface RegionV1 {
  deployments?: Record<string, number>;
  statuses?: Record<string, { state: DeploymentStatusRecord['state']; description: string; runUrl?: string; confirmed?: DeploymentStatusRecord['state'] }>;
}

/**
 * Version 1 kept one deployment per region and step; version 2 one per region. A release in
 * flight across an upgrade goes on with the deployment of its latest step (its statuses follow
 * the remaining steps; earlier steps' deployments keep the statuses they had).
 */
function fromVersion1(s: State): State {
  for (const r of Object.values(s.regions) as Array<RegionState & RegionV1>) {
    // The latest step with a deployment or a wanted status (its deployment may not exist yet:
    // the resume creates one under the new key, and sends the wanted status to it).
    const steps = [...Object.keys(r.deployments ?? {}), ...Object.keys(r.statuses ?? {})].map(Number).sort((a, b) => a - b);
    const last = steps.at(-1);
    const id = last !== undefined ? r.deployments?.[String(last)] : undefined;
    if (id !== undefined) r.deploymentId = id;
    const want = last !== undefined ? r.statuses?.[String(last)] : undefined;
    if (want && last !== undefined) {
      const confirmed = id !== undefined && want.confirmed !== undefined ? { confirmed: `${want.confirmed}@${last}` } : {};
      r.deploymentStatus = {
        state: want.state,
        step: last,
        description: want.description,
        ...(want.runUrl !== undefined ? { runUrl: want.runUrl } : {}),
        ...confirmed,
      };
    }
    delete r.deployments;
    delete r.statuses;
  }
  return { ...s, schemaVersion: SCHEMA_VERSION };
}
