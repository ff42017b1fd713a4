// Where each link's ends sit in the grid, for drawing dependency arrows.

import type { Link, TaskId } from "./bindings";

export interface EndRows {
  /** Row of each link's predecessor, in the order of the links; -1 when not in the plan. */
  from: Int32Array;
  /** Row of each link's successor. */
  to: Int32Array;
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

/**
 * The links to draw for rows `start` ≤ row < `end`: those with an end in the window and those
 * passing through it. Depends only on the links and the window, so an edit that keeps both
 * (a new duration) does not walk every link again.
 */
export function linksInWindow(rows: EndRows, start: number, end: number): Int32Array {
  const { from, to } = rows;
  const out: number[] = [];
  for (let k = 0; k < from.length; k++) {
    const a = from[k];
    const b = to[k];
    if (a < 0 || b < 0) continue;
    if (Math.max(a, b) < start || Math.min(a, b) >= end) continue;
    out.push(k);
  }
  return Int32Array.from(out);
}

/** A link's arrow as the chart draws it: `x` is where its vertical run is. */
export interface Arrow {
  /** The link's position in the plan's links. */
  k: number;
  d: string;
  critical: boolean;
  /** The x of the vertical run that crosses the rows between its two ends. */
  x: number;
}

/**
 * The arrows of rows `start` ≤ row < `end` split in two: those with an end among the rows,
 * drawn whole, and the vertical lines of those passing through them. All that shows of a
 * link passing through is its vertical run (its ends and its head are in rows out of view),
 * so those are drawn as two paths, plain and critical: one line per x between `x0` and `x1`
 * (the part of the chart in view), from the first row's top to the last row's bottom. In
 * the middle of a 100k-task plan some 11,000 links pass through the rows in view, and an
 * element each made a scroll take 94–774 ms (docs/benchmarks.md, session 48).
 */
export function splitPassing(
  arrows: Arrow[],
  rows: EndRows,
  start: number,
  end: number,
  x0: number,
  x1: number,
  rowHeight: number,
): { ends: Arrow[]; plain: string; critical: string } {
  const ends: Arrow[] = [];
  const plain = new Set<number>();
  const critical = new Set<number>();
  for (const a of arrows) {
    const r0 = rows.from[a.k];
    const r1 = rows.to[a.k];
    if (Math.min(r0, r1) >= start || Math.max(r0, r1) < end) ends.push(a);
    else if (a.x >= x0 && a.x <= x1) (a.critical ? critical : plain).add(a.x);
  }
  const y0 = start * rowHeight;
  const y1 = end * rowHeight;
  const path = (xs: Set<number>) => [...xs].map((x) => `M${x},${y0}V${y1}`).join("");
  return { ends, plain: path(plain), critical: path(critical) };
}
