import { describe, expect, it } from "vitest";
import { nextSort, parseTaskNumber, sortRisks } from "./risks";
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
  it("task numbers", () => {
    expect(parseTaskNumber("#33")).toEqual({ ok: true, value: 33 });
    expect(parseTaskNumber("3a").ok).toBe(false);
  });
});
