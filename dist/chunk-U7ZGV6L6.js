import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-7PGVNM5T.js";
import "./chunk-IOAM2LEZ.js";
import "./chunk-4GV2JCKW.js";
import "./chunk-MQLQOPUI.js";
import "./chunk-ENKBKNZA.js";
import "./chunk-3EXXZ6GR.js";
import "./chunk-GV6OHGRP.js";
import "./chunk-ST2M5XAG.js";
import "./chunk-IU2R2XTA.js";
import "./chunk-WJT53X5S.js";
import "./chunk-JLDH7XDC.js";
import "./chunk-7L24NAG4.js";
import "./chunk-AS6I4X2T.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};
