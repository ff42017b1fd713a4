import { describe, expect, it } from "vitest";
import { FILTERS, passes } from "./filters";
import type { RowView, Task } from "./bindings";

const row = (o: Partial<RowView>): RowView =>
  ({ summary: false, milestone: false, critical: false, nearCritical: false, blockedByGate: null, baseline: null, ...o }) as RowView;
const task = (percent = 0): Task => ({ progress: { percent_complete: percent } }) as unknown as Task;
const filter = (id: string) => FILTERS.find((f) => f.id === id)!;

describe("filters", () => {
  const rows = [
    row({ summary: true, critical: true }),
    row({ critical: true }),
    row({ nearCritical: true }),
    row({ milestone: true }),
    row({ blockedByGate: "g" as RowView["blockedByGate"] }),
    row({ baseline: { slipped: true } as RowView["baseline"] }),
  ];
  const tasks = [task(), task(100), task(50), task(), task(), task()];
  const kept = (id: string) => rows.flatMap((_, i) => (passes(filter(id), tasks, rows, i) ? [i] : []));

  it("keep the tasks with the flag they read, never a summary", () => {
    expect(kept("critical")).toEqual([1]);
    expect(kept("near")).toEqual([1, 2]);
    expect(kept("milestones")).toEqual([3]);
    expect(kept("incomplete")).toEqual([2, 3, 4, 5]);
    expect(kept("blocked")).toEqual([4]);
    expect(kept("slipped")).toEqual([5]);
  });
});
