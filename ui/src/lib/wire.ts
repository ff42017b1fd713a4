// A whole plan as Rust sends it (src-tauri/src/wire.rs: columns, common values short,
// references as positions) turned back into the objects the plain JSON would give, so that
// the rest of the UI sees one plan shape. wire.test.ts checks the result against the plain
// JSON of the same plan.

import type { Assignment, Link, Plan, Ref, RowColumns, RowView, Task, WholePlan } from "./bindings";

/** The id `r` refers to: the one at its position in `ids`, or the id it names. */
function deref<I>(r: Ref<I>, ids: I[]): I {
  return typeof r === "number" ? ids[r] : r;
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
 * Rows in columns: a whole plan's (row `i` is task `i`'s unless `c.task` says otherwise) or
 * a delta's `changedRows` (row `k` is task `delta.placed[k]`'s, and a date or text left
 * `null` is the one of `delta.held`, the rows the UI holds). `taskId(i)` is the id of the
 * plan's task at position `i`, for the references, which are positions.
 */
export function decodeRows(
  c: RowColumns,
  taskId: (i: number) => string,
  delta?: { placed: number[]; held: RowView[] },
): RowView[] {
  const ref = (r: Ref<string> | null) => (r === null ? null : typeof r === "number" ? taskId(r) : r);
  const held = (i: number): RowView => {
    if (!delta) throw new Error("a whole plan's row left out a value");
    return delta.held[delta.placed[i]];
  };
  const out: RowView[] = new Array(c.flags.length);
  for (let i = 0; i < out.length; i++) {
    const f = c.flags[i];
    out[i] = {
      taskId: delta ? taskId(delta.placed[i]) : c.task ? ref(c.task[i])! : taskId(i),
      summary: (f & 1) !== 0,
      milestone: (f & 2) !== 0,
      start: c.start[i] ?? held(i).start,
      finish: c.finish[i] ?? held(i).finish,
      totalFloat: c.total_float[i],
      critical: (f & 4) !== 0,
      nearCritical: (f & 8) !== 0,
      blockedByGate: ref(c.blocked_by_gate[i]),
      drivingPredecessor: ref(c.driving_predecessor[i]),
      duration: c.duration[i] ?? held(i).duration,
      predecessors: c.predecessors[i] ?? held(i).predecessors,
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
