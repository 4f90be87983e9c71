/**
 * A Datadog query read as a range (a comparison gate's query, baselineQuery and minVolume query)
 * must fix its own rollup. Without `.rollup(<aggregator>, <seconds>)` Datadog picks the rollup
 * interval from the length of the range (docs.datadoghq.com/dashboards/functions/rollup/, "Rollup
 * interval: enforced vs custom"); a look re-reads the bake from its start, so the range grows at
 * every look and the points of earlier steps change under the sequential judge, whose always-valid
 * guarantee assumes they do not. The rollup's seconds must also be the gate's interval: the
 * judge's samples are one per interval, and a rollup of another length makes steps missing or
 * several buckets compete for one step.
 */
import { formatDuration } from './duration.js';

/**
 * The points per series Datadog returns (its rollup docs, "Rollup interval: enforced vs custom":
 * past them it rolls up coarser than a custom `.rollup()` asks). A look that reads more steps gets
 * a coarser rollup than the one before, and earlier samples change again.
 */
export const DATADOG_POINTS_MAX = 1500;

/** `.rollup(` and what follows up to its closing parenthesis (no nesting inside a rollup). */
const ROLLUP = /\.rollup\(([^)]*)\)?/g;
/** `.rollup(avg, 60)`: an aggregator and whole seconds. */
const AGGREGATOR_SECONDS = /^\s*(avg|sum|min|max|count)\s*,\s*(\d+)\s*$/;
/**
 * A metric of the query: `name{` (Datadog writes every metric with its scope, `avg:errors{*}`).
 * `{{ ... }}` templates are blanked first; `by {host}` has a space before its brace, so is not one.
 */
const METRIC = /[A-Za-z_][\w.]*\{/g;

/** What is wrong with an interval for a Datadog range read: Datadog's rollup is whole seconds. */
export function rollupIntervalProblem(intervalMs: number): string | undefined {
  const seconds = intervalMs / 1000;
  if (Number.isInteger(seconds) && seconds >= 1) return undefined;
  return `a Datadog comparison needs an interval of whole seconds (its .rollup is in seconds); got ${formatDuration(intervalMs)}`;
}

/** What is wrong with the query's rollup for a range read at `intervalMs` (whole seconds), or undefined when it is fixed to the interval. */
export function rollupProblem(query: string, intervalMs: number): string | undefined {
  const seconds = intervalMs / 1000;
  const want = `.rollup(avg, ${seconds})`;
  const rollups = [...query.matchAll(ROLLUP)];
  if (rollups.length === 0)
    return `a Datadog comparison query needs an explicit ${want} (the gate's interval in seconds; or sum, min, max, count): without it Datadog's rollup grows with the bake and earlier samples change between looks`;
  for (const m of rollups) {
    const args = m[1] ?? '';
    const parsed = AGGREGATOR_SECONDS.exec(args);
    if (!parsed) {
      // A template or a name where the seconds go cannot be checked here; the aggregator alone leaves the interval to Datadog.
      if (/^\s*(avg|sum|min|max|count)\s*$/.test(args))
        return `.rollup(${args.trim()}) gives no interval, so Datadog still picks it from the range's length and earlier samples change between looks: write ${want.replace('avg', args.trim())} (the gate's interval in seconds)`;
      if (/\{\{/.test(args)) continue;
      return `'.rollup(${args})' is not .rollup(<avg|sum|min|max|count>, <seconds>): write ${want} (the gate's interval in seconds)`;
    }
    const given = Number(parsed[2]);
    if (given !== seconds)
      return `.rollup(${parsed[1]}, ${given}) rolls up ${formatDuration(given * 1000)} but the gate's interval is ${formatDuration(intervalMs)}: a look takes one sample per interval, so write .rollup(${parsed[1]}, ${seconds}) or set interval: ${formatDuration(given * 1000)}`;
  }
  const metrics = query.replace(/\{\{[^}]*\}\}/g, 'x').match(METRIC)?.length ?? 0;
  if (metrics > rollups.length)
    return `${metrics} metrics but ${rollups.length === 1 ? 'one .rollup' : `${rollups.length} .rollup`}: each metric of a Datadog comparison query needs its own ${want}, or Datadog picks the others' rollup from the range's length and earlier samples change between looks`;
  return undefined;
}
