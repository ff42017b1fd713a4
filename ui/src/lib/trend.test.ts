import { describe, expect, it } from "vitest";
import { trendChart } from "./trend";
import type { TrendSeries } from "./bindings";

const series = (points: [string, string][]): TrendSeries => ({
  task_id: "t1",
  name: "Go/No-go",
  release_code: "R1",
  gate: true,
  points: points.map(([report, forecast]) => ({ report, forecast })),
});

describe("trendChart", () => {
  it("puts later reports to the right and later forecasts higher, with the diagonal", () => {
    const c = trendChart([series([["2027-01-04", "2027-03-30"], ["2027-01-11", "2027-04-06"]])], 700, 300);
    const [a, b] = c.series[0].points;
    expect(b.x).toBeGreaterThan(a.x);
    expect(b.y).toBeLessThan(a.y); // SVG y grows downwards: later is higher
    expect(c.diagonal).not.toBeNull();
    expect(c.xTicks.map((t) => t.label)).toEqual(["04 Jan", "11 Jan"]);
    for (const p of [a, b]) {
      expect(p.x).toBeGreaterThanOrEqual(c.left);
      expect(p.x).toBeLessThanOrEqual(c.right);
      expect(p.y).toBeGreaterThanOrEqual(c.top);
      expect(p.y).toBeLessThanOrEqual(c.bottom);
    }
  });

  it("draws nothing without points", () => {
    const c = trendChart([], 700, 300);
    expect(c.series).toEqual([]);
    expect(c.diagonal).toBeNull();
  });
});
