// A whole plan as Rust sends it (src-tauri/src/wire.rs: columns, common values short,
// references as positions) turned back into the objects the plain JSON would give, so that
// the rest of the UI sees one plan shape. wire.test.ts checks the result against the plain
// JSON of the same plan. A delta's rows come as a patch (src-tauri/src/row_patch.rs) that
// `applyRowPatch` applies to the rows held; api.test.ts checks it.

import type { Assignment, Column, Link, Moves, Plan, Ref, RowColumns, RowPatch, RowView, Stamp, Task, WholePlan } from "./bindings";

/** The id `r` refers to: the one at its position in `ids`, or the id it names. */
function deref<I>(r: Ref<I>, ids: I[]): I {
  return typeof r === "number" ? ids[r] : r;
}

/** The task a row's reference names: by its position (`taskId` gives the id there), or its id. */
function refTo(r: Ref<string> | null, taskId: (i: number) => string): string | null {
  return r === null ? null : typeof r === "number" ? taskId(r) : r;
}

/** The plan and its rows (one per task, in order) that `w` encodes. */
export function decodeWhole(w: WholePlan): { plan: Plan; rows: RowView[] } {
  const tasks = decodeTasks(w);
  const ids = w.tasks.id;
  const plan: Plan = { ...w.plan, tasks, links: decodeLinks(w, ids), assignments: decodeAssignments(w, ids) };
  return { plan, rows: decodeRows(w.rows, (i) => ids[i]) };
}

function decodeTasks(w: WholePlan): Task[] {
  const c = w.tasks;
  const d = c.defaults;
  const projects = w.plan.projects.map((p) => p.id);
  const out: Task[] = new Array(c.id.length);
  for (let i = 0; i < out.length; i++) {
    const dur = c.duration[i];
    const e = c.estimate[i];
    const t: Task = {
      id: c.id[i],
      number: c.number[i],
      external_uid: c.external_uid[i],
      project_id: deref(c.project[i], projects),
      name: c.name[i],
      kind: c.kind[i],
      outline_level: c.outline_level[i],
      duration: typeof dur === "number" ? { type: "working", minutes: dur } : dur,
      estimate: e ? { optimistic: e[0], most_likely: e[1], pessimistic: e[2] } : null,
      constraint: c.constraint[i] ?? { ...d.constraint },
      deadline: c.deadline[i],
      calendar_id: c.calendar_id[i],
      owner: c.owners[c.owner[i]],
      notes: c.notes[i],
      progress: c.progress[i] ?? { ...d.progress },
      mode: c.mode[i] ?? { ...d.mode },
      effort: c.effort[i] ?? { ...d.effort },
    };
    const fixed = c.fixed_cost[i];
    if (fixed) t.fixed_cost = fixed;
    out[i] = t;
  }
  // Only the split tasks are listed, with their splits.
  for (const [i, splits] of c.splits) out[i].splits = splits;
  return out;
}

function decodeLinks(w: WholePlan, tasks: string[]): Link[] {
  const c = w.links;
  const out: Link[] = new Array(c.id.length);
  for (let i = 0; i < out.length; i++) {
    const lag = c.lag[i];
    out[i] = {
      id: c.id[i],
      predecessor: deref(c.predecessor[i], tasks),
      successor: deref(c.successor[i], tasks),
      kind: c.kind[i],
      lag: typeof lag === "number" ? { type: "working", value: lag } : lag,
    };
  }
  return out;
}

function decodeAssignments(w: WholePlan, tasks: string[]): Assignment[] {
  const c = w.assignments;
  const resources = w.plan.resources.map((r) => r.id);
  const out: Assignment[] = new Array(c.id.length);
  for (let i = 0; i < out.length; i++) {
    const a: Assignment = {
      id: c.id[i],
      task_id: deref(c.task_id[i], tasks),
      resource_id: deref(c.resource_id[i], resources),
      units: c.units[i],
      work: c.work[i],
    };
    const contour = c.contour[i];
    if (contour) a.contour = contour;
    out[i] = a;
  }
  return out;
}

/**
 * A whole plan's rows in columns: row `i` is task `i`'s unless `c.task` says otherwise.
 * `taskId(i)` is the id of the plan's task at position `i`, for the references, which are
 * positions.
 */
