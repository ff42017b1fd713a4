import { describe, expect, it } from "vitest";
import { RowItems, rowWindow, scrollToRow } from "./virtual";

describe("the virtual-scroll window", () => {
  it("renders the visible rows plus overscan, never past the ends", () => {
    expect(rowWindow(0, 240, 24, 10_000, 5)).toEqual({ start: 0, end: 16, offset: 0 });
    const mid = rowWindow(24 * 5000, 240, 24, 10_000, 5);
    expect(mid).toEqual({ start: 4995, end: 5016, offset: 4995 * 24 });
    expect(rowWindow(24 * 9999, 240, 24, 10_000, 5).end).toBe(10_000);
  });
  it("stays small for 10k rows", () => {
    const w = rowWindow(123_456, 900, 24, 10_000);
    expect(w.end - w.start).toBeLessThan(60);
  });
  it("copes with empty lists and odd input", () => {
    expect(rowWindow(0, 500, 24, 0)).toEqual({ start: 0, end: 0, offset: 0 });
    expect(rowWindow(-50, 100, 24, 3)).toEqual({ start: 0, end: 3, offset: 0 });
    expect(rowWindow(1e9, 100, 24, 3).end).toBe(3);
  });
  it("scrolls a row into view only when it is not", () => {
    expect(scrollToRow(5, 0, 240, 24)).toBeNull();
    expect(scrollToRow(20, 0, 240, 24)).toBe(21 * 24 - 240);
    expect(scrollToRow(2, 240, 240, 24)).toBe(48);
  });
});

describe("RowItems", () => {
  it("keeps the item of a row whose inputs are the same objects and rebuilds the others", () => {
    const a = { n: 1 };
    const b = { n: 2 };
    const items = new RowItems<{ i: number; v: { n: number } }>();
    const src = [a, b, { n: 3 }];
    const first = items.build(0, 3, (i) => [src[i]], (i) => ({ i, v: src[i] }));
    src[1] = { n: 20 };
    const second = items.build(0, 3, (i) => [src[i]], (i) => ({ i, v: src[i] }));
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1].v.n).toBe(20);
    expect(second[2]).toBe(first[2]);
  });
  it("rebuilds when any input changes, and forgets rows that scrolled away", () => {
    const items = new RowItems<{ i: number }>();
    let built = 0;
    const make = (i: number) => (built++, { i });
    items.build(0, 2, () => ["x", 1], make);
    items.build(0, 2, () => ["x", 2], make);
    expect(built).toBe(4);
    items.build(5, 6, () => ["x", 2], make);
    items.build(0, 1, () => ["x", 2], make);
    expect(built).toBe(6);
  });
});
