import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  diag
} from "./chunk-opentelemetry-api-context.js";
import "./chunk-runtime.js";

// node_modules/@opentelemetry/resources/dist/detectors/platform/node/machine-id/getMachineId-unsupported.mjs
async function getMachineId() {
  diag.debug("could not read machine-id: unsupported platform");
}
export {
  getMachineId
};
