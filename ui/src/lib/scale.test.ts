import { describe, expect, it } from "vitest";
import { chartEnd, END_STEP_MS, ROOM_AFTER_FINISH_MS, TimeScale } from "./scale";
import { DAY_MS } from "./time";

describe("the Gantt time scale", () => {
  const origin = Date.UTC(2027, 0, 4);
  it("ends four weeks or more after the finish, in thirteen-week steps that days of slip keep", () => {
    const finish = origin + 200 * DAY_MS;
    const end = chartEnd(origin, finish);
    expect(end - finish).toBeGreaterThanOrEqual(ROOM_AFTER_FINISH_MS);
    expect(end - finish).toBeLessThan(ROOM_AFTER_FINISH_MS + END_STEP_MS);
    expect((end - origin) % END_STEP_MS).toBe(0);
    // A finish that moves by a day (or back) keeps the end; one past it moves it a step.
    expect(chartEnd(origin, finish + DAY_MS)).toBe(end);
    expect(chartEnd(origin, finish - DAY_MS)).toBe(end);
    expect(chartEnd(origin, end - ROOM_AFTER_FINISH_MS)).toBe(end);
    expect(chartEnd(origin, end - ROOM_AFTER_FINISH_MS + DAY_MS)).toBe(end + END_STEP_MS);
    // A plan that finishes before its chart starts still gets one step.
    expect(chartEnd(origin, origin - 90 * DAY_MS)).toBe(origin + END_STEP_MS);
  });
  it("maps instants to pixels and back at every zoom", () => {
    for (const z of ["day", "week", "month", "quarter"] as const) {
      const s = new TimeScale(origin, z);
      expect(s.x(origin)).toBe(0);
      expect(s.ms(s.x(origin + 10 * DAY_MS))).toBeCloseTo(origin + 10 * DAY_MS, -1);
    }
    expect(new TimeScale(origin, "day").x(origin + DAY_MS)).toBe(32);
  });
  it("labels weeks, months and quarters", () => {
    const week = new TimeScale(origin, "week").ticks(0, 10 * 21);
    expect(week[0].label).toBe("04 Jan");
    expect(week.length).toBe(4);
    const months = new TimeScale(origin, "month").ticks(0, 3 * 95);
    expect(months.map((t) => t.label)).toEqual(["Jan 2027", "Feb 2027", "Mar 2027", "Apr 2027"]);
    // A day is too narrow for "05 Jan": its number, and the week's date above each Monday.
    const days = new TimeScale(origin, "day").ticks(0, 32 * 8);
    expect(days.map((t) => t.label)).toEqual(["4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    expect(days.filter((t) => t.week).map((t) => [t.label, t.week])).toEqual([
      ["4", "04 Jan"],
      ["11", "11 Jan"],
    ]);
    const q = new TimeScale(origin, "quarter").ticks(0, 1.1 * 370);
    expect(q[0].label).toBe("Q1 2027");
  });
});