export function decodeRows(c: RowColumns, taskId: (i: number) => string): RowView[] {
  const ref = (r: Ref<string> | null) => refTo(r, taskId);
  const out: RowView[] = new Array(c.flags.length);
  for (let i = 0; i < out.length; i++) {
    const f = c.flags[i];
    out[i] = {
      taskId: c.task ? ref(c.task[i])! : taskId(i),
      summary: (f & 1) !== 0,
      milestone: (f & 2) !== 0,
      start: c.start[i],
      finish: c.finish[i],
      totalFloat: c.total_float[i],
      critical: (f & 4) !== 0,
      nearCritical: (f & 8) !== 0,
      blockedByGate: ref(c.blocked_by_gate[i]),
      drivingPredecessor: ref(c.driving_predecessor[i]),
      duration: c.duration[i],
      predecessors: c.predecessors[i],
      baseline: c.baseline[i],
      percent: c.percent[i],
      cost: c.cost[i],
      segments: [],
    };
  }
  // Only the split tasks' rows are listed, with the periods they work.
  for (const [i, segments] of c.segments) out[i].segments = segments;
  return out;
}

/**
 * Each row's start and finish as minutes since 1970-01-01 00:00, `NaN` for a date that is not
 * a whole minute of the years 0–9999: kept beside the rows, so that a patch's changes
 * (`Shifts`) apply without reading some 17,000 date texts back at each edit of 10k tasks.
 */
export interface RowMinutes {
  start: Float64Array;
  finish: Float64Array;
}

/** The minutes of `rows`' dates. */
export function rowMinutes(rows: RowView[]): RowMinutes {
  const m = { start: new Float64Array(rows.length), finish: new Float64Array(rows.length) };
  rows.forEach((r, i) => {
    m.start[i] = minutesOrNaN(r.start);
    m.finish[i] = minutesOrNaN(r.finish);
  });
  return m;
}

/** A patch's date as minutes since 1970, `NaN` for one sent as text. */
const stampMinutes = (s: Stamp): number => (typeof s === "number" ? s : NaN);

function minutesOrNaN(t: string): number {
  try {
    return textMinutes(t);
  } catch {
    return NaN;
  }
}

/**
 * The rows `held` (one per task) with a delta's patch applied, and their dates' minutes
 * (`minutes` are `held`'s): each row a column of `p` names gets a new object with that
 * column's value (a column left `null` changes no row). `held` and `minutes` are left as they
 * were; rows the patch does not name stay the same objects, so that only changed rows
 * re-render.
 */
export function applyRowPatch(
  held: RowView[],
  p: RowPatch,
  taskId: (i: number) => string,
  minutes: RowMinutes = rowMinutes(held),
): { rows: RowView[]; minutes: RowMinutes } {
  const ref = (r: Ref<string> | null) => refTo(r, taskId);
  const rows = held.slice();
  /** Row `i` as a new object of its own, made on its first change. */
  const own = (i: number): RowView => {
    const h = held[i];
    if (!h) throw new Error(`a delta changed row ${i + 1}, which the plan does not have`);
    if (rows[i] === h) rows[i] = copyRow(h, taskId(i));
    return rows[i];
  };
  const each = <T>(c: Column<T> | null, set: (i: number, r: RowView, v: T) => void) => {
    if (!c) return;
    let k = 0;
    for (let run = 0; run < c.at.length; run += 2) {
      for (let i = c.at[run], end = i + c.at[run + 1]; i < end; i++) set(i, own(i), c.values[k++]);
    }
  };
  each(p.flags, (_, r, f) => {
    r.summary = (f & 1) !== 0;
    r.milestone = (f & 2) !== 0;
    r.critical = (f & 4) !== 0;
    r.nearCritical = (f & 8) !== 0;
  });
  /** Dates and floats: each the change from the value held (Shifts), or the new value. */
  const moves = <T>(c: Moves<T> | null, at: (i: number) => number, set: (i: number, r: RowView, v: number | T) => void) => {
    if (!c) return;
    if (!("by" in c)) return each(c, (i, r, v) => set(i, r, v));
    let k = 0;
    let left = 0;
    let by = 0;
    for (let run = 0; run < c.at.length; run += 2) {
      for (let i = c.at[run], end = i + c.at[run + 1]; i < end; i++) {
        if (left === 0) {
          by = c.by[k] * c.unit;
          left = c.by[k + 1];
          k += 2;
        }
        left--;
        const was = at(i);
        if (Number.isNaN(was)) throw new Error(`a delta moved row ${i + 1}'s date, which is not a whole minute`);
        set(i, own(i), was + by);
      }
    }
  };
  // Copied only when a column changes them: `minutes` are the rows held's.
  const start = p.start ? minutes.start.slice() : minutes.start;
  const finish = p.finish ? minutes.finish.slice() : minutes.finish;
  // Each date's text, and its minutes beside it.
  moves<Stamp>(p.start, (i) => start[i], (i, r, v) => {
    r.start = stampText(v);
    start[i] = stampMinutes(v);
  });
  moves<Stamp>(p.finish, (i) => finish[i], (i, r, v) => {
    r.finish = stampText(v);
    finish[i] = stampMinutes(v);
  });
  moves(p.total_float, (i) => held[i].totalFloat, (_, r, v) => (r.totalFloat = v as number));
  each(p.blocked_by_gate, (_, r, v) => (r.blockedByGate = ref(v)));
  each(p.driving_predecessor, (_, r, v) => (r.drivingPredecessor = ref(v)));
  each(p.duration, (_, r, v) => (r.duration = v));
  each(p.predecessors, (_, r, v) => (r.predecessors = v));
  each(p.baseline, (_, r, v) => (r.baseline = v));
  each(p.percent, (_, r, v) => (r.percent = v));
  each(p.cost, (_, r, v) => (r.cost = v));
  each(p.segments, (_, r, v) => (r.segments = v));
  return { rows, minutes: { start, finish } };
}

