import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  execute
} from "./chunk-5Z36BH7W.js";
import "./chunk-O76JCA6C.js";
import "./chunk-WVWVFZNS.js";
import "./chunk-LNZFP6DC.js";
import "./chunk-ZUDVBQ6V.js";
import "./chunk-LJOIII3Y.js";
import "./chunk-PBOM2Y6M.js";
import "./chunk-WE6J2DTS.js";
import "./chunk-EE4O4GVB.js";
export {
  execute
};
