/**
 * A comparison gate's bound in plan words: `baseline * 1.2 + 0.001`, `baseline + 5`,
 * `1.1 * baseline`, `baseline * 0.9 - 0.002`, or `baseline`. A tiny grammar, not an expression
 * engine: a bound is linear in the baseline (factor·baseline + offset) so the judges can move the
 * baseline sample by it, and anything else is refused with the form expected.
 */

export interface Bound {
  factor: number;
  /** Added to factor·baseline; negative for `- 0.002`. */
  offset: number;
}

const NUMBER = '(\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?)';
const FORMS = [
  new RegExp(`^baseline(?:\\s*\\*\\s*${NUMBER})?(?:\\s*([-+])\\s*${NUMBER})?$`, 'i'),
  new RegExp(`^${NUMBER}\\s*\\*\\s*baseline(?:\\s*([-+])\\s*${NUMBER})?$`, 'i'),
];

export const BOUND_FORM = "'baseline * FACTOR + OFFSET' (e.g. 'baseline * 1.2 + 0.001'; either part may be left out)";

/** The bound, or undefined when `text` is not of the form BOUND_FORM describes. */
export function parseBound(text: string): Bound | undefined {
  const t = text.trim();
  for (const re of FORMS) {
    const m = re.exec(t);
    if (!m) continue;
    const factor = m[1] === undefined ? 1 : Number(m[1]);
    const sign = m[2] === '-' ? -1 : 1;
    const offset = m[3] === undefined ? 0 : sign * Number(m[3]);
    if (!Number.isFinite(factor) || !Number.isFinite(offset) || factor <= 0) return undefined;
    return { factor, offset };
  }
  return undefined;
}

/** The plan words of a bound, as a person reads it back in a verdict. */
export function formatBound(b: Bound): string {
  const f = b.factor === 1 ? 'baseline' : `baseline * ${b.factor}`;
  return b.offset === 0 ? f : `${f} ${b.offset < 0 ? '-' : '+'} ${Math.abs(b.offset)}`;
}
