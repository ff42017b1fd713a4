import { describe, expect, it } from "vitest";
import { FitScale } from "./overlay";
import { DAY_MS } from "./time";

describe("the overlay's time axis", () => {
  const from = Date.UTC(2027, 0, 4);
  it("fits the range into the width", () => {
    const s = new FitScale(from, from + 100 * DAY_MS, 1000);
    expect(s.pxPerDay).toBe(10);
    expect(s.x(from + 100 * DAY_MS)).toBe(1000);
    expect(s.zoom).toBe("week");
    expect(s.ticks(0, 1000)[0].label).toBe("04 Jan");
  });
  it("switches to months when weeks would crowd, and never squeezes below the minimum", () => {
    expect(new FitScale(from, from + 300 * DAY_MS, 1000).zoom).toBe("month");
    expect(new FitScale(from, from + 3000 * DAY_MS, 1000).pxPerDay).toBe(2.5);
  });
});
