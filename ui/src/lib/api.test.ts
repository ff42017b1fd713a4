import { describe, expect, it } from "vitest";
import { applyListDelta, asAppError, mergeSnapshot, type View } from "./api";
import type { Snapshot } from "./bindings";

const row = (n: number) => ({ taskId: `t${n}`, start: `2027-03-0${n}T08:00:00` }) as never;
const task = (n: number, name = `Task ${n}`) => ({ id: `t${n}`, number: n, name }) as never;

function full(): Snapshot {
  return {
    path: "/p.admiral",
    title: "p",
    plan: {
      tasks: [task(1), task(2), task(3)],
      links: [{ id: "l1", lag: 0 }, { id: "l3", lag: 0 }],
      assignments: [{ id: "a1", units: 1 }],
    } as never,
    changedTasks: [],
    links: null,
    assignments: null,
    shownBaseline: 0,
    schedule: { rows: [row(1), row(2), row(3)], changed: null } as never,
    gateStates: [],
    overrideLines: [],
    canUndo: false,
    canRedo: false,
    cycle: null,
  };
}

describe("merging snapshots", () => {
  it("takes a whole snapshot as it is", () => {
    const v = mergeSnapshot(null, full());
    expect(v.plan.tasks).toHaveLength(3);
    expect(v.schedule.rows).toHaveLength(3);
  });
  it("applies a delta: changed tasks in place, changed rows at their positions", () => {
    const v0 = mergeSnapshot(null, full());
    const delta: Snapshot = {
      ...full(),
      plan: null,
      changedTasks: [task(2, "Renamed")],
      // l2 comes back between l1 and l3 (an undone deletion), l3 changes in place.
      links: { removed: [], put: [{ id: "l2" }, { id: "l3", lag: 5 }], at: [1, 2] } as never,
      assignments: { removed: [], put: [{ id: "a1", units: 0.5 }], at: [0] } as never,
      schedule: { rows: [row(9)], changed: [2] } as never,
      canUndo: true,
    };
    const v1: View = mergeSnapshot(v0, delta);
    expect(v1.plan.tasks.map((t) => t.name)).toEqual(["Task 1", "Renamed", "Task 3"]);
    expect(v1.plan.links).toEqual([{ id: "l1", lag: 0 }, { id: "l2" }, { id: "l3", lag: 5 }]);
    expect(v1.plan.assignments).toEqual([{ id: "a1", units: 0.5 }]);
    expect(v1.schedule.rows[2]).toEqual(row(9));
    expect(v1.schedule.rows[0]).toBe(v0.schedule.rows[0]);
    expect(v1.canUndo).toBe(true);
    // The previous view is left as it was.
    expect(v0.plan.tasks[1].name).toBe("Task 2");
    expect(v0.plan.assignments).toEqual([{ id: "a1", units: 1 }]);
    expect(v0.plan.links).toHaveLength(2);
    expect(v0.schedule.rows[2]).toEqual(row(3));
  });
  it("places changed tasks by the row index it is given", () => {
    const v0 = mergeSnapshot(null, full());
    const index = new Map([["t1", 0], ["t2", 1], ["t3", 2]]) as Map<never, number>;
    const delta: Snapshot = { ...full(), plan: null, changedTasks: [task(3, "Moved")], schedule: { rows: [], changed: [] } as never };
    expect(mergeSnapshot(v0, delta, index).plan.tasks.map((t) => t.name)).toEqual(["Task 1", "Task 2", "Moved"]);
  });
  it("refuses a delta with nothing to apply it to", () => {
    expect(() => mergeSnapshot(null, { ...full(), plan: null })).toThrow();
  });
});

describe("list deltas", () => {
  const l = (id: string, v = 0) => ({ id, v });
  it("removes, replaces in place and inserts at the new positions", () => {
    const before = [l("a"), l("b"), l("c"), l("d")];
    const after = applyListDelta(before, { removed: ["b"], put: [l("x"), l("c", 1), l("y")], at: [0, 2, 4] });
    expect(after).toEqual([l("x"), l("a"), l("c", 1), l("d"), l("y")]);
    expect(before).toEqual([l("a"), l("b"), l("c"), l("d")]);
  });
  it("leaves a list with nothing to change equal to itself", () => {
    expect(applyListDelta<{ id: string; v: number }, string>([l("a")], { removed: [], put: [], at: [] })).toEqual([l("a")]);
  });
});

describe("errors", () => {
  it("keeps our AppError and words anything else as one", () => {
    expect(asAppError({ kind: "cycle", message: "m" })).toEqual({ kind: "cycle", message: "m" });
    expect(asAppError("denied")).toEqual({ kind: "io", message: "denied" });
    expect(asAppError(new Error("boom")).message).toBe("boom");
  });
});
