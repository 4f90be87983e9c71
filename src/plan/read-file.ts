/**
 * Reads a plan (or workflow) file with limits. The path comes from a workflow input or a pull
 * request's tree: a symlink to /dev/zero made readFileSync allocate until the process died, and
 * a FIFO blocked it forever. Only a regular file, at most `maxBytes`, is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Largest release plan read: a 5,000-region plan is about 100 KB (docs/benchmarks.md). */
export const MAX_PLAN_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** Reads `path` as UTF-8 when it is a regular file of at most `maxBytes`; otherwise says why not. */
export function readBoundedFile(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason:
        code === 'ENOENT'
          ? 'file not found'
          : code === 'EACCES'
            ? 'permission denied'
            : code === 'EISDIR'
              ? 'is a directory, expected a YAML file'
              : `cannot open it (${code ?? 'unknown error'})`,
    };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: `is ${kindOf(st)}, expected a regular YAML file` };
    const limit = `over the ${sizeText(maxBytes)} limit for this file`;
    if (st.size > maxBytes) return { ok: false, reason: `is ${sizeText(st.size)}, ${limit}` };
    // Read one byte past the limit: a file that grows after the stat is caught too.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > maxBytes) return { ok: false, reason: `grew past ${sizeText(maxBytes)} while being read, ${limit}` };
    return { ok: true, text: buf.subarray(0, n).toString('utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EISDIR' ? 'is a directory, expected a YAML file' : `cannot read it (${code ?? 'unknown error'})` };
  } finally {
    closeSync(fd);
  }
}
