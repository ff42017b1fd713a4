import { describe, expect, it } from "vitest";
import type { View } from "./api";
import type { RowView } from "./bindings";
import { blockedBy, blockedCounts, blockedTip, gateCards, needsReason } from "./gates";

function row(taskId: string, finish: string, blockedByGate: string | null = null): RowView {
  return {
    taskId,
    summary: false,
    milestone: true,
    start: finish,
    finish,
    totalFloat: 0,
    critical: false,
    nearCritical: false,
    blockedByGate,
    drivingPredecessor: null,
    duration: "0d",
    predecessors: "",
    baseline: null,
    percent: 0,
    cost: 0,
    segments: [],
  };
}

function view(): View {
  const task = (id: string, name: string) => ({ id, name }) as unknown as View["plan"]["tasks"][number];
  const gate = (id: string, task_id: string, met: boolean[]) => ({
    id,
    task_id,
    criteria: met.map((m) => ({ text: "c", met: m })),
    approvers: [],
  });
  return {
    plan: {
      tasks: [task("a", "Gate 1: Scope"), task("b", "Build"), task("c", "Go/No-go"), task("d", "Deploy")],
      gates: [gate("g2", "c", [true, false]), gate("g1", "a", [true])],
    },
    schedule: {
      rows: [row("a", "2027-01-10T17:00:00"), row("b", "2027-02-01T17:00:00"), row("c", "2027-04-20T17:00:00"), row("d", "2027-05-01T17:00:00", "c")],
    },
    gateStates: ["rejected", "approved"],
  } as unknown as View;
}

const index = new Map([["a", 0], ["b", 1], ["c", 2], ["d", 3]]);

describe("the gates board", () => {
  it("orders gates by planned date with their criteria and what they block", () => {
    const cards = gateCards(view(), index);
    expect(cards.map((c) => [c.gate.id, c.state, c.met, c.blocking, c.row?.finish])).toEqual([
      ["g1", "approved", 1, 0, "2027-01-10T17:00:00"],
      ["g2", "rejected", 1, 1, "2027-04-20T17:00:00"],
    ]);
    expect(cards[1].index).toBe(0);
    expect(gateCards(view(), index, "rejected").map((c) => c.gate.id)).toEqual(["g2"]);
    expect(gateCards(view(), index, "pending")).toEqual([]);
  });
  it("counts blocked tasks per gate, not the summaries holding them, and words the tooltip", () => {
    expect([...blockedCounts(view().schedule.rows)]).toEqual([["c", 1]]);
    expect([...blockedCounts([...view().schedule.rows, { ...row("s", "2027-05-01T17:00:00", "c"), summary: true }])]).toEqual([["c", 1]]);
    const name = (id: string) => view().plan.tasks.find((t) => t.id === id)?.name;
    expect(blockedTip(view().schedule.rows[3], name)).toBe("Blocked by gate Go/No-go");
    expect(blockedTip(view().schedule.rows[1], name)).toBeNull();
    expect(blockedBy("a", name)).toBe("Blocked by Gate 1: Scope");
    expect(blockedBy("zz", name)).toBe("Blocked by gate (deleted)");
  });
  it("asks a reason to reject or waive, not to approve", () => {
    expect([needsReason("approved"), needsReason("rejected"), needsReason("waived")]).toEqual([false, true, true]);
  });
});
