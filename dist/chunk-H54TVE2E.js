import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-54NH5ZAP.js";
import "./chunk-4EFDUKLX.js";
import "./chunk-WVWVFZNS.js";
import "./chunk-YMPT254Z.js";
import "./chunk-ZUDVBQ6V.js";
import "./chunk-7UWO43Y6.js";
import "./chunk-PBOM2Y6M.js";
import "./chunk-WE6J2DTS.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};
