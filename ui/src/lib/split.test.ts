import { describe, expect, it } from "vitest";
import { DIVIDER, MIN_CHART, MIN_GRID, WHY_PANEL, clampGrid, defaultGrid, gridFor, keyedGrid, revealColumn, storeGrid, storedGrid } from "./split";

const WHOLE = 1018;

describe("the split between grid and chart", () => {
  it("keeps the grid between its minimum and the whole grid, and the chart its minimum", () => {
    expect(clampGrid(100, 1300, WHOLE)).toBe(MIN_GRID);
    expect(clampGrid(5000, 3000, WHOLE)).toBe(WHOLE);
    expect(clampGrid(1100, 1200, WHOLE)).toBe(1200 - DIVIDER - MIN_CHART);
    // A window too narrow for both: the grid keeps its minimum.
    expect(clampGrid(500, 300, WHOLE)).toBe(MIN_GRID);
  });

  it("shows the whole grid by default when the chart keeps 45 %, else gives the grid 55 %", () => {
    expect(defaultGrid(2400, WHOLE)).toBe(WHOLE);
    // 1440 px window: about 1290 px for the split; the whole grid would leave the chart 21 %.
    expect(defaultGrid(1290, WHOLE)).toBe(Math.round(1290 * 0.55));
    expect(defaultGrid(400, WHOLE)).toBe(MIN_GRID);
  });

  it("keeps the grid's width when the Why panel docks, unless the chart would get less than its minimum", () => {
    const split = 1290;
    expect(gridFor(null, 0, WHY_PANEL, WHOLE)).toBe(WHOLE);
    expect(gridFor(null, split, WHY_PANEL, WHOLE)).toBe(gridFor(null, split, 0, WHOLE));
    expect(gridFor(600, split, WHY_PANEL, WHOLE)).toBe(600);
    expect(gridFor(900, split, 0, WHOLE)).toBe(900);
    expect(gridFor(900, split, WHY_PANEL, WHOLE)).toBe(split - WHY_PANEL - DIVIDER - MIN_CHART);
  });

  it("moves with the arrow keys, Shift for bigger steps, Home and End to the ends", () => {
    expect(keyedGrid("ArrowRight", false, 600, 1300, WHOLE)).toBe(624);
    expect(keyedGrid("ArrowLeft", true, 600, 1300, WHOLE)).toBe(504);
    expect(keyedGrid("Home", false, 600, 1300, WHOLE)).toBe(MIN_GRID);
    expect(keyedGrid("End", false, 600, 1300, WHOLE)).toBe(WHOLE);
    expect(keyedGrid("End", false, 600, 900, WHOLE)).toBe(900 - DIVIDER - MIN_CHART);
    expect(keyedGrid("a", false, 600, 1300, WHOLE)).toBeNull();
  });

  it("remembers the chosen width, and forgets it", () => {
    const m = new Map<string, string>();
    const s = {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
    };
    expect(storedGrid(s)).toBeNull();
    storeGrid(s, 612.4);
    expect(storedGrid(s)).toBe(612);
    storeGrid(s, null);
    expect(storedGrid(s)).toBeNull();
    m.set("admiral.split.gridWidth", "garbage");
    expect(storedGrid(s)).toBeNull();
    expect(storedGrid(undefined)).toBeNull();
  });

  it("scrolls a column into view, moving as little as possible", () => {
    // Pane 400 px wide at scroll 0: a column at 500–600 needs scroll 200.
    expect(revealColumn(500, 600, 0, 400)).toBe(200);
    // Already in view: no move.
    expect(revealColumn(100, 200, 50, 400)).toBe(50);
    // Left of the view: its start.
    expect(revealColumn(40, 100, 200, 400)).toBe(40);
    // Wider than the pane: its start.
    expect(revealColumn(100, 700, 0, 400)).toBe(100);
  });
});
