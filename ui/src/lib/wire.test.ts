import { describe, expect, it } from "vitest";
import type { Plan, RowView, WholePlan } from "./bindings";
import fixture from "./wire.fixture.json";
import { decodeWhole, dense } from "./wire";

// Written by src-tauri/tests/wire.rs: a plan in columns as Rust sends it, beside its plain JSON.
const fx = fixture as unknown as { whole: WholePlan; plan: Plan; rows: RowView[] };

describe("a whole plan in columns", () => {
  it("decodes to exactly the plain JSON of the plan and its rows", () => {
    const { plan, rows } = decodeWhole(fx.whole);
    expect(plan).toStrictEqual(fx.plan);
    expect(rows).toStrictEqual(fx.rows);
  });
  it("gives every task objects of its own, not the shared defaults", () => {
    const { plan } = decodeWhole(fx.whole);
    const plain = plan.tasks.filter((t) => t.constraint.type === "asap");
    expect(plain.length).toBeGreaterThan(1);
    expect(plain[0].constraint).not.toBe(plain[1].constraint);
    expect(plain[0].constraint).not.toBe(fx.whole.tasks.defaults.constraint);
  });
  it("keeps the id of a reference to a task the plan lacks", () => {
    const w = structuredClone(fx.whole);
    w.links.predecessor[0] = "00000000-0000-0000-0000-00000000dead";
    expect(decodeWhole(w).plan.links[0].predecessor).toBe("00000000-0000-0000-0000-00000000dead");
  });
});

describe("a column of set values", () => {
  it("spreads its runs to their positions, null elsewhere", () => {
    expect(dense({ at: [1, 2, 5, 1], values: ["a", "b", "c"] }, 7)).toStrictEqual([null, "a", "b", null, null, "c", null]);
    expect(dense({ at: [], values: [] }, 2)).toStrictEqual([null, null]);
  });
  it("refuses a position past the list", () => {
    expect(() => dense({ at: [2, 2], values: [1, 2] }, 3)).toThrow("item 4 of a list of 3");
  });
  it("refuses values that do not match its positions", () => {
    expect(() => dense({ at: [0, 2], values: [1] }, 3)).toThrow("1 values for 2 positions");
    expect(() => dense({ at: [0, 1], values: [1, 2] }, 3)).toThrow("2 values for 1 positions");
  });
});
