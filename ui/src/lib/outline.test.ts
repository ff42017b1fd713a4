import { describe, expect, it } from "vitest";
import { ancestors, collapsedToLevel, nearestShown, posOf, storedView, storeView, reveal, rowAt, shownEnds, shownRows, stepShown, summaryDepth, type OutlineTask } from "./outline";
import type { TaskId } from "./bindings";

// 0 Release            (1, summary)
// 1   Design           (2, summary)
// 2     Spec           (3)
// 3     Review         (3)
// 4   Build            (2, summary)
// 5     Code           (3)
// 6   Go-live          (2)
// 7 Hypercare          (1)
const levels = [1, 2, 3, 3, 2, 3, 2, 1];
const tasks: OutlineTask[] = levels.map((outline_level, i) => ({ id: `t${i}` as TaskId, outline_level }));
const summary = (i: number) => i < levels.length - 1 && levels[i + 1] > levels[i];
const ids = (...n: number[]) => new Set(n.map((i) => `t${i}` as TaskId));
const shownList = (c: Set<TaskId>) => {
  const s = shownRows(tasks, summary, c);
  return Array.from({ length: s.count }, (_, p) => rowAt(s, p));
};

describe("shownRows", () => {
  it("shows every row, building nothing, when nothing is collapsed", () => {
    const s = shownRows(tasks, summary, new Set());
    expect(s.rows).toBeNull();
    expect(s.count).toBe(8);
    expect(rowAt(s, 5)).toBe(5);
    expect(posOf(s, 5)).toBe(5);
  });

  it("hides the rows under a collapsed summary, up to the next row at its level or above", () => {
    expect(shownList(ids(1))).toEqual([0, 1, 4, 5, 6, 7]);
    expect(shownList(ids(4))).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(shownList(ids(0))).toEqual([0, 7]);
    // A summary collapsed inside a collapsed one: the outer one decides.
    expect(shownList(ids(0, 1))).toEqual([0, 7]);
    expect(shownList(ids(1, 4))).toEqual([0, 1, 4, 6, 7]);
  });

  it("maps rows to positions and hidden rows to −1", () => {
    const s = shownRows(tasks, summary, ids(1));
    expect([...Array(8).keys()].map((i) => posOf(s, i))).toEqual([0, 1, -1, -1, 2, 3, 4, 5]);
  });

  it("gives back the last answer when every row still shows", () => {
    const all = shownRows(tasks, summary, new Set());
    expect(shownRows(tasks, summary, new Set(), all)).toBe(all);
    expect(shownRows(tasks, summary, ids(6), all)).toBe(all);
    expect(shownRows(tasks.slice(1), summary, new Set(), all)).not.toBe(all);
  });

  it("ignores a collapsed task that is not a summary (any more) or not in the plan", () => {
    expect(shownRows(tasks, summary, ids(2, 6, 99)).rows).toBeNull();
  });
});

describe("a filter", () => {
  const keep = (...rows: number[]) => (i: number) => rows.includes(i);
  const list = (s: ReturnType<typeof shownRows>) => Array.from({ length: s.count }, (_, p) => rowAt(s, p));
  it("shows the rows it keeps and the summaries above them", () => {
    expect(list(shownRows(tasks, summary, new Set(), undefined, keep(3)))).toEqual([0, 1, 3]);
    expect(list(shownRows(tasks, summary, new Set(), undefined, keep(5, 7)))).toEqual([0, 4, 5, 7]);
    expect(list(shownRows(tasks, summary, new Set(), undefined, keep(2, 6)))).toEqual([0, 1, 2, 6]);
    expect(shownRows(tasks, summary, new Set(), undefined, keep()).count).toBe(0);
  });
  it("and a collapsed summary still hides what is under it", () => {
    expect(list(shownRows(tasks, summary, ids(1), undefined, keep(3, 5)))).toEqual([0, 1, 4, 5]);
  });
  it("keeps its rows apart, collapsed or not, and gives the row shown nearest a hidden one", () => {
    const s = shownRows(tasks, summary, ids(1), undefined, keep(3, 5));
    expect([...s.kept!]).toEqual([1, 1, 0, 1, 1, 1, 0, 0]);
    expect(nearestShown(s, 2)).toBe(4);
    expect(nearestShown(s, 6)).toBe(5);
    expect(nearestShown(s, 0)).toBe(0);
    expect(nearestShown(shownRows(tasks, summary, new Set()), 9)).toBe(7);
    expect(nearestShown(shownRows(tasks, summary, new Set(), undefined, keep()), 3)).toBeNull();
  });
  it("that keeps every row builds nothing", () => {
    expect(shownRows(tasks, summary, new Set(), undefined, () => true).rows).toBeNull();
  });
});

