// The one door to the Rust side: typed commands from the generated bindings, each result
// unwrapped into data or a readable AppError. Components never call `invoke` themselves.

import { commands, type AppError, type ListDelta, type Plan, type ScheduleView, type Snapshot, type TaskId } from "./bindings";
import { applyRowPatch, decodeWhole } from "./wire";

export { commands };
export type { AppError, Snapshot };

/** What the UI holds: a snapshot with its deltas merged, so the whole plan and every row. */
export type View = Omit<Snapshot, "plan" | "planSent" | "changedTasks" | "links" | "assignments" | "schedule"> & {
  plan: Plan;
  schedule: ScheduleView;
};

/**
 * Merges a snapshot from Rust into the view held before it. A whole snapshot carries the
 * plan and its rows in columns (wire.ts; parcels.ts puts a plan sent ahead in place first);
 * a delta snapshot (`plan` null)
 * carries only the tasks, rows, links and assignments that changed; unchanged parts are
 * shared, not copied.
 * `index` (each task's row in `prev`) spares rebuilding it for every delta.
 */
export function mergeSnapshot(prev: View | null, s: Snapshot, index?: Map<TaskId, number>): View {
  let plan: Plan;
  let rows = s.schedule.rows;
  if (typeof s.planSent === "number") throw new Error("a snapshot arrived without the plan sent ahead of it");
  if (s.plan) ({ plan, rows } = decodeWhole(s.plan));
  else if (prev) {
    plan = { ...prev.plan };
    if (s.changedTasks.length) {
      const tasks = prev.plan.tasks.slice();
      const at = index ?? new Map(tasks.map((t, i) => [t.id, i]));
      for (const t of s.changedTasks) {
        const i = at.get(t.id);
        if (i !== undefined) tasks[i] = t;
      }
      plan.tasks = tasks;
    }
    if (s.links) plan.links = applyListDelta(prev.plan.links, s.links);
    if (s.assignments) plan.assignments = applyListDelta(prev.plan.assignments, s.assignments);
  } else throw new Error("a delta snapshot arrived without a plan to apply it to");
  const patch = s.schedule.patch;
  if (patch) {
    // A delta's rows come as a patch of the rows held, their references as positions in the
    // plan's tasks.
    const tasks = plan.tasks;
    rows = applyRowPatch(prev?.schedule.rows ?? [], patch, (i) => tasks[i].id);
  } else if (!s.plan) throw new Error("a delta snapshot arrived without its changed rows");
  const { changedTasks: _t, links: _l, assignments: _a, planSent: _p, ...rest } = s;
  return { ...rest, plan, schedule: { ...s.schedule, rows, patch: null } };
}

/**
 * The list `d` describes (Rust's `list_delta`): `list` without the removed items, then each
 * put item placed at its position, replacing the item with its id found there or inserted.
 * `list` is left as it was.
 */
export function applyListDelta<T extends { id: I }, I>(list: T[], d: ListDelta<T, I>): T[] {
  let out: T[];
  if (d.removed.length) {
    const gone = new Set(d.removed);
    out = list.filter((x) => !gone.has(x.id));
  } else out = list.slice();
  d.put.forEach((x, k) => {
    const at = d.at[k];
    if (out[at]?.id === x.id) out[at] = x;
    else out.splice(at, 0, x);
  });
  return out;
}

export type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/** Turns anything a command may reject with (our AppError or Tauri's own string) into an AppError. */
export function asAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) return e as AppError;
  return { kind: "io", message: e instanceof Error ? e.message : String(e) };
}

/** Runs a command and returns its outcome; never throws. */
export async function call<T>(f: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await f();
  } catch (e) {
    return { status: "error", error: asAppError(e) };
  }
}
