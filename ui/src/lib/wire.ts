// A whole plan as Rust sends it (src-tauri/src/wire.rs: columns, common values short,
// references as positions) turned back into the objects the plain JSON would give, so that
// the rest of the UI sees one plan shape. wire.test.ts checks the result against the plain
// JSON of the same plan. A delta's rows come as a patch (src-tauri/src/row_patch.rs) that
// `applyRowPatch` applies to the rows held; api.test.ts checks it.

import type { Assignment, Column, Link, Plan, Ref, RowColumns, RowPatch, RowView, Stamp, Task, WholePlan } from "./bindings";

/** The id `r` refers to: the one at its position in `ids`, or the id it names. */
function deref<I>(r: Ref<I>, ids: I[]): I {
  return typeof r === "number" ? ids[r] : r;
}

/** The task a row's reference names: by its position (`taskId` gives the id there), or its id. */
function refTo(r: Ref<string> | null, taskId: (i: number) => string): string | null {
  return r === null ? null : typeof r === "number" ? taskId(r) : r;
}

/**
 * A column of set values (Rust's `Column::of_set`) as one value per item of a list of `n`:
 * `null` where none is set. Read once per column, so that the decoders below read every
 * column by position alike.
 */
export function dense<T>(c: Column<T>, n: number): (T | null)[] {
  const out: (T | null)[] = new Array(n).fill(null);
  let k = 0;
  for (let run = 0; run < c.at.length; run += 2) {
    const end = c.at[run] + c.at[run + 1];
    if (end > n) throw new Error(`a column names item ${end} of a list of ${n}`);
    for (let i = c.at[run]; i < end; i++) out[i] = c.values[k++];
  }
  if (k !== c.values.length) throw new Error(`a column has ${c.values.length} values for ${k} positions`);
  return out;
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
  const n = c.id.length;
  const [externalUid, estimate, constraint, deadline, calendar, progress, mode, effort, fixedCost] = [
    dense(c.external_uid, n),
    dense(c.estimate, n),
    dense(c.constraint, n),
    dense(c.deadline, n),
    dense(c.calendar_id, n),
    dense(c.progress, n),
    dense(c.mode, n),
    dense(c.effort, n),
    dense(c.fixed_cost, n),
  ] as const;
  const out: Task[] = new Array(n);
  for (let i = 0; i < out.length; i++) {
    const dur = c.duration[i];
    const e = estimate[i];
    const t: Task = {
      id: c.id[i],
      number: c.number[i],
      external_uid: externalUid[i],
      project_id: deref(c.project[i], projects),
      name: c.name[i],
      kind: c.kind[i],
      outline_level: c.outline_level[i],
      duration: typeof dur === "number" ? { type: "working", minutes: dur } : dur,
      estimate: e ? { optimistic: e[0], most_likely: e[1], pessimistic: e[2] } : null,
      constraint: constraint[i] ?? { ...d.constraint },
      deadline: deadline[i],
      calendar_id: calendar[i],
      owner: c.owners[c.owner[i]],
      notes: c.notes[i],
      progress: progress[i] ?? { ...d.progress },
      mode: mode[i] ?? { ...d.mode },
      effort: effort[i] ?? { ...d.effort },
    };
    const fixed = fixedCost[i];
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
  const work = dense(c.work, c.id.length);
  const contours = dense(c.contour, c.id.length);
  const out: Assignment[] = new Array(c.id.length);
  for (let i = 0; i < out.length; i++) {
    const a: Assignment = {
      id: c.id[i],
      task_id: deref(c.task_id[i], tasks),
      resource_id: deref(c.resource_id[i], resources),
      units: c.units[i],
      work: work[i],
    };
    const contour = contours[i];
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
  const gate = dense(c.blocked_by_gate, out.length);
  const baseline = dense(c.baseline, out.length);
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
      blockedByGate: ref(gate[i]),
      drivingPredecessor: ref(c.driving_predecessor[i]),
      duration: c.duration[i],
      predecessors: c.predecessors[i],
      baseline: baseline[i],
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
 * The rows `held` (one per task) with a delta's patch applied: each row a column of `p` names
 * gets a new object with that column's value (a column left `null` changes no row). `held` is
 * left as it was; rows the patch does not name stay the same objects, so that only changed
 * rows re-render.
 */
export function applyRowPatch(held: RowView[], p: RowPatch, taskId: (i: number) => string): RowView[] {
  const ref = (r: Ref<string> | null) => refTo(r, taskId);
  const rows = held.slice();
  /** Row `i` as a new object of its own, made on its first change. */
  const own = (i: number): RowView => {
    const h = held[i];
    if (!h) throw new Error(`a delta changed row ${i + 1}, which the plan does not have`);
    if (rows[i] === h) rows[i] = copyRow(h, taskId(i));
    return rows[i];
  };
  const each = <T>(c: Column<T> | null, set: (r: RowView, v: T) => void) => {
    if (!c) return;
    let k = 0;
    for (let run = 0; run < c.at.length; run += 2) {
      for (let i = c.at[run], end = i + c.at[run + 1]; i < end; i++) set(own(i), c.values[k++]);
    }
  };
  each(p.flags, (r, f) => {
    r.summary = (f & 1) !== 0;
    r.milestone = (f & 2) !== 0;
    r.critical = (f & 4) !== 0;
    r.nearCritical = (f & 8) !== 0;
  });
  each(p.start, (r, d) => (r.start = stampText(d)));
  each(p.finish, (r, d) => (r.finish = stampText(d)));
  each(p.total_float, (r, v) => (r.totalFloat = v));
  each(p.blocked_by_gate, (r, v) => (r.blockedByGate = ref(v)));
  each(p.driving_predecessor, (r, v) => (r.drivingPredecessor = ref(v)));
  each(p.duration, (r, v) => (r.duration = v));
  each(p.predecessors, (r, v) => (r.predecessors = v));
  each(p.baseline, (r, v) => (r.baseline = v));
  each(p.percent, (r, v) => (r.percent = v));
  each(p.cost, (r, v) => (r.cost = v));
  each(p.segments, (r, v) => (r.segments = v));
  return rows;
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
