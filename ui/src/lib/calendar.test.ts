import { describe, expect, it } from "vitest";
import {
  addMonths,
  daysInclusive,
  formatHours,
  formatMinutes,
  monthWeeks,
  monthsRange,
  parseDate,
  parseDateRange,
  parseHours,
} from "./calendar";

describe("working hours", () => {
  it("reads the standard day and writes it back the same", () => {
    const r = parseHours("08:00–12:00, 13:00–17:00");
    expect(r).toEqual({ ok: true, value: [{ from: 480, to: 720 }, { from: 780, to: 1020 }] });
    if (r.ok) expect(formatHours(r.value)).toBe("08:00–12:00, 13:00–17:00");
  });

  it("accepts hyphens, 'to', hours without minutes and 24:00", () => {
    expect(parseHours("8-12; 13 to 17")).toEqual({ ok: true, value: [{ from: 480, to: 720 }, { from: 780, to: 1020 }] });
    expect(parseHours("22:00-24:00")).toEqual({ ok: true, value: [{ from: 1320, to: 1440 }] });
  });

  it("reads empty and 'non-working' as a day off", () => {
    for (const t of ["", "  ", "—", "none", "Non-working", "off"]) expect(parseHours(t)).toEqual({ ok: true, value: [] });
  });

  it("names the part that is wrong", () => {
    const bad = (t: string) => {
      const r = parseHours(t);
      return r.ok ? "" : r.error;
    };
    expect(bad("08:00–12:00, 13:00")).toContain("'13:00' is not a period");
    expect(bad("08:00–25:00")).toContain("'25:00'");
    expect(bad("08:70–12:00")).toContain("'08:70'");
    expect(bad("24:00–24:00")).toContain("not a start time");
    expect(bad("17:00–08:00")).toContain("ends before it starts");
    expect(bad("08:00–12:00, 11:00–17:00")).toContain("overlaps");
    expect(bad("13:00–17:00, 08:00–12:00")).toContain("comes before 13:00–17:00");
  });

  it("formats minutes as hours", () => {
    expect(formatMinutes(480)).toBe("8h");
    expect(formatMinutes(450)).toBe("7h 30m");
    expect(formatMinutes(45)).toBe("45m");
    expect(formatMinutes(0)).toBe("0h");
  });
});

describe("dates", () => {
  it("reads real days only", () => {
    expect(parseDate("2027-12-24")).toEqual({ ok: true, value: "2027-12-24" });
    expect(parseDate("2027-2-3")).toEqual({ ok: true, value: "2027-02-03" });
    expect(parseDate("2027-02-29").ok).toBe(false);
    expect(parseDate("2028-02-29").ok).toBe(true);
    expect(parseDate("24.12.2027").ok).toBe(false);
  });

  it("refuses a range that ends before it starts, and a blank end is one day", () => {
    expect(parseDateRange("2027-03-02", "2027-03-01", "Holiday")).toEqual({
      ok: false,
      error: "Holiday ends (2027-03-01) before it starts (2027-03-02)",
    });
    expect(parseDateRange("2027-03-02", "", "Holiday")).toEqual({ ok: true, value: { start: "2027-03-02", finish: "2027-03-02" } });
    expect(daysInclusive("2027-03-25", "2027-04-05")).toBe(12);
  });
});

describe("month layout", () => {
  it("starts weeks on Monday and pads to whole weeks", () => {
    // March 2027 starts on a Monday and has 31 days: 5 weeks.
    const w = monthWeeks({ year: 2027, month: 3 });
    expect(w.length).toBe(5);
    expect(w[0][0]).toBe("2027-03-01");
    expect(w[4].filter(Boolean).length).toBe(3);
    // May 2027 starts on a Saturday.
    const may = monthWeeks({ year: 2027, month: 5 });
    expect(may[0].slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(may[0][5]).toBe("2027-05-01");
    expect(may.every((r) => r.length === 7)).toBe(true);
  });

  it("steps across years and gives the first and last day of a span of months", () => {
    expect(addMonths({ year: 2027, month: 11 }, 3)).toEqual({ year: 2028, month: 2 });
    expect(addMonths({ year: 2027, month: 1 }, -1)).toEqual({ year: 2026, month: 12 });
    expect(monthsRange({ year: 2027, month: 3 }, 3)).toEqual({ from: "2027-03-01", to: "2027-05-31" });
    expect(monthsRange({ year: 2027, month: 12 }, 3)).toEqual({ from: "2027-12-01", to: "2028-02-29" });
  });
});
