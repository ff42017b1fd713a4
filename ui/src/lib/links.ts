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
