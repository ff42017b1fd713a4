import { describe, expect, it } from "vitest";
import { rowWindow, scrollToRow } from "./virtual";

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
