import { describe, expect, it } from "vitest";
import { dateTicks, labelRows, linear, valueTicks } from "./charts";

describe("chart axes", () => {
  it("maps a domain onto a range, and a point domain to its middle", () => {
    const s = linear([10, 20], [0, 100]);
    expect(s(10)).toBe(0);
    expect(s(15)).toBe(50);
    expect(s(20)).toBe(100);
    expect(linear([5, 5], [0, 100])(5)).toBe(50);
  });

  it("picks round value ticks that reach the maximum", () => {
    expect(valueTicks(100, 4)).toEqual([0, 50, 100]);
    expect(valueTicks(173, 4)).toEqual([0, 50, 100, 150, 200]);
    expect(valueTicks(7, 4)).toEqual([0, 2, 4, 6, 8]);
    expect(valueTicks(0)).toEqual([0]);
  });

  it("puts weekly ticks on Mondays for short spans", () => {
    const t = dateTicks(Date.UTC(2027, 4, 20), Date.UTC(2027, 6, 20), 10);
    expect(t.length).toBeGreaterThan(4);
    for (const x of t) expect(new Date(x.ms).getUTCDay()).toBe(1);
    expect(t[0].label).toBe("24 May");
  });

  it("puts month ticks on the first of the month for long spans", () => {
    const t = dateTicks(Date.UTC(2027, 0, 15), Date.UTC(2028, 0, 15), 8);
    expect(t.length).toBeGreaterThan(3);
    expect(t.length).toBeLessThanOrEqual(8);
    for (const x of t) expect(new Date(x.ms).getUTCDate()).toBe(1);
    expect(t[0].ms).toBeGreaterThanOrEqual(Date.UTC(2027, 0, 15));
  });

  it("stacks marker labels that would overlap", () => {
    expect(labelRows([100, 110, 300, 120], 40)).toEqual([0, 1, 0, 2]);
    expect(labelRows([0, 50, 100], 40)).toEqual([0, 0, 0]);
  });
});