/** `h` as a new object (spelled out: at 10k rows an object spread took several times longer). */
function copyRow(h: RowView, taskId: string): RowView {
  return {
    taskId,
    summary: h.summary,
    milestone: h.milestone,
    start: h.start,
    finish: h.finish,
    totalFloat: h.totalFloat,
    critical: h.critical,
    nearCritical: h.nearCritical,
    blockedByGate: h.blockedByGate,
    drivingPredecessor: h.drivingPredecessor,
    duration: h.duration,
    predecessors: h.predecessors,
    baseline: h.baseline,
    percent: h.percent,
    cost: h.cost,
    segments: h.segments,
  };
}

const MINUTES_PER_DAY = 1440;
/** "2027-01-04T" by days since 1970, and "08:00:00" by minute of the day, as they are met. */
const dayTexts = new Map<number, string>();
const timeTexts: string[] = [];
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * A row patch's date as the text a whole plan gives it ("2027-01-04T08:00:00", as chrono
 * writes it): minutes since 1970-01-01 00:00, or the text itself (a date that is not a whole
 * minute of the years 0–9999).
 */
export function stampText(s: Stamp): string {
  if (typeof s === "string") return s;
  const day = Math.floor(s / MINUTES_PER_DAY);
  const minute = s - day * MINUTES_PER_DAY;
  let d = dayTexts.get(day);
  if (d === undefined) {
    d = new Date(day * 86_400_000).toISOString().slice(0, 11);
    dayTexts.set(day, d);
  }
  return d + (timeTexts[minute] ??= `${two(Math.floor(minute / 60))}:${two(minute % 60)}:00`);
}

/**
 * Minutes since 1970-01-01 00:00 of a date as a whole plan gives it ("2027-01-04T08:00:00"),
 * a whole minute of the years 0–9999 (the dates a patch moves); throws for any other text.
 * Read digit by digit (days from the civil date as in Howard Hinnant's `days_from_civil`):
 * an edit at 10k tasks moves some 17,000 dates.
 */
export function textMinutes(t: string): number {
  const bad = () => new Error(`a delta moved the date ${t}, which is not a whole minute`);
  const digit = (i: number) => {
    const d = t.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) throw bad();
    return d;
  };
  if (t.length !== 19 || t[4] !== "-" || t[7] !== "-" || t[10] !== "T" || t[13] !== ":" || t[16] !== ":") throw bad();
  const month = digit(5) * 10 + digit(6);
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + digit(8) * 10 + digit(9) - 1;
  const days = era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
  if (digit(17) !== 0 || digit(18) !== 0) throw bad();
  return days * MINUTES_PER_DAY + (digit(11) * 10 + digit(12)) * 60 + digit(14) * 10 + digit(15);
}
