// The plan view's filters (MS Project's Filter menu): which tasks to show, read from the flags
// and dates Rust sent with each row. A filter shows the tasks it keeps and the summaries above
// them (lib/outline.ts).

import type { RowView, Task } from "./bindings";

export interface Filter {
  id: string;
  label: string;
  /** Whether the filter keeps a task (never asked of a summary: they show with their tasks). */
  keeps: (t: Task, r: RowView) => boolean;
  /** Offered only when the plan has what it reads (a baseline for "slipped"). */
  needsBaseline?: boolean;
}

export const FILTERS: readonly Filter[] = [
  { id: "critical", label: "Critical tasks", keeps: (_, r) => r.critical },
  { id: "near", label: "Critical and near-critical", keeps: (_, r) => r.critical || r.nearCritical },
  { id: "milestones", label: "Milestones and gates", keeps: (_, r) => r.milestone },
  { id: "incomplete", label: "Incomplete tasks", keeps: (t) => t.progress.percent_complete < 100 },
  { id: "blocked", label: "Blocked by a rejected gate", keeps: (_, r) => r.blockedByGate !== null },
  { id: "slipped", label: "Slipped against the baseline", keeps: (_, r) => r.baseline?.slipped === true, needsBaseline: true },
];

/** Row `i` passes filter `f`: a task it keeps (a summary passes only through its tasks). */
export function passes(f: Filter, tasks: readonly Task[], rows: readonly RowView[], i: number): boolean {
  const r = rows[i];
  return !r.summary && f.keeps(tasks[i], r);
}
