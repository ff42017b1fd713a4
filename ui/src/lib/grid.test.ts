import { describe, expect, it } from "vitest";
import { COLUMNS, GRID_WIDTH, cellText, columnLeft, nextEditable } from "./grid";
import type { RowView, Task } from "./bindings";

const task = { number: 7, name: "Load test", owner: "QA", progress: { percent_complete: 50 } } as Task;
const row = {
  start: "2027-03-01T08:00:00",
  finish: "2027-03-05T17:00:00",
  totalFloat: 960,
  duration: "5d",
  predecessors: "3FS+2d, 5SS",
  milestone: false,
  percent: 50,
  cost: 125050,
} as RowView;

describe("grid cells", () => {
  it("show what Rust computed, formatted", () => {
    expect(cellText("number", task, row)).toBe("7");
    expect(cellText("duration", task, row)).toBe("5d");
    expect(cellText("start", task, row)).toBe("Mon 01 Mar 27");
    expect(cellText("float", task, row)).toBe("2d");
    expect(cellText("predecessors", task, row)).toBe("3FS+2d, 5SS");
    expect(cellText("percent", task, row)).toBe("50%");
    // A summary's, rolled up by core, shows too.
    expect(cellText("percent", task, { ...row, summary: true, percent: 60 })).toBe("60%");
  });
  it("show the finish variance against the baseline, empty without one", () => {
    expect(cellText("variance", task, { ...row, baseline: null })).toBe("");
    const late = { start: null, finish: null, finishVariance: 1440, slipped: true };
    expect(cellText("variance", task, { ...row, baseline: late })).toBe("+3d");
  });
  it("show the cost core computed, empty when there is none", () => {
    expect(cellText("cost", task, row)).toBe("1,250.50");
    expect(cellText("cost", task, { ...row, cost: 0 })).toBe("");
  });
  it("Tab moves between editable columns and wraps", () => {
    const name = COLUMNS.findIndex((c) => c.key === "name");
    const dur = COLUMNS.findIndex((c) => c.key === "duration");
    const owner = COLUMNS.findIndex((c) => c.key === "owner");
    expect(nextEditable(name, 1)).toBe(dur);
    expect(nextEditable(owner, 1)).toBe(name);
    expect(nextEditable(name, -1)).toBe(owner);
  });
});

describe("column positions", () => {
  it("start where the columns before them end", () => {
    expect(columnLeft(0)).toBe(0);
    expect(columnLeft(1)).toBe(COLUMNS[0].width);
    expect(columnLeft(COLUMNS.length - 1) + COLUMNS[COLUMNS.length - 1].width).toBe(GRID_WIDTH);
  });
});
