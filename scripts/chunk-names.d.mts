// Types of chunk-names.mjs (plain JS, run by scripts/build.mjs), for the tests.
import type { Metafile } from 'esbuild';
export function stableChunkNames(metafile: Metafile): Map<string, string>;
export function renameChunks(dir: string, names: ReadonlyMap<string, string>): void;
