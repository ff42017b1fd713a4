import { describe, expect, it } from "vitest";
import { applyListDelta, asAppError, mergeSnapshot, type View } from "./api";
import { dense, stampText } from "./wire";
import type { Column, RowPatch, Snapshot, WholePlan } from "./bindings";
import fixture from "./wire.fixture.json";

const task = (n: number, name = `Task ${n}`) => ({ id: `t${n}`, number: n, name }) as never;

/** `cols` with each column cut to its first `n` items (a column of set values, to those among them). */
function cut<T extends object>(cols: T, n: number, keep: string[] = []): T {
  const cutSet = (c: Column<unknown>): Column<unknown> => {
    const ends = c.at.filter((_, k) => k % 2 === 0).map((first, k) => first + c.at[2 * k + 1]);
    const out: Column<unknown> = { at: [], values: [] };
    dense(c, Math.max(n, ...ends))
      .slice(0, n)
      .forEach((v, i) => {
        if (v === null) return;
        out.at.push(i, 1);
        out.values.push(v);
      });
    return out;
  };
  return Object.fromEntries(
    Object.entries(cols).map(([k, v]) => [
      k,
      keep.includes(k) ? v : Array.isArray(v) ? v.slice(0, n) : v && typeof v === "object" && "at" in v ? cutSet(v) : v,
    ]),
  ) as T;
}

/**
 * A whole snapshot as Rust sends it (columns): the fixture's plan cut to three tasks t1–t3
 * ("Task 1" …), links l1 (t1 → t2) and l3 (t2 → t3), assignment a1 (units 1), rows starting
 * 2027-03-01 … 03.
 */
function full(): Snapshot {
  const w = structuredClone((fixture as unknown as { whole: WholePlan }).whole);
  // The fixture's split task (its splits and segments listed by position) is past the cut.
  w.tasks = { ...cut(w.tasks, 3, ["owners"]), id: ["t1", "t2", "t3"], name: ["Task 1", "Task 2", "Task 3"], splits: [] };
  w.links = { ...cut(w.links, 2), id: ["l1", "l3"], predecessor: [0, 1], successor: [1, 2] };
  w.assignments = { ...cut(w.assignments, 1), id: ["a1"], task_id: [0], units: [1] };
  w.rows = { ...cut(w.rows, 3), blocked_by_gate: { at: [], values: [] }, driving_predecessor: [null, 0, 1], segments: [] };
  w.rows.start = [1, 2, 3].map((n) => `2027-03-0${n}T08:00:00`);
  return {
    path: "/p.admiral",
    title: "p",
    plan: w,
    planSent: null,
    changedTasks: [],
    links: null,
    assignments: null,
    shownBaseline: 0,
    schedule: { rows: [], patch: null } as never,
    gateStates: [],
    overrideLines: [],
    canUndo: false,
    canRedo: false,
    cycle: null,
  };
}

/** A delta's row patch with no column but those given. */
function patch(p: Partial<RowPatch> = {}): RowPatch {
  const none = { flags: null, start: null, finish: null, total_float: null, blocked_by_gate: null, driving_predecessor: null };
  return { ...none, duration: null, predecessors: null, baseline: null, percent: null, cost: null, segments: null, ...p };
}

/** 2027-03-09T08:00:00 as a row patch sends it: minutes since 1970. */
const MARCH_9 = Date.UTC(2027, 2, 9, 8) / 60_000;

