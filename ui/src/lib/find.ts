// Find a task (MS Project's Find and Go To, Ctrl+F): the rows whose name holds the text typed,
// or whose ID is the number typed, and the next or previous of them from a row.

/** A task as Find reads it. */
export interface Findable {
  number: number;
  name: string;
}

/** Names folded once per task object: the same object keeps its fold across edits and queries. */
const folded = new WeakMap<Findable, string>();

/**
 * `s` as Find compares it: lower case, accents and other combining marks dropped, so that
 * "zoe" finds "Zoë Martin" and "lukasz" "Łukasz Nowak" (Ł has no combining form: it is
 * mapped to l, as ø, đ, ħ and ı are to their base letters).
 */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[łøđħı]/g, (c) => ({ ł: "l", ø: "o", đ: "d", ħ: "h", ı: "i" })[c] ?? c)
    .replace(/ß/g, "ss");
}

function foldedName(t: Findable): string {
  let f = folded.get(t);
  if (f === undefined) {
    f = fold(t.name);
    folded.set(t, f);
  }
  return f;
}

/** What was typed: a task's ID ("12" or "#12") or a piece of a name; `null` when blank. */
export interface Query {
  text: string;
  id: number | null;
}

export function parseQuery(typed: string): Query | null {
  const t = typed.trim();
  if (!t) return null;
  const m = /^#?(\d{1,9})$/.exec(t);
  return { text: fold(t), id: m ? Number(m[1]) : null };
}

/**
 * The rows (indices into `tasks`, in plan order) that match: the task with the ID typed, and
 * every task whose name holds the text.
 */
export function findRows(tasks: readonly Findable[], q: Query | null): number[] {
  if (!q) return [];
  const out: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    if (t.number === q.id || foldedName(t).includes(q.text)) out.push(i);
  }
  return out;
}

/**
 * The row Find goes to as the text is typed: the task with the ID typed, else the first
 * match at or after `from` (the row selected: a match stays while the text still matches),
 * round to the first; `null` when nothing matches.
 */
export function firstRow(tasks: readonly Findable[], rows: readonly number[], q: Query | null, from: number): number | null {
  if (!rows.length || !q) return null;
  if (q.id !== null) {
    const byId = rows.find((i) => tasks[i].number === q.id);
    if (byId !== undefined) return byId;
  }
  return rows.find((i) => i >= from) ?? rows[0];
}

/** The match after (`dir` 1) or before (−1) row `at`, round the ends. */
export function stepRow(rows: readonly number[], at: number, dir: 1 | -1): number | null {
  if (!rows.length) return null;
  if (dir === 1) return rows.find((i) => i > at) ?? rows[0];
  for (let n = rows.length - 1; n >= 0; n--) if (rows[n] < at) return rows[n];
  return rows[rows.length - 1];
}

/** "3 of 17" when row `at` is a match, "17 tasks" when it is not, "No task matches". */
export function countText(rows: readonly number[], at: number): string {
  if (!rows.length) return "No task matches";
  const n = binaryIndex(rows, at);
  if (n >= 0) return `${n + 1} of ${rows.length}`;
  return rows.length === 1 ? "1 task" : `${rows.length} tasks`;
}

function binaryIndex(rows: readonly number[], at: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] === at) return mid;
    if (rows[mid] < at) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
