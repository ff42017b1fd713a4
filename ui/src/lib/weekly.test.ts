import { describe, expect, it } from "vitest";
import { dateAt, formatRatio, parsePercent, progressInput } from "./weekly";

const blank = { percent: "", actualStart: "", actualFinish: "", remaining: "" };

describe("progress input", () => {
  it("reads percents from 0 to 100, with or without a sign", () => {
    expect(parsePercent("50")).toEqual({ ok: true, value: 50 });
    expect(parsePercent(" 100 % ")).toEqual({ ok: true, value: 100 });
    expect(parsePercent("")).toEqual({ ok: true, value: null });
    expect(parsePercent("101").ok).toBe(false);
    expect(parsePercent("half").ok).toBe(false);
  });

  it("dates an actual start in the morning and a finish in the evening", () => {
    expect(dateAt("2027-03-01", "Actual start", 8)).toEqual({ ok: true, value: "2027-03-01T08:00:00" });
    expect(dateAt("2027-03-01", "Actual finish", 17)).toEqual({ ok: true, value: "2027-03-01T17:00:00" });
    const bad = dateAt("2027-02-30", "Actual start", 8);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^Actual start: /);
  });

  it("sends only what was typed and refuses an empty form", () => {
    expect(progressInput({ ...blank, percent: "50" })).toEqual({
      ok: true,
      value: { percent: 50, actualStart: null, actualFinish: null, remaining: null },
    });
    expect(progressInput({ ...blank, remaining: " 3d " })).toEqual({
      ok: true,
      value: { percent: null, actualStart: null, actualFinish: null, remaining: "3d" },
    });
    expect(progressInput(blank).ok).toBe(false);
    expect(progressInput({ ...blank, percent: "200" }).ok).toBe(false);
  });
});

describe("earned value ratios", () => {
  it("shows two decimals, or a dash where core leaves a ratio undefined", () => {
    expect(formatRatio(null)).toBe("–");
    expect(formatRatio(0.8)).toBe("0.80");
  });
});
