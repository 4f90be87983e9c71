import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  runMode
} from "./chunk-WTHBUYZP.js";
import {
  ModeNotAvailable
} from "./chunk-4EFDUKLX.js";
import "./chunk-OQ2CVMM4.js";
import "./chunk-BMFEKE3H.js";
import "./chunk-A6DFHDIE.js";
import "./chunk-PBOM2Y6M.js";
import "./chunk-WE6J2DTS.js";
import "./chunk-EE4O4GVB.js";

// src/modes/reconcile.ts
async function execute(settings) {
  if (settings.command !== void 0) throw new ModeNotAvailable("reconcile", `operator command '${settings.command}' (mode 'reconcile')`);
  return runMode(settings);
}
export {
  execute
};
