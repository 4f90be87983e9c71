import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-J6L2D27D.js";
import "./chunk-GTLVSO7E.js";
import "./chunk-4GV2JCKW.js";
import "./chunk-6RKYHDKP.js";
import "./chunk-EJ45GWUY.js";
import "./chunk-3EXXZ6GR.js";
import "./chunk-GV6OHGRP.js";
import "./chunk-ST2M5XAG.js";
import "./chunk-IU2R2XTA.js";
import "./chunk-UM2PY54I.js";
import "./chunk-JLDH7XDC.js";
import "./chunk-WGCCVW4I.js";
import "./chunk-AS6I4X2T.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};
