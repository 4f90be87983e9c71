import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-DN4A5W4O.js";
import "./chunk-L3LLFARA.js";
import "./chunk-4GV2JCKW.js";
import "./chunk-FSVBMLZT.js";
import "./chunk-3EXXZ6GR.js";
import "./chunk-ST2M5XAG.js";
import "./chunk-MS5PPQK4.js";
import "./chunk-K5GMJYRL.js";
import "./chunk-MBD2WQ2D.js";
import "./chunk-H3ZSEARF.js";
export {
  execute
};
