/**
 * Region timers: a binary min-heap of [at, region] kept in the state (plain JSON arrays), so a
 * timer tick touches only the regions that are due instead of every region in flight. With a
 * thousand regions baking at once, scanning them all on every tick made a release quadratic.
 *
 * An entry is valid while `regions[name].wakeAt === at`; when a region's next time changes a new
 * entry is pushed and the old one goes stale (skipped when it surfaces). `advance` keeps the top
 * valid, so `peekTimer` is exact.
 */
export type Timer = [at: number, region: string];

function less(a: Timer, b: Timer): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

export function pushTimer(heap: Timer[], t: Timer): void {
  heap.push(t);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as Timer;
    if (!less(t, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = t;
}

export function popTimer(heap: Timer[]): Timer | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    let best = last;
    const lt = heap[l];
    const rt = heap[r];
    if (lt && less(lt, best)) {
      m = l;
      best = lt;
    }
    if (rt && less(rt, best)) m = r;
    if (m === i) break;
    heap[i] = heap[m] as Timer;
    i = m;
  }
  heap[i] = last;
  return top;
}

export function peekTimer(heap: readonly Timer[]): Timer | undefined {
  return heap[0];
}
