import { describe, expect, it } from "vitest";
import {
  counted,
  formatDays,
  formatVariance,
  formatDelta,
  formatDuration,
  formatMoney,
  formatUnits,
  formatWork,
  MINUTES_PER_DAY,
  parseDays,
  parseMoney,
  parsePercent,
  parseRate,
  parseUnits,
  percent,
  rateText,
} from "./quantities";

describe("rates", () => {
  it("reads amounts per hour into cents", () => {
    expect(parseRate("95")).toEqual({ ok: true, value: 9500 });
    expect(parseRate("95.5")).toEqual({ ok: true, value: 9550 });
    expect(parseRate("1,250.05")).toEqual({ ok: true, value: 125005 });
    expect(parseRate("1 250")).toEqual({ ok: true, value: 125000 });
    expect(parseRate("80/h")).toEqual({ ok: true, value: 8000 });
  });

  it("refuses what is not an amount, saying so", () => {
    for (const t of ["-5", "abc", "9.999", ""]) {
      const r = parseRate(t);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain("is not an hourly rate");
    }
  });

  it("writes a rate back as typed", () => {
    expect(rateText(9500)).toBe("95");
    expect(rateText(9550)).toBe("95.50");
  });
});

describe("units", () => {
  it("reads percentages, with or without the sign", () => {
    expect(parseUnits("100%", "Max units")).toEqual({ ok: true, value: 1 });
    expect(parseUnits("50", "Units")).toEqual({ ok: true, value: 0.5 });
    expect(parseUnits("12,5 %", "Units")).toEqual({ ok: true, value: 0.125 });
    expect(parseUnits("500%", "Max units")).toEqual({ ok: true, value: 5 });
  });

  it("names the field that is wrong", () => {
    expect(parseUnits("half", "Units")).toEqual({ ok: false, error: "Units: 'half' is not a percentage, e.g. 100% or 50%" });
  });

  it("shows units as percent", () => {
    expect(formatUnits(1.5)).toBe("150%");
    expect(formatUnits(0.125)).toBe("12.5%");
    expect(formatUnits(null)).toBe("0%");
  });
});

describe("money and work", () => {
  it("groups thousands and keeps cents only when there are some", () => {
    expect(formatMoney(184000)).toBe("1,840");
    expect(formatMoney(184050)).toBe("1,840.50");
    expect(formatMoney(123456789)).toBe("1,234,567.89");
    expect(formatMoney(1)).toBe("0.01");
    expect(formatMoney(-1205)).toBe("-12.05");
    expect(formatMoney(-500)).toBe("-5");
    expect(formatMoney(0)).toBe("0");
  });

  it("shows work in hours", () => {
    expect(formatWork(960)).toBe("16h");
    expect(formatWork(450)).toBe("7.5h");
    expect(formatWork(74400)).toBe("1,240h");
  });
});

describe("reading what a planner types", () => {
  it("percentages", () => {
    expect(parsePercent("35")).toEqual({ ok: true, value: 0.35 });
    expect(parsePercent(" 12.5 % ")).toEqual({ ok: true, value: 0.125 });
    expect(parsePercent("100%")).toEqual({ ok: true, value: 1 });
    expect(parsePercent("101").ok).toBe(false);
    expect(parsePercent("-3").ok).toBe(false);
    expect(parsePercent("high").ok).toBe(false);
  });
  it("days and money", () => {
    expect(parseDays("5d")).toEqual({ ok: true, value: 2400 });
    expect(parseDays("2,5")).toEqual({ ok: true, value: 1200 });
    expect(parseDays("-1").ok).toBe(false);
    expect(parseMoney("25 000")).toEqual({ ok: true, value: 2_500_000 });
    expect(parseMoney("25,000.50")).toEqual({ ok: true, value: 2_500_050 });
    expect(parseMoney("lots").ok).toBe(false);
  });
  it("formats deltas", () => {
    expect(formatDelta(5)).toBe("+5.0d");
    expect(formatDelta(-2.46)).toBe("−2.5d");
    expect(formatDelta(0.01)).toBe("±0d");
    expect(formatDelta(null)).toBe("removed");
  });
});

describe("days and percentages shown", () => {
  it("shows working minutes in days of MINUTES_PER_DAY", () => {
    expect(formatDays(0)).toBe("0d");
    expect(formatDays(2400)).toBe("5d");
    expect(formatDays(-240)).toBe("-0.5d");
    expect(formatDays(-1)).toBe("0d");
  });
  it("writes shares as percentages without hiding small ones", () => {
    expect(percent(0.032)).toBe("3 %");
    expect(percent(0.001)).toBe("<1 %");
    expect(percent(0)).toBe("0 %");
    expect(percent(1)).toBe("100 %");
    expect(percent(0.999)).toBe(">99 %");
    expect(percent(null)).toBe("–");
  });
  it("writes durations with their unit", () => {
    expect(formatDuration({ type: "working", minutes: 1200 })).toBe("2.5d");
    expect(formatDuration({ type: "elapsed", minutes: 4320 })).toBe("3ed");
  });
});

describe("variance", () => {
  it("is signed days, empty without a baseline value", () => {
    expect(formatVariance(3 * MINUTES_PER_DAY)).toBe("+3d");
    expect(formatVariance(-MINUTES_PER_DAY / 2)).toBe("−0.5d");
    expect(formatVariance(0)).toBe("0d");
    expect(formatVariance(null)).toBe("");
  });
});

describe("counted", () => {
  it("is singular for one and groups thousands", () => {
    expect(counted(1, "warning")).toBe("1 warning");
    expect(counted(0, "warning")).toBe("0 warnings");
    expect(counted(10000, "task")).toBe("10,000 tasks");
  });
});
