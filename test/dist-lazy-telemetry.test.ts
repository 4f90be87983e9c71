/**
 * Cold start is part of every job: prom-client and the OpenTelemetry SDK must stay out of what
 * `node dist/index.js` loads before it knows it needs them. Follows the shipped bundle's static
 * imports from index.js (dynamic `import()` is what modes/telemetry.ts uses on purpose) and
 * fails if any file reached that way bundles either package; and checks both are shipped at all,
 * so the test cannot pass by finding nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '..', 'dist');
const HEAVY = [/node_modules\/prom-client\//, /node_modules\/@opentelemetry\//];

/** The files `file` reaches through static `import ... from` / `export ... from` and bare `import '...'`. */
function staticClosure(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = readFileSync(join(DIST, name), 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gm)) visit((m[1] ?? m[2]) as string);
  };
  visit(file);
  return seen;
}

describe('the shipped bundle loads no telemetry library before it is asked for', () => {
  it('index.js reaches neither prom-client nor @opentelemetry through static imports', () => {
    const loaded = staticClosure('index.js');
    expect(loaded.size).toBeGreaterThan(1);
    for (const name of loaded) {
      const text = readFileSync(join(DIST, name), 'utf8');
      for (const heavy of HEAVY) expect(heavy.test(text), `${name} bundles ${heavy.source}`).toBe(false);
    }
  });

  it('both are in the bundle, in chunks only a dynamic import reaches', () => {
    const loaded = staticClosure('index.js');
    const files = readdirSync(DIST).filter((f) => f.endsWith('.js'));
    for (const heavy of HEAVY) {
      const holders = files.filter((f) => heavy.test(readFileSync(join(DIST, f), 'utf8')));
      expect(holders.length, `${heavy.source} is shipped`).toBeGreaterThan(0);
      for (const h of holders) expect(loaded.has(h), `${h} is loaded at start`).toBe(false);
    }
  });
});
