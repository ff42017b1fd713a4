// The gates board's rows: each gate beside its milestone's computed date and float, in date
// order, and how many tasks a rejected gate holds up. Everything is read from the snapshot;
// the state and the blocking come from Rust.

import type { View } from "./api";
import type { Decision, Gate, RowView, Task, TaskId } from "./bindings";

export interface GateCard {
  gate: Gate;
  /** The gate's place in `plan.gates`. */
  index: number;
  task: Task | undefined;
  row: RowView | undefined;
  state: Decision;
  met: number;
  /** Tasks whose row says this gate blocks them. */
  blocking: number;
}

export type GateFilter = "all" | "pending" | "approved" | "rejected";

/** How many tasks (not summaries, which only contain them) each rejected gate blocks, by the gate's task. */
export function blockedCounts(rows: RowView[]): Map<TaskId, number> {
  const m = new Map<TaskId, number>();
  for (const r of rows) if (r.blockedByGate && !r.summary) m.set(r.blockedByGate, (m.get(r.blockedByGate) ?? 0) + 1);
  return m;
}

/** The gates of `snap` in planned-date order (gates without a task last), keeping `filter`. */
export function gateCards(snap: View, index: Map<TaskId, number>, filter: GateFilter = "all"): GateCard[] {
  const blocked = blockedCounts(snap.schedule.rows);
  const cards = snap.plan.gates.map((gate, i) => {
    const at = index.get(gate.task_id);
    return {
      gate,
      index: i,
      task: at === undefined ? undefined : snap.plan.tasks[at],
      row: at === undefined ? undefined : snap.schedule.rows[at],
      state: snap.gateStates[i],
      met: gate.criteria.filter((c) => c.met).length,
      blocking: blocked.get(gate.task_id) ?? 0,
    };
  });
  return cards
    .filter((c) => filter === "all" || c.state === filter)
    .sort((a, b) => (a.row?.finish ?? "~").localeCompare(b.row?.finish ?? "~") || a.index - b.index);
}

/** The decisions a person can record, with the button's words. */
export const DECISIONS = [
  { value: "approved", verb: "Approve", done: "approval" },
  { value: "rejected", verb: "Reject", done: "rejection" },
  { value: "waived", verb: "Waive", done: "waiver" },
] as const satisfies readonly { value: Decision; verb: string; done: string }[];

/** Rejecting or waiving must say why (core refuses it otherwise); approving need not. */
export function needsReason(d: Decision): boolean {
  return d === "rejected" || d === "waived";
}

/** "Blocked by gate Go/No-go" for the rejected gate task `gate`; a name that already says "Gate …" is not repeated. */
export function blockedBy(gate: TaskId, name: (id: TaskId) => string | undefined): string {
  const n = name(gate) ?? "(deleted)";
  return /^gate\b/i.test(n) ? `Blocked by ${n}` : `Blocked by gate ${n}`;
}

/** The tooltip of a row a rejected gate holds up, else `null`. */
export function blockedTip(row: RowView | undefined, name: (id: TaskId) => string | undefined): string | null {
  return row?.blockedByGate ? blockedBy(row.blockedByGate, name) : null;
}
