import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import "./chunk-EE4O4GVB.js";

// src/telemetry/metrics-sink.ts
function createMetricsSink(_opts) {
  throw new Error("not built yet");
}
export {
  createMetricsSink
};
