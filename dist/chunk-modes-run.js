import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-core-approval-run.js";
import "./chunk-core-verdict.js";
import "./chunk-plan-repo-path.js";
import "./chunk-plan-approval-workflow.js";
import "./chunk-plan-release-info.js";
import "./chunk-metrics-secrets.js";
import "./chunk-plan-compare.js";
import "./chunk-report-message.js";
import "./chunk-plan-duration.js";
import "./chunk-core-state.js";
import "./chunk-driver-telemetry.js";
import "./chunk-plan-words.js";
import "./chunk-report-untrusted.js";
import "./chunk-runtime.js";
export {
  execute
};
