import { describe, expect, it } from "vitest";
import { endRows } from "./links";
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
