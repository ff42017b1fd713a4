import { describe, expect, it } from "vitest";
import { endRows, linksInWindow, splitPassing } from "./links";
import type { Link } from "./bindings";

const link = (id: string, predecessor: string, successor: string): Link =>
  ({ id, predecessor, successor, kind: "FS", lag: { type: "working", value: 0 } }) as unknown as Link;

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
  const rows = { from: Int32Array.from([0, 3, 10, 2, -1]), to: Int32Array.from([1, 4, 12, 30, 5]) };

  it("keeps links with an end in the window or passing through it, and skips the rest", () => {
    // Window rows 4..19: link 1 ends in it (3→4), link 2 lies in it, link 3 passes through.
    expect(Array.from(linksInWindow(rows, 4, 20))).toEqual([1, 2, 3]);
    expect(Array.from(linksInWindow(rows, 0, 2))).toEqual([0]);
    expect(Array.from(linksInWindow(rows, 31, 40))).toEqual([]);
  });
});

describe("splitPassing", () => {
  // Links 0: rows 2→6, 1: rows 0→30 (passes rows 5..19), 2: rows 40→1 (passes, upwards),
  // 3: rows 3→25 (passes, critical), 4: rows 1→28 (passes at the same x as link 1),
  // 5: rows 0→29, passing out of view (x 900).
  const rows = { from: Int32Array.from([2, 0, 40, 3, 1, 0]), to: Int32Array.from([6, 30, 1, 25, 28, 29]) };
  const arrow = (k: number, x: number, critical = false) => ({ k, d: `d${k}`, x, critical });
  const arrows = [arrow(0, 10), arrow(1, 20), arrow(2, 30), arrow(3, 40, true), arrow(4, 20), arrow(5, 900)];

  it("draws whole the arrows with an end in the rows, and one line per x for those passing through", () => {
    const s = splitPassing(arrows, rows, 5, 20, 0, 500, 24);
    expect(s.ends.map((a) => a.k)).toEqual([0]);
    // From the top of row 5 to the bottom of row 19; x 20 once for links 1 and 4.
    expect(s.plain).toBe("M20,120V480M30,120V480");
    expect(s.critical).toBe("M40,120V480");
  });

  it("keeps every arrow whole when the rows hold an end of each", () => {
    const s = splitPassing(arrows, rows, 0, 41, 0, 500, 24);
    expect(s.ends).toEqual(arrows);
    expect(s.plain).toBe("");
    expect(s.critical).toBe("");
  });

  it("leaves out the lines out of view sideways", () => {
    expect(splitPassing(arrows, rows, 5, 20, 850, 1000, 24).plain).toBe("M900,120V480");
    expect(splitPassing(arrows, rows, 5, 20, 25, 35, 24).plain).toBe("M30,120V480");
  });
});
