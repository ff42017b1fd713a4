// The window of rows a virtualised list renders: only what is visible plus a little
// overscan, so that 10k rows cost as much as 40.

export interface RowWindow {
  /** First row rendered (inclusive). */
  start: number;
  /** Row after the last rendered (exclusive). */
  end: number;
  /** Pixel offset of `start` from the top of the list. */
  offset: number;
}

export function rowWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(count - 1, Math.floor(top / rowHeight));
  const visible = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offset: start * rowHeight };
}

/** The scrollTop that brings row `i` into view, or `null` when it already is. */
export function scrollToRow(
  i: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number,
): number | null {
  const top = i * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return null;
}

/**
 * Items built per row (or per link, or anything with a number), reusing the item built last
 * time for a key whose inputs are the very same objects. An edit at 10k tasks changes a
 * handful of rows; the others keep their item, so Svelte re-runs nothing in them and leaves
 * their DOM alone.
 */
export class RowItems<T> {
  private last = new Map<number, { deps: readonly unknown[]; item: T }>();

  /** The items of rows `start` ≤ i < `end`. */
  build(start: number, end: number, deps: (i: number) => readonly unknown[], make: (i: number) => T): T[] {
    const keys: number[] = [];
    for (let i = start; i < end; i++) keys.push(i);
    return this.buildFor(keys, deps, make);
  }

  /** The items of `keys`, in their order. Keys not asked for this time are forgotten. */
  buildFor(keys: ArrayLike<number>, deps: (k: number) => readonly unknown[], make: (k: number) => T): T[] {
    const next = new Map<number, { deps: readonly unknown[]; item: T }>();
    const out: T[] = [];
    for (let n = 0; n < keys.length; n++) {
      const k = keys[n];
      const d = deps(k);
      const old = this.last.get(k);
      const kept = old && old.deps.length === d.length && old.deps.every((x, j) => x === d[j]);
      const entry = kept ? old : { deps: d, item: make(k) };
      next.set(k, entry);
      out.push(entry.item);
    }
    this.last = next;
    return out;
  }
}
