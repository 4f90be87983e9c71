import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  measurePrometheus,
  observationOf,
  redactObservation,
  renderPromql,
  seriesName
} from "./chunk-7MKGTALV.js";
import "./chunk-BMFEKE3H.js";
import "./chunk-WE6J2DTS.js";
import "./chunk-EE4O4GVB.js";
export {
  measurePrometheus,
  observationOf,
  redactObservation,
  renderPromql,
  seriesName
};
