import { describe, expect, it, vi } from "vitest";
import type { Snapshot, WholePlan } from "./bindings";
import { pending, receive, withPlan } from "./parcels";

const plan = (name: string) => ({ plan: { name } }) as unknown as WholePlan;
const answer = (planSent: number | null, p: WholePlan | null = null) => ({ path: "a", plan: p, planSent }) as unknown as Snapshot;

describe("parcels", () => {
  it("takes a parcel that came before its answer", async () => {
    receive({ n: 1, plan: plan("one") });
    const s = await withPlan(answer(1));
    expect(s.plan).toEqual(plan("one"));
    expect(s.planSent).toBeNull();
    expect(pending()).toBe(0);
  });

  it("waits for a parcel that comes after its answer", async () => {
    const s = withPlan(answer(2));
    expect(pending()).toBe(1);
    receive({ n: 2, plan: plan("two") });
    expect((await s).plan).toEqual(plan("two"));
    expect(pending()).toBe(0);
  });

  it("leaves an answer that carries its plan as it is", async () => {
    const a = answer(null, plan("inline"));
    expect(await withPlan(a)).toBe(a);
  });

  it("drops parcels left from before the one taken, keeps later ones", async () => {
    receive({ n: 3, plan: plan("lost") });
    receive({ n: 5, plan: plan("later") });
    receive({ n: 4, plan: plan("four") });
    expect((await withPlan(answer(4))).plan).toEqual(plan("four"));
    expect(pending()).toBe(1);
    expect((await withPlan(answer(5))).plan).toEqual(plan("later"));
    expect(pending()).toBe(0);
  });

  it("installs itself as the page's receiver", async () => {
    vi.resetModules();
    vi.stubGlobal("window", {});
    try {
      const fresh = await import("./parcels");
      expect(window.__admiralParcel).toBe(fresh.receive);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
