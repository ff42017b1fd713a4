import { describe, expect, it } from "vitest";
import { endRows, linksAlong, linksInWindow, passingLines, Runs, type Run } from "./links";
import type { Link, TaskId } from "./bindings";

const link = (id: string, predecessor: string, successor: string): Link =>
  ({ id, predecessor, successor, kind: "FS", lag: { type: "working", value: 0 } }) as unknown as Link;

describe("linksAlong", () => {
  // a → b → d is the path; a → d and c → d are links it does not follow.
  const links = [link("1", "a", "b"), link("2", "a", "d"), link("3", "b", "d"), link("4", "c", "d"), link("5", "d", "b")];
  const path = (...ids: string[]) => ids as unknown as TaskId[];

  it("marks the link from each task of the path to the next, and only those", () => {
    expect([...linksAlong(links, path("a", "b", "d"))].sort()).toEqual([0, 2]);
  });

  it("marks nothing for no path or a path of one task", () => {
    expect(linksAlong(links, []).size).toBe(0);
    expect(linksAlong(links, path("d")).size).toBe(0);
  });
});

describe("endRows", () => {
  const index = new Map([
    ["a", 0],
    ["b", 1],
    ["c", 2],
  ]);
  const links = [link("1", "a", "b"), link("2", "b", "c"), link("3", "x", "c")];

  it("finds the row of both ends, -1 for a task not in the plan", () => {
    const r = endRows(links, index);
    expect(Array.from(r.from)).toEqual([0, 1, -1]);
    expect(Array.from(r.to)).toEqual([1, 2, 2]);
  });

  it("reuses the answer for the same links and index, and recomputes when either changes", () => {
    const r = endRows(links, index);
    expect(endRows(links, index)).toBe(r);
    const moved = new Map([...index, ["a", 5]]);
    expect(Array.from(endRows(links, moved).from)).toEqual([5, 1, -1]);
    expect(Array.from(endRows(links.slice(0, 1), moved).from)).toEqual([5]);
  });
});

describe("linksInWindow", () => {
  const rows = { from: Int32Array.from([0, 3, 10, 2, -1, 25]), to: Int32Array.from([1, 4, 12, 30, 5, 3]) };
  const lists = (start: number, end: number) => {
    const w = linksInWindow(rows, start, end);
    return { ends: Array.from(w.ends), passing: Array.from(w.passing) };
  };

  it("keeps links with an end in the window, and apart those passing through it", () => {
    // Window rows 4..19: link 1 ends in it (3→4), link 2 lies in it, links 3 (2→30) and 5
    // (25→3, upwards) pass through it.
    expect(lists(4, 20)).toEqual({ ends: [1, 2], passing: [3, 5] });
    expect(lists(0, 2)).toEqual({ ends: [0], passing: [] });
    // A link from the window's last row, or into its first, has an end in it.
    expect(lists(2, 3)).toEqual({ ends: [3], passing: [] });
    expect(lists(30, 31)).toEqual({ ends: [3], passing: [] });
    expect(lists(31, 40)).toEqual({ ends: [], passing: [] });
  });
});

describe("passingLines", () => {
  // Links 1 and 4 share x 20; link 3 is critical; link 5 is out of view sideways (x 900).
  const at: Record<number, Run> = {
    1: { x: 20, critical: false },
    2: { x: 30, critical: false },
    3: { x: 40, critical: true },
    4: { x: 20, critical: false },
    5: { x: 900, critical: false },
  };
  const run = (k: number) => at[k];

  it("draws one line per x, plain and critical, from the first row's top to the last row's bottom", () => {
    const s = passingLines([1, 2, 3, 4, 5], run, 5, 20, 0, 500, 24);
    expect(s.plain).toBe("M20,120V480M30,120V480");
    expect(s.critical).toBe("M40,120V480");
    expect(passingLines([], run, 5, 20, 0, 500, 24)).toEqual({ plain: "", critical: "" });
  });

  it("leaves out the lines out of view sideways", () => {
    expect(passingLines([1, 2, 3, 4, 5], run, 5, 20, 850, 1000, 24).plain).toBe("M900,120V480");
    expect(passingLines([1, 2, 3, 4, 5], run, 5, 20, 25, 35, 24).plain).toBe("M30,120V480");
  });
});

describe("Runs", () => {
  const l0 = {};
  const a = {};
  const b = {};
  const made: number[] = [];
  const make = (x: number) => () => {
    made.push(x);
    return { x, critical: x > 100 };
  };

  it("keeps a link's run while its link and rows are the same objects, at the same scale", () => {
    const runs = new Runs();
    const scale = {};
    runs.use(3, scale);
    expect(runs.get(2, l0, a, b, make(10))).toEqual({ x: 10, critical: false });
    expect(runs.get(2, l0, a, b, make(11))).toEqual({ x: 10, critical: false });
    expect(made).toEqual([10]);
    // A row at either end, or the link, made anew: worked out again.
    expect(runs.get(2, l0, {}, b, make(120))).toEqual({ x: 120, critical: true });
    expect(runs.get(2, {}, a, b, make(13))).toEqual({ x: 13, critical: false });
    runs.use(3, scale);
    expect(runs.get(2, l0, a, b, make(14)).x).toBe(14);
    expect(runs.get(2, l0, a, b, make(15)).x).toBe(14);
    // Another scale, or another number of links: every run is worked out again.
    runs.use(3, {});
    expect(runs.get(2, l0, a, b, make(16)).x).toBe(16);
    runs.use(4, scale);
    expect(runs.get(2, l0, a, b, make(17)).x).toBe(17);
    expect(made).toEqual([10, 120, 13, 14, 16, 17]);
  });
});
