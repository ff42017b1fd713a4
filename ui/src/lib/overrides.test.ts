import { describe, expect, it } from "vitest";
import { KINDS, emptyDraft, fromDraft, toDraft } from "./overrides";
import type { Override, Plan } from "./bindings";

const plan = {
  tasks: [
    { id: "t1", number: 1, name: "Build" },
    { id: "t2", number: 2, name: "Test" },
  ],
  links: [{ id: "l1", predecessor: "t1", successor: "t2", kind: "FS", lag: { type: "working", value: 0 } }],
  releases: [{ id: "r1" }],
  resources: [{ id: "res1" }],
  risks: [{ id: "k1" }],
  calendars: [{ id: "c1" }],
} as unknown as Plan;
const newId = () => "new-id";

describe("override forms", () => {
  const samples: Override[] = [
    { type: "set_duration", task: "t1", duration: { type: "working", minutes: 2400 } },
    { type: "set_duration", task: "t2", duration: { type: "elapsed", minutes: 3 * 1440 } },
    { type: "set_estimate", task: "t2", estimate: { optimistic: 960, most_likely: 1440, pessimistic: 3840 } },
    { type: "delay", task: "t2", until: "2027-03-15T13:00:00" },
    { type: "remove_task", task: "t1", bridge: false },
    { type: "add_link", link: { id: "x9", predecessor: "t2", successor: "t1", kind: "SS", lag: { type: "working", value: 960 } } },
    { type: "remove_link", link: "l1" },
    { type: "calendar_exception", calendar: null, exception: { name: "Strike", start: "2027-04-01", finish: "2027-04-02", working: [] } },
    { type: "blackout", blackout: { id: "b7", release_id: "r1", name: "Freeze", start: "2027-05-01", finish: "2027-05-03" } },
    { type: "resource_units", resource: "res1", max_units: 0.5 },
    { type: "fire_risk", risk: "k1" },
  ];
  it("round-trip every kind, keeping ids and times", () => {
    expect([...new Set(samples.map((s) => s.type))].sort()).toEqual(KINDS.map((k) => k.kind).sort());
    for (const o of samples) expect(fromDraft(toDraft(o, plan), plan, o, newId)).toEqual({ ok: true, value: o });
  });
  it("new overrides get new ids and a delay starts at 08:00", () => {
    const d = { ...emptyDraft("add_link", plan), task: "1", task2: "#2" };
    expect(fromDraft(d, plan, null, newId)).toEqual({
      ok: true,
      value: { type: "add_link", link: { id: "new-id", predecessor: "t1", successor: "t2", kind: "FS", lag: { type: "working", value: 0 } } },
    });
    const delay = { ...emptyDraft("delay", plan), task: "2", date: "2027-03-01" };
    expect(fromDraft(delay, plan, null, newId)).toEqual({ ok: true, value: { type: "delay", task: "t2", until: "2027-03-01T08:00:00" } });
  });
  it("say what is wrong", () => {
    const r = fromDraft({ ...emptyDraft("set_duration", plan), task: "9", days: "5" }, plan, null, newId);
    expect(r).toEqual({ ok: false, error: "The plan has no task 9." });
    const l = fromDraft({ ...emptyDraft("remove_link", plan), task: "2", task2: "1" }, plan, null, newId);
    expect(l).toEqual({ ok: false, error: "Task 2 does not link to task 1." });
    const u = fromDraft({ ...emptyDraft("resource_units", plan), units: "half" }, plan, null, newId);
    expect(u.ok).toBe(false);
    const dl = fromDraft({ ...emptyDraft("delay", plan), task: "1" }, plan, null, newId);
    expect(dl).toEqual({ ok: false, error: "Give the no-earlier-than date." });
  });
});
