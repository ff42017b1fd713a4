import { describe, expect, it } from "vitest";
import type { AuditEntryView } from "./bindings";
import { EMPTY_FORM, entityName, entityTask, fieldChanges, formatValue, toFilter, verificationText } from "./audit";

function entry(kind: string, before: unknown, after: unknown): AuditEntryView {
  return {
    seq: 7,
    at: "2027-01-18T15:45:00.000Z",
    actor: "ann",
    change: 3,
    label: "x",
    entityKind: kind,
    entityId: "t-1",
    action: "update",
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
    hash: "ab".repeat(32),
  };
}

describe("a bulk entry", () => {
  it("is called by the rows it counts, created or deleted", () => {
    const counts = { tasks: 2000, links: 5400, projects: 1 };
    expect(entityName(entry("rows", null, counts))).toBe("7,401 rows");
    expect(entityName(entry("rows", counts, null))).toBe("7,401 rows");
    expect(fieldChanges(null, JSON.stringify(counts))).toContainEqual({ path: "tasks", before: "—", after: "2000" });
  });
});

describe("before → after", () => {
  it("lists only the fields that changed, by path, nested and in arrays", () => {
    const gate = (d: string, c: string) => ({
      id: "g",
      task_id: "t",
      criteria: [{ text: "UAT", met: false }],
      approvers: [
        { name: "Ann", decision: "approved", comment: "" },
        { name: "Bo", decision: d, comment: c },
      ],
    });
    const changes = fieldChanges(JSON.stringify(gate("pending", "")), JSON.stringify(gate("rejected", "Sev-2 open")));
    expect(changes).toEqual([
      { path: "approvers[1].decision", before: "pending", after: "rejected" },
      { path: "approvers[1].comment", before: "—", after: "Sev-2 open" },
    ]);
  });
  it("shows a working duration in days and an elapsed one in elapsed days", () => {
    const t = (type: string, minutes: number) => JSON.stringify({ name: "Build", duration: { type, minutes } });
    expect(fieldChanges(t("working", 2400), t("working", 4800))).toEqual([
      { path: "duration.minutes", before: "5d", after: "10d" },
    ]);
    expect(fieldChanges(t("working", 2400), t("elapsed", 4320))).toEqual([
      { path: "duration.type", before: "working", after: "elapsed" },
      { path: "duration.minutes", before: "5d", after: "3ed" },
    ]);
  });
  it("shows a created entity's fields against nothing and a deleted one's against nothing", () => {
    expect(fieldChanges(null, JSON.stringify({ name: "Risk", open: true }))).toEqual([
      { path: "name", before: "—", after: "Risk" },
      { path: "open", before: "—", after: "yes" },
    ]);
    expect(fieldChanges(JSON.stringify({ tasks: 0 }), JSON.stringify({ tasks: 113 }))).toEqual([
      { path: "tasks", before: "0", after: "113" },
    ]);
    expect(fieldChanges(JSON.stringify({ list: [1] }), JSON.stringify({ list: [] }))).toEqual([
      { path: "list[0]", before: "1", after: "—" },
      { path: "list", before: "—", after: "[]" },
    ]);
    expect(fieldChanges(null, null)).toEqual([]);
  });
  it("keeps text that is not JSON as text", () => {
    expect(fieldChanges("not json", null)).toEqual([{ path: "value", before: "not json", after: "—" }]);
    expect(formatValue(false)).toBe("no");
    expect(formatValue("2027-01-18T15:45:00")).toBe("18 Jan 2027 15:45");
    expect(formatValue("2027-01-18")).toBe("2027-01-18");
  });
});

describe("what an entry is about", () => {
  it("names the entity by name, title or code and finds its task", () => {
    expect(entityName(entry("task", null, { name: "Load test" }))).toBe("Load test");
    expect(entityName(entry("risk", { title: "Vendor late" }, null))).toBe("Vendor late");
    expect(entityName(entry("link", { kind: "FS" }, { kind: "SS" }))).toBeNull();
    expect(entityTask(entry("task", null, {}))).toBe("t-1");
    expect(entityTask(entry("gate", null, { task_id: "t-9" }))).toBe("t-9");
    expect(entityTask(entry("risk", null, {}))).toBeNull();
  });
});

describe("the filter form", () => {
  it("sends empty fields as no filter and trims the text", () => {
    expect(toFilter({ ...EMPTY_FORM, text: "  " }, 50)).toEqual({
      text: null,
      entityKind: null,
      actor: null,
      since: null,
      until: null,
      beforeSeq: null,
      limit: 50,
    });
    const f = toFilter({ text: " gate ", kind: "gate", actor: "ann", from: "", to: "" }, 20, 99);
    expect([f.text, f.entityKind, f.actor, f.beforeSeq, f.limit]).toEqual(["gate", "gate", "ann", 99, 20]);
  });
  it("covers whole local days, the last one included", () => {
    const f = toFilter({ ...EMPTY_FORM, from: "2027-01-18", to: "2027-01-18" }, 50);
    expect(new Date(f.since!).getTime()).toBe(new Date(2027, 0, 18).getTime());
    expect(new Date(f.until!).getTime()).toBe(new Date(2027, 0, 19).getTime());
    expect(toFilter({ ...EMPTY_FORM, from: "18/01/2027" }, 50).since).toBeNull();
  });
});

describe("verification", () => {
  it("says intact with the count and the head, or names the broken entry", () => {
    const ok = verificationText({ entries: 1234, headHash: "0123456789abcdef".repeat(4), problem: null });
    expect(ok).toEqual({ ok: true, text: "Chain intact: 1,234 entries, head 0123456789ab" });
    const bad = verificationText({
      entries: 9,
      headHash: "f".repeat(64),
      problem: { seq: 4, kind: "altered", message: "entry 4 (update task x) was altered or forged" },
    });
    expect(bad.ok).toBe(false);
    expect(bad.text).toBe("Chain broken at entry 4 (altered): Entry 4 (update task x) was altered or forged");
  });
});
