import { describe, expect, it } from "vitest";
import type { Outcome } from "./api";
import { Latest } from "./latest";

/** A call whose answer the test releases when it wants. */
function pending<T>() {
  let release!: (r: Outcome<T>) => void;
  const promise = new Promise<Outcome<T>>((r) => (release = r));
  return { f: () => promise, answer: (data: T) => release({ status: "ok", data }) };
}

describe("keeping only the latest answer", () => {
  it("drops an answer that arrives after a newer question's", async () => {
    const shown: string[] = [];
    const q = new Latest<string>((r) => r.status === "ok" && shown.push(r.data));
    const slow = pending<string>();
    const fast = pending<string>();
    const first = q.ask(slow.f);
    const second = q.ask(fast.f);
    fast.answer("new plan");
    await second;
    slow.answer("old plan");
    await first;
    expect(shown).toEqual(["new plan"]);
  });

  it("hands on answers in order when they come in order, errors included", async () => {
    const got: Outcome<number>[] = [];
    const q = new Latest<number>((r) => got.push(r));
    await q.ask(async () => ({ status: "ok", data: 1 }));
    await q.ask(() => Promise.reject(new Error("IPC closed")));
    expect(got).toEqual([
      { status: "ok", data: 1 },
      { status: "error", error: { kind: "io", message: "IPC closed" } },
    ]);
  });

  it("drops the answer in flight when told to", async () => {
    const got: number[] = [];
    const q = new Latest<number>((r) => r.status === "ok" && got.push(r.data));
    const p = pending<number>();
    const asked = q.ask(p.f);
    q.drop();
    p.answer(7);
    await asked;
    expect(got).toEqual([]);
  });
});
