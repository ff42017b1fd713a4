// The open plan as the back end last sent it. Every edit replaces the whole snapshot with
// the one Rust returns (plan + freshly computed schedule); nothing here computes a date.

import { tick } from "svelte";
import { call, mergeSnapshot, type AppError, type Outcome, type Snapshot, type View } from "./api";
import { withPlan } from "./parcels";
import { afterPaint, record } from "./perf";
import type { RowView, Task, TaskId } from "./bindings";
import { getCurrentWindow } from "@tauri-apps/api/window";

class PlanStore {
  /** Raw, not deeply reactive: 10k tasks must not be wrapped in proxies. */
  snapshot = $state.raw<View | null>(null);
  error = $state<AppError | null>(null);
  busy = $state(false);
  /**
   * Row index of each task, for links and lookups. Rebuilt only when a whole plan arrives: a
   * delta keeps every task at its row, and rebuilding 10k entries on each edit shows.
   */
  index = $state.raw(new Map<TaskId, number>());

  task(id: TaskId): Task | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.snapshot?.plan.tasks[i];
  }

  /** The gate task whose rejection holds up row `r`, if any. */
  gateOf(r: RowView): Task | undefined {
    return r.blockedByGate ? this.task(r.blockedByGate) : undefined;
  }

  /** Runs a command that returns a snapshot; shows its error in place and keeps the plan as it was. */
  async run(perfName: string, f: () => Promise<Outcome<Snapshot>>, startedAt?: number): Promise<boolean> {
    const t0 = startedAt ?? performance.now();
    this.busy = true;
    const r = await call(f);
    // A whole plan comes ahead of the answer (parcels.ts).
    if (r.status === "ok") r.data = await withPlan(r.data);
    this.busy = false;
    // The share of the time spent in Rust and IPC (the rest is merging and painting).
    record(`${perfName}:ipc`, t0, this.snapshot?.plan.tasks.length ?? 0);
    if (r.status === "error") {
      this.error = r.error;
      return false;
    }
    const opening = this.snapshot?.path !== r.data.path;
    this.error = null;
    this.snapshot = mergeSnapshot(opening ? null : this.snapshot, r.data, this.index);
    if (r.data.plan) this.index = indexOf(this.snapshot.plan.tasks);
    record(`${perfName}:merge`, t0, this.snapshot.plan.tasks.length);
    if (opening) void setTitle(r.data.title);
    await tick();
    // Svelte has updated the DOM; what remains is style, layout and paint.
    record(`${perfName}:dom`, t0, this.snapshot.plan.tasks.length);
    await afterPaint();
    record(perfName, t0, this.snapshot.plan.tasks.length);
    return true;
  }

  close(): void {
    this.snapshot = null;
    this.index = new Map();
    this.error = null;
    void setTitle("Admiral");
  }
}

function indexOf(tasks: Task[]): Map<TaskId, number> {
  const m = new Map<TaskId, number>();
  tasks.forEach((t, i) => m.set(t.id, i));
  return m;
}

async function setTitle(title: string): Promise<void> {
  document.title = title;
  try {
    await getCurrentWindow().setTitle(title);
  } catch {
    // Outside Tauri (unit tests, a plain browser) there is no native window.
  }
}

export const planStore = new PlanStore();