describe("stepShown", () => {
  it("moves among the rows shown, within the ends", () => {
    const s = shownRows(tasks, summary, ids(1));
    expect(stepShown(s, 1, 1)).toBe(4);
    expect(stepShown(s, 4, -1)).toBe(1);
    expect(stepShown(s, 0, 10)).toBe(7);
    expect(stepShown(s, 4, -10)).toBe(0);
  });
});

describe("shownEnds", () => {
  // Links 0→2 (into a hidden row), 0→4, 4→6, and one whose successor is not in the plan.
  const ends = { from: Int32Array.from([0, 0, 4, 1]), to: Int32Array.from([2, 4, 6, -1]) };
  it("is the plan rows' ends themselves when every row shows", () => {
    expect(shownEnds(ends, shownRows(tasks, summary, new Set()))).toBe(ends);
  });
  it("gives the positions among the rows shown, −1 for a hidden end", () => {
    const e = shownEnds(ends, shownRows(tasks, summary, ids(1)));
    expect([...e.from]).toEqual([0, 0, 2, 1]);
    expect([...e.to]).toEqual([-1, 2, 4, -1]);
  });
});

describe("ancestors and reveal", () => {
  it("finds the summaries above a row, nearest first", () => {
    expect(ancestors(tasks, 3)).toEqual([1, 0]);
    expect(ancestors(tasks, 6)).toEqual([0]);
    expect(ancestors(tasks, 7)).toEqual([]);
  });

  it("expands what hides a row, and nothing else", () => {
    const c = ids(0, 1, 4);
    const r = reveal(tasks, 3, c);
    expect([...r].sort()).toEqual(["t4"]);
    expect(shownList(r as Set<TaskId>)).toContain(3);
    // Nothing to expand: the same set.
    const shown = ids(4);
    expect(reveal(tasks, 2, shown)).toBe(shown);
  });
});

describe("outline levels", () => {
  it("collapses the summaries at the level and below", () => {
    expect(shownList(collapsedToLevel(tasks, summary, 1))).toEqual([0, 7]);
    expect(shownList(collapsedToLevel(tasks, summary, 2))).toEqual([0, 1, 4, 6, 7]);
    expect(collapsedToLevel(tasks, summary, 3).size).toBe(0);
    expect(summaryDepth(tasks, summary)).toBe(2);
  });
});

describe("the view kept per plan", () => {
  const memory = () => {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
      size: () => m.size,
      raw: m,
    };
  };
  it("gives back what was kept for the same plan only", () => {
    const st = memory();
    storeView(st, "/a.admiral", ids(1, 4), "critical");
    expect([...storedView(st, "/a.admiral").collapsed].sort()).toEqual(["t1", "t4"]);
    expect(storedView(st, "/a.admiral").filter).toBe("critical");
    expect(storedView(st, "/b.admiral")).toEqual({ collapsed: new Set(), filter: null });
  });
  it("forgets a plan shown whole, and reads a damaged entry as nothing", () => {
    const st = memory();
    storeView(st, "/a.admiral", ids(1), null);
    storeView(st, "/a.admiral", new Set(), null);
    expect(st.size()).toBe(0);
    st.raw.set("admiral.view:/a.admiral", "{not json");
    expect(storedView(st, "/a.admiral").collapsed.size).toBe(0);
    st.raw.set("admiral.view:/a.admiral", JSON.stringify({ collapsed: [1, "t2", null], filter: 7 }));
    expect(storedView(st, "/a.admiral")).toEqual({ collapsed: new Set(["t2"]), filter: null });
  });
});
