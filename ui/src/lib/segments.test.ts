import { describe, expect, it } from "vitest";
import { barPieces, progressPieces, splitText } from "./segments";
import { DAY_MS, toMs } from "./time";

// A scale of 10 px per day from 4 January 2027.
const origin = toMs("2027-01-04T00:00:00");
const x = (ms: number) => ((ms - origin) / DAY_MS) * 10;

describe("barPieces", () => {
  it("gives a task that is not split its whole bar and no gap", () => {
    expect(barPieces([], x, { x0: 3, x1: 40 })).toEqual({ pieces: [{ x0: 3, x1: 40 }], gaps: [] });
  });

  it("puts each period of work on the scale, with a gap between them", () => {
    const { pieces, gaps } = barPieces(
      [
        ["2027-01-04T00:00:00", "2027-01-06T00:00:00"],
        ["2027-01-11T00:00:00", "2027-01-14T00:00:00"],
        ["2027-01-15T00:00:00", "2027-01-16T00:00:00"],
      ],
      x,
      { x0: 0, x1: 120 },
    );
    expect(pieces).toEqual([
      { x0: 0, x1: 20 },
      { x0: 70, x1: 100 },
      { x0: 110, x1: 120 },
    ]);
    expect(gaps).toEqual([
      { x0: 20, x1: 70 },
      { x0: 100, x1: 110 },
    ]);
  });

  it("starts and ends with the whole bar (a row's start may be the evening before its work)", () => {
    const { pieces } = barPieces(
      [
        ["2027-01-04T00:00:00", "2027-01-05T00:00:00"],
        ["2027-01-07T00:00:00", "2027-01-08T00:00:00"],
      ],
      x,
      { x0: -3, x1: 40 },
    );
    expect(pieces).toEqual([
      { x0: -3, x1: 10 },
      { x0: 30, x1: 40 },
    ]);
  });

  it("keeps a piece at least 2 px wide and draws no gap where pieces touch", () => {
    const { pieces, gaps } = barPieces(
      [
        ["2027-01-04T00:00:00", "2027-01-04T01:00:00"],
        ["2027-01-04T02:00:00", "2027-01-05T00:00:00"],
      ],
      x,
      { x0: 0, x1: 10 },
    );
    expect(pieces[0]).toEqual({ x0: 0, x1: 2 });
    expect(gaps).toEqual([]);
  });
});

describe("progressPieces", () => {
  const pieces = [
    { x0: 0, x1: 20 },
    { x0: 70, x1: 100 },
  ];

  it("fills the pieces in order, never the gap", () => {
    expect(progressPieces(pieces, 0)).toEqual([]);
    expect(progressPieces(pieces, 20)).toEqual([{ x0: 0, x1: 10 }]);
    expect(progressPieces(pieces, 60)).toEqual([
      { x0: 0, x1: 20 },
      { x0: 70, x1: 80 },
    ]);
    expect(progressPieces(pieces, 100)).toEqual(pieces);
  });

  it("keeps within 0 and 100 percent", () => {
    expect(progressPieces(pieces, 150)).toEqual(pieces);
    expect(progressPieces(pieces, -5)).toEqual([]);
  });
});

describe("splitText", () => {
  it("says a split in the task's duration units", () => {
    const working = { type: "working", minutes: 10 * 480 } as const;
    expect(splitText({ after: 4 * 480, gap: 3 * 480 }, working)).toBe("after 4d of work, 3d gap");
    expect(splitText({ after: 240, gap: 480 }, working)).toBe("after 0.5d of work, 1d gap");
    const elapsed = { type: "elapsed", minutes: 5 * 1440 } as const;
    expect(splitText({ after: 2 * 1440, gap: 1440 }, elapsed)).toBe("after 2ed of work, 1ed gap");
  });
});
