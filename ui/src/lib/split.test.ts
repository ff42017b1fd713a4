import { describe, expect, it } from "vitest";
import { CHART_SHARE_BESIDE_PANEL, DIVIDER, MIN_CHART, MIN_GRID, WHY_PANEL, clampGrid, defaultGrid, gridFor, keyedGrid, revealColumn, storeGrid, storedGrid } from "./split";

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

  it("gives way when the Why panel docks, so that the chart keeps 45 % of the room left", () => {
    const split = 1290;
    const room = split - WHY_PANEL;
    const most = Math.round(room - DIVIDER - room * CHART_SHARE_BESIDE_PANEL);
    expect(gridFor(null, 0, WHY_PANEL, WHOLE)).toBe(WHOLE);
    // The default and a chosen width alike; the chart then has 45 % of what the panel leaves.
    expect(gridFor(null, split, WHY_PANEL, WHOLE)).toBe(most);
    expect(gridFor(900, split, WHY_PANEL, WHOLE)).toBe(most);
    expect(room - DIVIDER - most).toBeGreaterThanOrEqual(Math.floor(room * CHART_SHARE_BESIDE_PANEL));
    // A grid narrower than that keeps its width; without the panel, the chosen width holds.
    expect(gridFor(300, split, WHY_PANEL, WHOLE)).toBe(300);
    expect(gridFor(900, split, 0, WHOLE)).toBe(900);
    // A width chosen beside the panel holds there (within the usual bounds) and not without it.
    expect(gridFor(900, split, WHY_PANEL, WHOLE, 700)).toBe(700);
    expect(gridFor(900, split, WHY_PANEL, WHOLE, 5000)).toBe(room - DIVIDER - MIN_CHART);
    expect(gridFor(900, split, 0, WHOLE, 700)).toBe(900);
    // A window too narrow: the grid keeps its minimum.
    expect(gridFor(null, 700, WHY_PANEL, WHOLE)).toBe(MIN_GRID);
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
