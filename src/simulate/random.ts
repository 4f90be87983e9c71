/**
 * Seeded randomness for the simulation. A tiny PRNG (mulberry32) seeded from a hash of
 * (seed, region, gate, step, time) rather than Math.random or one shared stream: the same
 * --seed gives the same release whatever order concurrent effects run in, and a 32-bit
 * generator is plenty for noise around a threshold (no crypto, no dependency).
 */

/** FNV-1a over a string: a stable 32-bit seed from a key. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: returns a generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One float in [0, 1) for a key under a seed. */
export function randomFor(seed: number, key: string): number {
  return mulberry32(hash32(`${seed}|${key}`))();
}
