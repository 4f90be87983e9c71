/**
 * The ledger's `output.text`: a versioned envelope with the engine state, the lease and the keys
 * of annotations already sent, encoded to fit GitHub's limit and decoded with a refusal that
 * names what is wrong (the text is anyone's to edit).
 *
 * Size: GitHub limits `output.text` and `output.summary` to 65,535 UTF-8 bytes (not characters:
 * region names are ASCII, but reasons quote backends and the summary's marks take 3-4 bytes each).
 * The envelope is JSON when it fits; otherwise Brotli+base64 (prefix `br+base64:`; ledgers written
 * before it used `gzip+base64:`, still read); when even that does not fit, encoding fails loudly —
 * the state is never cut, because a cut state could not be resumed.
 *
 * Why Brotli: a state's JSON is the same few keys and reasons once per region. Measured on the
 * final state of a 1,100-region, one-step release (1.9 MB of JSON): gzip -9 gives 61.8 KB (82 KB
 * as base64: over the limit), Brotli quality 5 gives 26.6 KB (35 KB as base64) in less time
 * (47 ms against 76 ms); higher qualities gain nothing on this data and cost seconds.
 */
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync } from 'node:zlib';
import { compactHistory } from '../core/compact.js';
import { MAX_DATE_MS } from '../core/ledger-text.js';
import type { State } from '../core/state.js';
import { CHECK_RUN_TEXT_BYTES } from '../report/text.js';

export const LEDGER_FORMAT = 'progressive-release-ledger';
export const LEDGER_VERSION = 1;
const TEXT_LIMIT = CHECK_RUN_TEXT_BYTES;
const BROTLI_PREFIX = 'br+base64:';
/** Ledgers written by earlier versions. */
const GZIP_PREFIX = 'gzip+base64:';

export interface Lease {
  /** The driver holding the release (holder.ts: run id, attempt, job and a per-process nonce). */
  holder: string;
  expiresAt: number;
}

export interface LedgerEnvelope {
  format: typeof LEDGER_FORMAT;
  version: typeof LEDGER_VERSION;
  releaseId: string;
  lease?: Lease;
  /** Keys of annotations already on the check run. */
  annotated: string[];
  state: unknown;
}

export class LedgerTooLargeError extends Error {
  override name = 'LedgerTooLargeError';
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function pack(env: LedgerEnvelope): { json: string; text: string } {
  const json = JSON.stringify(env);
  if (bytes(json) <= TEXT_LIMIT) return { json, text: json };
  const packed = brotliCompressSync(json, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes(json) },
  });
  return { json, text: BROTLI_PREFIX + packed.toString('base64') };
}

/** The JSON of `output.text`, uncompressed. */
function unpack(text: string): string {
  if (text.startsWith(BROTLI_PREFIX)) return brotliDecompressSync(Buffer.from(text.slice(BROTLI_PREFIX.length), 'base64')).toString('utf8');
  if (text.startsWith(GZIP_PREFIX)) return gunzipSync(Buffer.from(text.slice(GZIP_PREFIX.length), 'base64')).toString('utf8');
  return text;
}

/**
 * Encodes an envelope into `output.text`: JSON, or Brotli+base64 when JSON is too long, and when
 * even that does not fit, the state with fewer old measurement entries in its history (verdicts
 * and counters are always kept, so a resume decides the same). Throws when nothing fits.
 */
export function encodeEnvelope(env: LedgerEnvelope): string {
  let packed = pack(env);
  if (bytes(packed.text) <= TEXT_LIMIT) return packed.text;
  const first = packed;
  const state = env.state as State | undefined;
  if (state && Array.isArray(state.history)) {
    for (const keep of [3, 1, 0]) {
      packed = pack({ ...env, state: compactHistory(state, keep) });
      if (bytes(packed.text) <= TEXT_LIMIT) return packed.text;
    }
  }
  throw new LedgerTooLargeError(
    `ledger state of ${env.releaseId} is ${bytes(first.json)} bytes (${bytes(packed.text)} compressed, old measurements left out), over GitHub's ${TEXT_LIMIT}-byte check-run text limit`,
  );
}

/** Why `output.text` is not a ledger this version reads: the code and what is wrong, in words. */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
  constructor(
    readonly reasonCode: 'ledger-corrupt' | 'ledger-version-unsupported',
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** Decodes `output.text`; refuses anything that is not a ledger of a known version (EnvelopeError). */
export function decodeEnvelope(text: string): LedgerEnvelope {
  const packedAs = text.startsWith(BROTLI_PREFIX) ? BROTLI_PREFIX : text.startsWith(GZIP_PREFIX) ? GZIP_PREFIX : undefined;
  let json: string;
  try {
    json = unpack(text);
  } catch {
    throw new EnvelopeError(
      'ledger-corrupt',
      `its output.text starts with '${packedAs ?? ''}' but the rest is not ${packedAs === BROTLI_PREFIX ? 'Brotli' : 'gzip'} data in base64`,
    );
  }
  let env: Partial<LedgerEnvelope>;
  try {
    env = JSON.parse(json) as Partial<LedgerEnvelope>;
  } catch {
    throw new EnvelopeError('ledger-corrupt', `its output.text is not valid JSON (${json.length} characters${packedAs ? ' after decompressing' : ''})`);
  }
  if (typeof env !== 'object' || env === null || env.format !== LEDGER_FORMAT)
    throw new EnvelopeError('ledger-corrupt', `its output.text is not a progressive-release ledger (no "format": "${LEDGER_FORMAT}")`);
  if (typeof env.version !== 'number') throw new EnvelopeError('ledger-corrupt', 'its field "version" is not a number');
  if (env.version !== LEDGER_VERSION) {
    throw new EnvelopeError(
      'ledger-version-unsupported',
      `ledger version ${env.version} is not supported (this version of progressive-release reads version ${LEDGER_VERSION})`,
    );
  }
  if (env.annotated !== undefined && !(Array.isArray(env.annotated) && env.annotated.every((k) => typeof k === 'string'))) {
    throw new EnvelopeError('ledger-corrupt', 'its field "annotated" is not a list of strings');
  }
  const lease = env.lease as Partial<Lease> | undefined;
  // The expiry is compared with the clock and printed as a date (lease-held): a time Date cannot hold would throw there.
  if (
    lease !== undefined &&
    (typeof lease !== 'object' ||
      lease === null ||
      typeof lease.holder !== 'string' ||
      typeof lease.expiresAt !== 'number' ||
      !(Math.abs(lease.expiresAt) <= MAX_DATE_MS))
  ) {
    throw new EnvelopeError('ledger-corrupt', 'its field "lease" is not {holder: string, expiresAt: a time in epoch milliseconds}');
  }
  return { annotated: [], ...env } as LedgerEnvelope;
}
