/** A percent as the plan writes it (`99.9%`) to a fraction (0.999); undefined for anything else. */
export function parsePercent(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  // Rounded: 99.9 / 100 is 0.9990000000000001 in binary floating point.
  return Number.isFinite(n) ? Number((n / 100).toPrecision(15)) : undefined;
}

/** A fraction back in plan words (0.999 -> 99.9%), without float noise. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}
