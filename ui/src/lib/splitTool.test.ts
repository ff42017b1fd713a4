import { describe, expect, it } from "vitest";
import { instantAt, splittableBar } from "./splitTool";
import { TimeScale } from "./scale";
import { toMs } from "./time";

describe("instantAt", () => {
  // The day zoom: 32 px per calendar day from Monday 4 January 2027.
  const day = new TimeScale(toMs("2027-01-04T00:00:00"), "day");

  it("turns a pixel column into the instant the chart draws there", () => {
    expect(instantAt(day, 0)).toBe("2027-01-04T00:00:00");
    expect(instantAt(day, 16)).toBe("2027-01-04T12:00:00");
    expect(instantAt(day, 32 * 3 + 8)).toBe("2027-01-07T06:00:00");
  });

  it("rounds to the minute", () => {
    // 1 px at the week zoom (10 px a day) is 2.4 hours; 0.0001 px is under a second.
    const week = new TimeScale(toMs("2027-01-04T00:00:00"), "week");
    expect(instantAt(week, 1.0001)).toBe("2027-01-04T02:24:00");
    expect(instantAt(day, 16.01)).toBe("2027-01-04T12:00:00");
  });

  it("is the inverse of the scale for the instants it returns", () => {
    const at = instantAt(day, 100);
    expect(Math.abs(day.x(toMs(at)) - 100)).toBeLessThan(32 / 24 / 60);
  });
});

describe("splittableBar", () => {
  it("lets a task's bar be split, not a summary's, a milestone's or a gate's", () => {
    expect(splittableBar("task")).toBe(true);
    expect(splittableBar("summary")).toBe(false);
    expect(splittableBar("milestone")).toBe(false);
    expect(splittableBar("gate")).toBe(false);
  });
});
