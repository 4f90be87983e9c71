/**
 * A reader that stops early (`... | head -2`, quitting `less`) closes the pipe; the next write to
 * stdout fails with EPIPE, which Node emits as an 'error' event on the stream and, unhandled,
 * as a stack trace and status 1. A command-line tool ends quietly instead (as `yes | head` does):
 * the reader has what it wanted, so the status is 0. Node ignores SIGPIPE, so this event is the
 * only signal there is.
 */
import type { Writable } from 'node:stream';

/** Ends the process with status 0 and no output when `stream`'s reader has gone; any other write error is rethrown as before. */
export function endQuietlyOnBrokenPipe(stream: Writable, exit: (code: number) => never = (code) => process.exit(code)): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') exit(0);
    throw err;
  });
}
