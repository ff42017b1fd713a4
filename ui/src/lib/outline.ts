// The plan's outline as the grid and the chart show it: a summary task collapsed (its caret,
// Alt+Shift+−, or an outline level chosen in the status bar) hides the tasks under it, as in
// MS Project. The rows shown are the plan's rows in order without the hidden ones; the grid
// and the chart lay out *positions* (0, 1, … among the rows shown) and read the plan row at
// each. With nothing collapsed, position and row are the same and nothing is built.

import type { TaskId } from "./bindings";
import type { EndRows } from "./links";

/** A task as the outline reads it. */
export interface OutlineTask {
  id: TaskId;
  outline_level: number;
}

/** The rows shown. */
export interface Shown {
  /** Position → plan row; `null` when every row shows (position = row). */
  rows: Int32Array | null;
  /** Plan row → position, −1 for a hidden row; `null` with `rows`. */
  pos: Int32Array | null;
  /** How many rows show. */
  count: number;
  /** The rows a filter shows, collapsed or not (1 = shown); `null` without a filter. */
  kept?: Uint8Array | null;
}

export const ALL_SHOWN = (count: number): Shown => ({ rows: null, pos: null, count });

/**
 * The rows shown when the summaries in `collapsed` are collapsed: each hides the rows after it
 * with a deeper outline level, up to the next row at its level or above. `summary(i)` says
 * whether row `i` is a summary (a collapsed id of a task that is no longer one hides nothing).
 * A filter (`keep`) shows only the rows it keeps and the summaries above them (MS Project's
 * "show related summary rows"). With every row shown, `last` is given back when it said the
 * same, so that what was worked out from it (the links' ends) is kept through an edit.
 */
export function shownRows(
  tasks: readonly OutlineTask[],
  summary: (i: number) => boolean,
  collapsed: ReadonlySet<TaskId>,
  last?: Shown,
  keep?: (i: number) => boolean,
): Shown {
  const n = tasks.length;
  const same = () => (last && !last.rows && last.count === n ? last : ALL_SHOWN(n));
  if (collapsed.size === 0 && !keep) return same();
  const kept = keep ? keptWithSummaries(tasks, keep) : null;
  const rows = new Int32Array(n);
  const pos = new Int32Array(n);
  let count = 0;
  // The level of the collapsed summary whose rows are being hidden, or none.
  let below = Infinity;
  for (let i = 0; i < n; i++) {
    const level = tasks[i].outline_level;
    if (level > below) {
      pos[i] = -1;
      continue;
    }
    below = Infinity;
    if (kept && !kept[i]) {
      pos[i] = -1;
      continue;
    }
    pos[i] = count;
    rows[count++] = i;
    if (collapsed.has(tasks[i].id) && summary(i)) below = level;
  }
  if (count === n) return same();
  return { rows: rows.subarray(0, count), pos, count, kept };
}

/** The row shown nearest row `i`: the first at or after it, else the last; `null` when none shows. */
export function nearestShown(s: Shown, i: number): number | null {
  if (s.count === 0) return null;
  if (!s.rows) return Math.min(i, s.count - 1);
  let lo = 0;
  let hi = s.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.rows[mid] < i) lo = mid + 1;
    else hi = mid;
  }
  return s.rows[Math.min(lo, s.count - 1)];
}

/** The rows `keep` keeps, and the rows of the summaries above each (1 = shown). */
function keptWithSummaries(tasks: readonly OutlineTask[], keep: (i: number) => boolean): Uint8Array {
  const out = new Uint8Array(tasks.length);
  // The rows of the summaries open above the current row, outermost first.
  const open: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const level = tasks[i].outline_level;
    while (open.length && tasks[open[open.length - 1]].outline_level >= level) open.pop();
    if (keep(i)) {
      out[i] = 1;
      for (let k = open.length - 1; k >= 0 && !out[open[k]]; k--) out[open[k]] = 1;
    }
    open.push(i);
  }
  return out;
}

/** The plan row at position `p`. */
export function rowAt(s: Shown, p: number): number {
  return s.rows ? s.rows[p] : p;
}

/** The position of plan row `i`, −1 when it is hidden. */
export function posOf(s: Shown, i: number): number {
  return s.pos ? s.pos[i] : i;
}

/** The row `by` positions from row `i` among the rows shown, within the first and the last. */
export function stepShown(s: Shown, i: number, by: number): number {
  if (s.count === 0) return i;
  const p = posOf(s, i);
  const from = p < 0 ? 0 : p;
  return rowAt(s, Math.max(0, Math.min(s.count - 1, from + by)));
}

