import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-H25HI5LE.js";
import "./chunk-4GV2JCKW.js";
import "./chunk-7MI3GC33.js";
import "./chunk-2VURPWFW.js";
import "./chunk-LNBTT5EW.js";
import "./chunk-3EXXZ6GR.js";
import "./chunk-GV6OHGRP.js";
import "./chunk-ST2M5XAG.js";
import "./chunk-IU2R2XTA.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};
