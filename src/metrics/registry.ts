/**
 * The MetricsPort for `run`, `reconcile` and `plan`: dispatches each measurement to the
 * provider of its type. Secrets are collected (and masked) once, when the port is made.
 * `synthetic` providers belong to `simulate` (src/simulate/metrics.ts) and are refused here.
 */
import type { Plan, Provider } from '../plan/types.js';
import type { MeasureRequest, MetricsPort, RangeRequest } from '../driver/ports.js';
import type { Observation, SeriesObservation } from '../core/values.js';
import { truncate } from '../report/text.js';
import type { FetchLike, ProviderDeps } from './http.js';
import { collectSecrets, type Env, type Redactor } from './secrets.js';
import { messageOf } from '../report/message.js';

// The providers (and jsonpath-plus, which http-json needs) are loaded at the first measurement of
// their type, not when the action starts: a run's first GitHub request comes long before its first
// gate, and most plans use one provider type (docs/benchmarks.md, "Cold start").
const loadPrometheus = () => import('./prometheus.js');
const loadDatadog = () => import('./datadog.js');
const loadHttpJson = () => import('./http-json.js');

/**
 * At most this many characters of a backend's text (an error message, series labels) reach the
 * state: it is quoted in reasons, the log, both summaries and the ledger, whose sizes are bounded
 * (65,535 bytes for a check run), and a backend can answer megabytes.
 */
export const BACKEND_TEXT_MAX = 1_000;

/** The observation with its text cut to BACKEND_TEXT_MAX (after the provider scrubbed secrets from the whole text). */
function bounded<O extends Observation | SeriesObservation>(obs: O): O {
  if (obs.kind === 'error') return { ...obs, message: truncate(obs.message, BACKEND_TEXT_MAX) };
  if (obs.kind === 'no-data') return { ...obs, detail: truncate(obs.detail, BACKEND_TEXT_MAX) };
  return obs.detail === undefined ? obs : { ...obs, detail: truncate(obs.detail, BACKEND_TEXT_MAX) };
}

export interface MetricsPortOptions {
  /** Injected by tests; default: the global fetch. */
  fetch?: FetchLike;
  /** Masks a secret the plan names: the action passes runner/io's setSecret (`::add-mask::`), the CLI a no-op. */
  setSecret: (value: string) => void;
}

export interface RealMetricsPort extends MetricsPort {
  /** The redactor built from the plan's secrets, for anything else that prints provider text. */
  readonly redactor: Redactor;
}

/** Makes the metrics port for a plan. */
export function createMetricsPort(plan: Pick<Plan, 'providers'>, env: Env, opts: MetricsPortOptions): RealMetricsPort {
  const redactor = collectSecrets(plan, env, opts.setSecret);
  const deps: ProviderDeps = { fetch: opts.fetch ?? (globalThis.fetch as unknown as FetchLike), env, redact: (t) => redactor.redact(t) };
  // The providers do not throw (a provider module that fails to load does); the catch is the last guard of the port's promise.
  const guarded = async <O extends Observation | SeriesObservation>(read: () => Promise<O>): Promise<O> => {
    try {
      return bounded(await read());
    } catch (err) {
      return { kind: 'error', message: truncate(redactor.redact(messageOf(err)), BACKEND_TEXT_MAX) } as O;
    }
  };
  const measure = (req: MeasureRequest): Promise<Observation> =>
    guarded(async () => {
      switch (req.provider.type) {
        case 'prometheus':
          return (await loadPrometheus()).measurePrometheus(deps, req);
        case 'datadog':
          return (await loadDatadog()).measureDatadog(deps, req);
        case 'http-json':
          return (await loadHttpJson()).measureHttpJson(deps, req);
        default:
          return unsupported(req.provider);
      }
    });
  const measureRange = (req: RangeRequest): Promise<SeriesObservation> =>
    guarded(async () => {
      switch (req.provider.type) {
        case 'prometheus':
          return (await loadPrometheus()).measurePrometheusRange(deps, req);
        case 'datadog':
          return (await loadDatadog()).measureDatadogRange(deps, req);
        case 'http-json':
          return (await loadHttpJson()).measureHttpJsonRange(deps, req);
        default:
          return unsupported(req.provider);
      }
    });
  return { redactor, measure, measureRange };
}

/** A provider this port cannot read: synthetic ones are simulate's, any other type is not known. */
function unsupported(provider: Provider): { kind: 'error'; message: string } {
  if (provider.type === 'synthetic') return { kind: 'error', message: `provider ${provider.name} is synthetic: it only works in simulate` };
  return { kind: 'error', message: `provider type ${String((provider as { type?: unknown }).type)} is not supported` };
}
