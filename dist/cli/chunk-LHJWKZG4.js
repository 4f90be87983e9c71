import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  measurePrometheus,
  observationOf,
  redactObservation,
  renderPromql,
  seriesName
} from "./chunk-KKAPORV3.js";
import "./chunk-BMFEKE3H.js";
import "./chunk-E5G76ZYS.js";
export {
  measurePrometheus,
  observationOf,
  redactObservation,
  renderPromql,
  seriesName
};