/**
 * The positions at both ends of each link among the rows shown (−1 for a hidden end), from
 * their plan rows `ends`: `ends` itself when every row shows, so that what is worked out from
 * it is kept; else one pass over two arrays. At 100k tasks and 300k links, a look-up of each
 * end by task id made showing a level take 95–138 ms to the painted frame; 56–83 ms this way.
 */
export function shownEnds(ends: EndRows, s: Shown): EndRows {
  const pos = s.pos;
  if (!pos) return ends;
  const from = new Int32Array(ends.from.length);
  const to = new Int32Array(ends.to.length);
  for (let k = 0; k < from.length; k++) {
    const a = ends.from[k];
    const b = ends.to[k];
    from[k] = a < 0 ? -1 : pos[a];
    to[k] = b < 0 ? -1 : pos[b];
  }
  return { from, to };
}

/** The rows of the summaries above row `i`, nearest first. */
export function ancestors(tasks: readonly OutlineTask[], i: number): number[] {
  const out: number[] = [];
  let level = tasks[i]?.outline_level ?? 0;
  for (let j = i - 1; j >= 0 && level > 1; j--) {
    if (tasks[j].outline_level < level) {
      out.push(j);
      level = tasks[j].outline_level;
    }
  }
  return out;
}

/** `collapsed` without the summaries above row `i`, so that it shows (the same set when none hides it). */
export function reveal(tasks: readonly OutlineTask[], i: number, collapsed: ReadonlySet<TaskId>): ReadonlySet<TaskId> {
  if (collapsed.size === 0) return collapsed;
  const up = ancestors(tasks, i).map((j) => tasks[j].id).filter((id) => collapsed.has(id));
  if (up.length === 0) return collapsed;
  const next = new Set(collapsed);
  for (const id of up) next.delete(id);
  return next;
}

/** The summaries collapsed to show outline levels 1 to `level` (MS Project's Show › Outline Level). */
export function collapsedToLevel(tasks: readonly OutlineTask[], summary: (i: number) => boolean, level: number): Set<TaskId> {
  const out = new Set<TaskId>();
  tasks.forEach((t, i) => {
    if (t.outline_level >= level && summary(i)) out.add(t.id);
  });
  return out;
}

/** The deepest outline level among the summaries (the levels worth offering), at least 1. */
export function summaryDepth(tasks: readonly OutlineTask[], summary: (i: number) => boolean): number {
  let d = 1;
  tasks.forEach((t, i) => {
    if (summary(i) && t.outline_level > d) d = t.outline_level;
  });
  return d;
}

/** What the plan view shows of a plan, kept per plan file between sessions. */
export interface ViewState {
  collapsed: Set<TaskId>;
  filter: string | null;
}

const VIEW_KEY = "admiral.view:";
/** At most this many collapsed summaries are kept (a 100k-task plan at outline level 1). */
const MAX_KEPT = 50_000;

/** The outline and filter last shown for the plan at `path`; nothing collapsed or filtered when none (or a damaged entry) is kept. */
export function storedView(storage: Pick<Storage, "getItem"> | undefined, path: string): ViewState {
  const none: ViewState = { collapsed: new Set(), filter: null };
  try {
    const v: unknown = JSON.parse(storage?.getItem(VIEW_KEY + path) ?? "null");
    if (!v || typeof v !== "object") return none;
    const { collapsed, filter } = v as { collapsed?: unknown; filter?: unknown };
    const ids = Array.isArray(collapsed) ? collapsed.filter((x): x is TaskId => typeof x === "string").slice(0, MAX_KEPT) : [];
    return { collapsed: new Set(ids), filter: typeof filter === "string" ? filter : null };
  } catch {
    return none;
  }
}

/** Keeps the outline and filter shown for the plan at `path` (forgets them when nothing is collapsed or filtered). */
export function storeView(
  storage: Pick<Storage, "setItem" | "removeItem"> | undefined,
  path: string,
  collapsed: ReadonlySet<TaskId>,
  filter: string | null,
): void {
  if (!storage || !path) return;
  try {
    if (collapsed.size === 0 && filter === null) storage.removeItem(VIEW_KEY + path);
    else if (collapsed.size <= MAX_KEPT) storage.setItem(VIEW_KEY + path, JSON.stringify({ collapsed: [...collapsed], filter }));
  } catch {
    // A full or refused storage keeps nothing; the view is as shown all the same.
  }
}
