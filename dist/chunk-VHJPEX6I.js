import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-J23HFSNS.js";
import "./chunk-O76JCA6C.js";
import "./chunk-WVWVFZNS.js";
import "./chunk-R5HCABVU.js";
import "./chunk-ZUDVBQ6V.js";
import "./chunk-3Q4BRK2L.js";
import "./chunk-PBOM2Y6M.js";
import "./chunk-WE6J2DTS.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};
