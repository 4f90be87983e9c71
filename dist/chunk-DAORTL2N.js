import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-WAV3RJKG.js";
import "./chunk-4GV2JCKW.js";
import "./chunk-SCIZX6H4.js";
import "./chunk-3EXXZ6GR.js";
import "./chunk-ST2M5XAG.js";
import "./chunk-ZVYYF62U.js";
import "./chunk-WIWIMDKZ.js";
import "./chunk-UAOH4PVY.js";
import "./chunk-DVUA5AJY.js";
export {
  execute
};
