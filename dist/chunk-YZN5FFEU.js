import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-D2L6UFVH.js";
import "./chunk-4GV2JCKW.js";
import "./chunk-PTAEOFID.js";
import "./chunk-3EXXZ6GR.js";
import "./chunk-ST2M5XAG.js";
import "./chunk-2LTNME3Z.js";
import "./chunk-2VDCWO2O.js";
import "./chunk-YO2FFD4H.js";
import "./chunk-BTALO2WQ.js";
export {
  execute
};
