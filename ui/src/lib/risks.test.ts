import { describe, expect, it } from "vitest";
import { formatDelta, nextSort, parseDays, parseMoney, parsePercent, parseTaskNumber, sortRisks } from "./risks";
import type { Risk, RiskId, RiskRating } from "./bindings";

const risk = (id: string, title: string, p: number, days: number, owner = "", status: Risk["status"] = "open") =>
  ({ id, title, probability: p, schedule_impact: days * 480, cost_impact: 0, owner, status }) as Risk;
const rating = (r: Risk) =>
  ({ risk_id: r.id, exposure_days: (r.probability ?? 0) * (r.schedule_impact / 480), rating: { score: 0 } }) as RiskRating;

describe("risk table sorting", () => {
  const a = risk("a", "Vendor late", 0.5, 4, "Zoë");
  const b = risk("b", "app store", 0.2, 10, "Ann", "closed");
  const c = risk("c", "Outage", 0.4, 5, "bob", "mitigating");
  const risks = [a, b, c];
  const ratings = new Map<RiskId, RiskRating>(risks.map((r) => [r.id, rating(r)]));
  const ids = (rs: Risk[]) => rs.map((r) => r.id).join("");

  it("orders by exposure, ties in plan order", () => {
    // a: 2d, b: 2d, c: 2d → all tie.
    expect(ids(sortRisks(risks, ratings, { column: "exposure", dir: -1 }))).toBe("abc");
    expect(ids(sortRisks(risks, ratings, { column: "impact", dir: -1 }))).toBe("bca");
    expect(ids(sortRisks(risks, ratings, { column: "probability", dir: 1 }))).toBe("bca");
  });
  it("orders text ignoring case and status by lifecycle", () => {
    expect(ids(sortRisks(risks, ratings, { column: "title", dir: 1 }))).toBe("bca");
    expect(ids(sortRisks(risks, ratings, { column: "owner", dir: 1 }))).toBe("bca");
    expect(ids(sortRisks(risks, ratings, { column: "status", dir: 1 }))).toBe("acb");
  });
  it("does not modify the plan's list", () => {
    sortRisks(risks, ratings, { column: "title", dir: -1 });
    expect(ids(risks)).toBe("abc");
  });
  it("clicking a header flips the same column, numbers start biggest first", () => {
    expect(nextSort({ column: "exposure", dir: -1 }, "exposure")).toEqual({ column: "exposure", dir: 1 });
    expect(nextSort({ column: "exposure", dir: -1 }, "title")).toEqual({ column: "title", dir: 1 });
    expect(nextSort({ column: "title", dir: 1 }, "cost")).toEqual({ column: "cost", dir: -1 });
  });
});

describe("reading cells", () => {
  it("percentages", () => {
    expect(parsePercent("35")).toEqual({ ok: true, value: 0.35 });
    expect(parsePercent(" 12.5 % ")).toEqual({ ok: true, value: 0.125 });
    expect(parsePercent("100%")).toEqual({ ok: true, value: 1 });
    expect(parsePercent("101").ok).toBe(false);
    expect(parsePercent("-3").ok).toBe(false);
    expect(parsePercent("high").ok).toBe(false);
  });
  it("days, money and task numbers", () => {
    expect(parseDays("5d")).toEqual({ ok: true, value: 2400 });
    expect(parseDays("2,5")).toEqual({ ok: true, value: 1200 });
    expect(parseDays("-1").ok).toBe(false);
    expect(parseMoney("25 000")).toEqual({ ok: true, value: 2_500_000 });
    expect(parseMoney("25,000.50")).toEqual({ ok: true, value: 2_500_050 });
    expect(parseMoney("lots").ok).toBe(false);
    expect(parseTaskNumber("#33")).toEqual({ ok: true, value: 33 });
    expect(parseTaskNumber("3a").ok).toBe(false);
  });
  it("formats deltas", () => {
    expect(formatDelta(5)).toBe("+5.0d");
    expect(formatDelta(-2.46)).toBe("−2.5d");
    expect(formatDelta(0.01)).toBe("±0d");
    expect(formatDelta(null)).toBe("removed");
  });
});
