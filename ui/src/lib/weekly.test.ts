import { describe, expect, it } from "vitest";
import { dateAt, evSentence, formatRatio, parsePercent, progressInput } from "./weekly";
import type { EarnedValue } from "./bindings";

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

describe("earned value in words", () => {
  const ev = (o: Partial<EarnedValue>): EarnedValue => ({
    bac: 100_000_00,
    bcws: 50_000_00,
    bcwp: 40_000_00,
    acwp: 50_000_00,
    sv: -10_000_00,
    cv: -10_000_00,
    spi: 0.8,
    cpi: 0.8,
    eac: 125_000_00,
    vac: -25_000_00,
    tcpi: 1.2,
    ...o,
  });

  it("says behind schedule and over budget with the figures", () => {
    expect(evSentence(ev({}), "2027-03-01T17:00:00", "EUR")).toBe(
      "By Mon 01 Mar 27 the work done is worth 80% of what the baseline planned (behind schedule); " +
        "each 1.00 EUR spent has earned 0.80 EUR of planned work; at this rate it ends at 125,000 EUR, 25,000 EUR over its budget.",
    );
  });

  it("says ahead and under budget the other way round", () => {
    const s = evSentence(ev({ spi: 1.25, cpi: 1.1, eac: 90_000_00, vac: 10_000_00 }), "2027-03-01T17:00:00", "EUR")!;
    expect(s).toContain("125% of what the baseline planned (on or ahead of schedule)");
    expect(s).toContain("10,000 EUR under its budget");
  });

  it("has nothing to say before anything was planned or spent", () => {
    expect(evSentence(ev({ spi: null, cpi: null }), "2027-03-01T17:00:00", "EUR")).toBeNull();
    expect(formatRatio(null)).toBe("–");
    expect(formatRatio(0.8)).toBe("0.80");
  });
});
