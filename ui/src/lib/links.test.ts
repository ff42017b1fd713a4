import { describe, expect, it } from "vitest";
import { endRows, linksInWindow } from "./links";
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
