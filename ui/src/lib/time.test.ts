import { describe, expect, it } from "vitest";
import { daysBetween, formatDate, formatDateTime, fromMs, startOfWeek, toMs } from "./time";

describe("dates from Rust", () => {
  it("reads NaiveDateTime and NaiveDate strings without a time zone", () => {
    expect(toMs("2027-03-01T08:00:00")).toBe(Date.UTC(2027, 2, 1, 8));
    expect(toMs("2027-03-01")).toBe(Date.UTC(2027, 2, 1));
    expect(toMs("nonsense")).toBeNaN();
  });
  it("writes back what it read", () => {
    expect(fromMs(toMs("2027-12-31T17:00:00"))).toBe("2027-12-31T17:00:00");
  });
  it("formats densely for the grid and fully for tooltips", () => {
    expect(formatDate("2027-03-01T08:00:00")).toBe("Mon 01 Mar 27");
    expect(formatDateTime("2027-03-05T17:00:00")).toBe("05 Mar 2027 17:00");
    expect(formatDate("")).toBe("");
  });
  it("counts calendar days and finds Mondays", () => {
    expect(daysBetween("2027-03-01T08:00:00", "2027-03-08T17:00:00")).toBe(7);
    expect(startOfWeek(Date.UTC(2027, 2, 4, 13))).toBe(Date.UTC(2027, 2, 1));
    expect(startOfWeek(Date.UTC(2027, 2, 7))).toBe(Date.UTC(2027, 2, 1));
  });
});
