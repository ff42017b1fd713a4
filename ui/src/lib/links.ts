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
