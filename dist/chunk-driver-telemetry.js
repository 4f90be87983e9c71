import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/driver/telemetry.ts
function untilAborted(signal) {
  return new Promise((resolve) => signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true }));
}
var NO_TELEMETRY = {
  opened: () => void 0,
  transition: () => void 0,
  request: () => void 0,
  finished: () => void 0,
  flush: async () => void 0
};
function fanOut(sinks, warn) {
  if (sinks.length === 0) return NO_TELEMETRY;
  const broken = /* @__PURE__ */ new Set();
  const each = (call) => {
    sinks.forEach((s, i) => {
      if (broken.has(i)) return;
      try {
        call(s);
      } catch (err) {
        broken.add(i);
        warn(err instanceof Error ? err.message : String(err), i);
      }
    });
  };
  return {
    opened: (ctx, state) => each((s) => s.opened(ctx, state)),
    transition: (entry, state) => each((s) => s.transition(entry, state)),
    request: (record) => each((s) => s.request(record)),
    finished: (end) => each((s) => s.finished(end)),
    flush: async (deadline) => {
      await Promise.all(
        sinks.map(async (s, i) => {
          try {
            await s.flush(deadline);
          } catch (err) {
            warn(err instanceof Error ? err.message : String(err), i);
          }
        })
      );
    }
  };
}

export {
  untilAborted,
  fanOut
};
