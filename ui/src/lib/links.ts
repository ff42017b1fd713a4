// Where each link's ends sit in the grid, for drawing dependency arrows.

import type { Link, TaskId } from "./bindings";

export interface EndRows {
  /** Row of each link's predecessor, in the order of the links; -1 when not in the plan. */
  from: Int32Array;
  /** Row of each link's successor. */
  to: Int32Array;
}

/**
 * The links a driving path follows (its tasks in order, as "Why this date?" lists them): the
 * link from each of its tasks to the next, by index in `links`. A link between two tasks of
 * the path that are not next to each other in it is not one it follows.
 */
export function linksAlong(links: readonly Pick<Link, "predecessor" | "successor">[], path: readonly TaskId[]): Set<number> {
  const along = new Set<number>();
  if (path.length < 2) return along;
  const next = new Map(path.slice(1).map((id, k) => [path[k], id]));
  links.forEach((l, k) => {
    if (next.get(l.predecessor) === l.successor) along.add(k);
  });
  return along;
}

let last: { links: Link[]; index: Map<TaskId, number>; rows: EndRows } | null = null;

/**
 * The rows at both ends of every link. The answer for the last (links, index) pair is kept:
 * an edit that changes neither (a new duration, a rename) reuses it instead of looking up
 * 60k ids again.
 */
export function endRows(links: Link[], index: Map<TaskId, number>): EndRows {
  if (last && last.links === links && last.index === index) return last.rows;
  const from = new Int32Array(links.length);
  const to = new Int32Array(links.length);
  links.forEach((l, k) => {
    from[k] = index.get(l.predecessor) ?? -1;
    to[k] = index.get(l.successor) ?? -1;
  });
  const rows = { from, to };
  last = { links, index, rows };
  return rows;
}

/** The links to draw for rows `start` ≤ row < `end`, in two lists of their positions. */
export interface WindowLinks {
  /** Those with an end among the rows (or both), drawn whole. */
  ends: Int32Array;
  /** Those passing through the rows, both ends out of them: only their vertical run shows. */
  passing: Int32Array;
}

/**
 * The links to draw for rows `start` ≤ row < `end`: those with an end in the window and those
 * passing through it. Depends only on the links and the window, so an edit that keeps both
 * (a new duration) does not walk every link again.
 */
export function linksInWindow(rows: EndRows, start: number, end: number): WindowLinks {
  const { from, to } = rows;
  const ends: number[] = [];
  const passing: number[] = [];
  for (let k = 0; k < from.length; k++) {
    const a = from[k];
    const b = to[k];
    if (a < 0 || b < 0) continue;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (hi < start || lo >= end) continue;
    (lo < start && hi >= end ? passing : ends).push(k);
  }
  return { ends: Int32Array.from(ends), passing: Int32Array.from(passing) };
}

/** A link's arrow as the chart draws it, for a link with an end among the rows drawn. */
export interface Arrow {
  /** The link's position in the plan's links. */
  k: number;
  d: string;
  critical: boolean;
}

/** Where a link's vertical run is, and whether it is drawn as critical. */
export interface Run {
  x: number;
  critical: boolean;
}

/**
 * Each link's `Run`, kept while its link and the rows at both ends are the very objects
 * they were: in the middle of a 100k-task plan some 11,000 links pass through the rows drawn,
 * and a scroll of a few rows keeps nearly all of them. Kept in arrays by the link's position,
 * not as an item per link in a map: a scroll makes no object per link.
 */
export class Runs {
  private link: unknown[] = [];
  private from: unknown[] = [];
  private to: unknown[] = [];
  private scale: unknown = null;
  private xs = new Float64Array(0);
  private critical = new Uint8Array(0);

  /** Readies the runs of `n` links drawn at `scale`: all kept are forgotten when either changes. */
  use(n: number, scale: unknown): void {
    if (n === this.xs.length && scale === this.scale) return;
    this.link = new Array(n).fill(null);
    this.from = new Array(n).fill(null);
    this.to = new Array(n).fill(null);
    this.xs = new Float64Array(n);
    this.critical = new Uint8Array(n);
    this.scale = scale;
  }

  /** Link `k`'s run: the one kept, or `make()`'s for `link` and its rows `from` and `to`. */
  get(k: number, link: unknown, from: unknown, to: unknown, make: () => Run): Run {
    if (this.link[k] !== link || this.from[k] !== from || this.to[k] !== to) {
      const r = make();
      this.link[k] = link;
      this.from[k] = from;
      this.to[k] = to;
      this.xs[k] = r.x;
      this.critical[k] = r.critical ? 1 : 0;
      return r;
    }
    return { x: this.xs[k], critical: this.critical[k] === 1 };
  }
}

/**
 * The vertical lines of the links passing through rows `start` ≤ row < `end` (`run(k)` is
 * link `k`'s), as two paths, plain and critical: one line per x between `x0` and `x1` (the
 * part of the chart in view), from the first row's top to the last row's bottom. All that
 * shows of such a link is its vertical run (its ends and its head are in rows out of view);
 * in the middle of a 100k-task plan some 11,000 links pass through the rows in view, and an
 * element each made a scroll take 94–774 ms (docs/benchmarks.md, session 48).
 */
export function passingLines(
  passing: ArrayLike<number>,
  run: (k: number) => Run,
  start: number,
  end: number,
  x0: number,
  x1: number,
  rowHeight: number,
): { plain: string; critical: string } {
  const plain = new Set<number>();
  const critical = new Set<number>();
  for (let n = 0; n < passing.length; n++) {
    const r = run(passing[n]);
    if (r.x >= x0 && r.x <= x1) (r.critical ? critical : plain).add(r.x);
  }
  const y0 = start * rowHeight;
  const y1 = end * rowHeight;
  const path = (xs: Set<number>) => [...xs].map((x) => `M${x},${y0}V${y1}`).join("");
  return { plain: path(plain), critical: path(critical) };
}
