import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-24UT5SMO.js";
import "./chunk-4EFDUKLX.js";
import "./chunk-WVWVFZNS.js";
import "./chunk-IV47QCXJ.js";
import "./chunk-ZUDVBQ6V.js";
import "./chunk-LJOIII3Y.js";
import "./chunk-PBOM2Y6M.js";
import "./chunk-WE6J2DTS.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};