describe("merging snapshots", () => {
  it("takes a whole snapshot as it is", () => {
    const v = mergeSnapshot(null, full());
    expect(v.plan.tasks.map((t) => t.name)).toEqual(["Task 1", "Task 2", "Task 3"]);
    expect(v.plan.links.map((l) => [l.id, l.predecessor, l.successor])).toEqual([["l1", "t1", "t2"], ["l3", "t2", "t3"]]);
    expect(v.schedule.rows.map((r) => [r.taskId, r.drivingPredecessor])).toEqual([["t1", null], ["t2", "t1"], ["t3", "t2"]]);
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
      // Row 3 (task t3) now starts on 9 March, driven by t1 (by position). Its finish and
      // texts are left out: those it holds stay.
      schedule: {
        rows: [],
        patch: patch({ start: { at: [2, 1], values: [MARCH_9] }, driving_predecessor: { at: [2, 1], values: [0] } }),
      } as never,
      canUndo: true,
    };
    const v1: View = mergeSnapshot(v0, delta);
    expect(v1.plan.tasks.map((t) => t.name)).toEqual(["Task 1", "Renamed", "Task 3"]);
    expect(v1.plan.links.map((l) => l.id)).toEqual(["l1", "l2", "l3"]);
    expect(v1.plan.links[1]).toEqual({ id: "l2" });
    expect(v1.plan.links[2]).toEqual({ id: "l3", lag: 5 });
    expect(v1.plan.links[0]).toBe(v0.plan.links[0]);
    expect(v1.plan.assignments).toEqual([{ id: "a1", units: 0.5 }]);
    expect(v1.schedule.rows[2]).toMatchObject({ taskId: "t3", start: "2027-03-09T08:00:00", drivingPredecessor: "t1" });
    const { finish, duration, predecessors } = v0.schedule.rows[2];
    expect(v1.schedule.rows[2]).toMatchObject({ finish, duration, predecessors });
    expect(v1.schedule.rows[2].duration).toBeTypeOf("string");
    expect(v1.schedule.rows[1]).toBe(v0.schedule.rows[1]);
    expect(v1.schedule.rows[0]).toBe(v0.schedule.rows[0]);
    expect(v1.canUndo).toBe(true);
    // The previous view is left as it was.
    expect(v0.plan.tasks[1].name).toBe("Task 2");
    expect(v0.plan.assignments.map((a) => [a.id, a.units])).toEqual([["a1", 1]]);
    expect(v0.plan.links).toHaveLength(2);
    expect(v0.schedule.rows[2].start).toBe("2027-03-03T08:00:00");
  });
  it("places changed tasks by the row index it is given", () => {
    const v0 = mergeSnapshot(null, full());
    const index = new Map([["t1", 0], ["t2", 1], ["t3", 2]]) as Map<never, number>;
    const delta: Snapshot = { ...full(), plan: null, changedTasks: [task(3, "Moved")], schedule: { rows: [], patch: patch() } as never };
    expect(mergeSnapshot(v0, delta, index).plan.tasks.map((t) => t.name)).toEqual(["Task 1", "Task 2", "Moved"]);
  });
  it("refuses a delta with nothing to apply it to, or without its changed rows", () => {
    expect(() => mergeSnapshot(null, { ...full(), plan: null })).toThrow();
    const v0 = mergeSnapshot(null, full());
    expect(() => mergeSnapshot(v0, { ...full(), plan: null, schedule: { rows: [], patch: null } as never })).toThrow();
    // A patch of a row the plan does not have.
    const beyond = { ...full(), plan: null, schedule: { rows: [], patch: patch({ percent: { at: [2, 2], values: [5, 5] } }) } as never };
    expect(() => mergeSnapshot(v0, beyond)).toThrow(/row 4,/);
  });
  it("refuses a snapshot whose plan was sent ahead but not put back", () => {
    const v0 = mergeSnapshot(null, full());
    const sent = { ...full(), plan: null, planSent: 3, schedule: { rows: [], patch: patch() } as never };
    expect(() => mergeSnapshot(v0, sent)).toThrow(/sent ahead/);
  });
  it("patches each column's runs of rows, and only those", () => {
    const v0 = mergeSnapshot(null, full());
    // Rows 1 and 2 (one run) finish on 10 March at 17:00 and lose their float; row 2's
    // duration text changes; row 1's segments go (it is not split any more).
    const at = [0, 2];
    const finish = Date.UTC(2027, 2, 10, 17) / 60_000;
    const p = patch({
      finish: { at, values: [finish, finish] },
      total_float: { at, values: [0, 480] },
      duration: { at: [1, 1], values: ["4d"] },
      segments: { at: [0, 1], values: [[]] },
    });
    const before = structuredClone(v0.schedule.rows);
    const v1 = mergeSnapshot(v0, { ...full(), plan: null, schedule: { rows: [], patch: p } as never });
    const [r0, r1] = v1.schedule.rows;
    const [h0, h1] = v0.schedule.rows;
    expect([r0.finish, r1.finish, r0.totalFloat, r1.totalFloat]).toEqual(["2027-03-10T17:00:00", "2027-03-10T17:00:00", 0, 480]);
    expect([r0.duration, r1.duration]).toEqual([h0.duration, "4d"]);
    expect([r0.start, r1.start, r1.predecessors, r1.drivingPredecessor]).toEqual([h0.start, h1.start, h1.predecessors, h1.drivingPredecessor]);
    expect(r0.segments).toEqual([]);
    expect(v1.schedule.rows[2]).toBe(v0.schedule.rows[2]);
    // The rows held are left as they were.
    expect(v0.schedule.rows).toEqual(before);
    // A split task's segments, and a date that is not a whole minute, as text.
    const split = patch({
      segments: { at: [1, 1], values: [[["2027-03-02T08:00:00", "2027-03-02T12:00:00"]]] },
      start: { at: [1, 1], values: ["2027-03-02T08:00:30"] },
    });
    const v2 = mergeSnapshot(v1, { ...full(), plan: null, schedule: { rows: [], patch: split } as never });
    expect(v2.schedule.rows[1].segments).toEqual([["2027-03-02T08:00:00", "2027-03-02T12:00:00"]]);
    expect(v2.schedule.rows[1].start).toBe("2027-03-02T08:00:30");
    expect(v2.schedule.rows[1].finish).toBe("2027-03-10T17:00:00");
  });
});

describe("row patch dates", () => {
  it("are written as chrono writes them, before 1970 and in years below 1000 too", () => {
    for (const text of ["2027-03-09T08:00:00", "1969-12-31T23:59:00", "1970-01-01T00:00:00", "0999-05-06T13:07:00", "2055-07-28T10:00:00"]) {
      expect(stampText(Date.parse(`${text}Z`) / 60_000)).toBe(text);
    }
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
