// The plan view's split between the task grid and the Gantt chart, as MS Project's split bar:
// the grid pane's width, dragged or moved with the keyboard, kept within bounds and
// remembered between sessions. The grid scrolls sideways inside a pane narrower than it.

/** The narrowest grid pane: the ID, mode and most of the name column. */
export const MIN_GRID = 240;
/** The chart keeps at least this much of the split. */
export const MIN_CHART = 200;
/** The split bar's own width. */
export const DIVIDER = 6;
/** The Why panel's width: docked at the right of the split, it takes this from the grid and the chart. */
export const WHY_PANEL = 300;
/**
 * Beside a docked panel the chart keeps at least this share of what the panel leaves: the
 * Why panel's driving path and what it drives are marked there.
 */
export const CHART_SHARE_BESIDE_PANEL = 0.45;
/**
 * Room below the last row, in the grid and in the chart alike (so that their rows stay level
 * when both are scrolled to the end): a horizontal scrollbar drawn over the content, as GTK's
 * overlay scrollbars are, would otherwise cover the last row.
 */
export const SCROLL_ROOM = 16;
/** One arrow key press moves the bar this far; with Shift, four times as far. */
export const STEP = 24;

const KEY = "admiral.split.gridWidth";

/**
 * `wanted` kept within bounds for a split `total` px wide (bar included) and a grid `whole`
 * px wide: at least MIN_GRID, at most the whole grid, and leaving the chart MIN_CHART when
 * the split is wide enough for both (on a window too narrow for that, the grid's minimum wins).
 */
export function clampGrid(wanted: number, total: number, whole: number): number {
  const most = Math.min(whole, total - DIVIDER - MIN_CHART);
  return Math.round(Math.max(MIN_GRID, Math.min(wanted, most)));
}

/**
 * The width before the user chooses one: the whole grid if that leaves the chart 45 % of the
 * split, otherwise 55 % of the split for the grid (MS Project's default leaves the chart a
 * good share too).
 */
export function defaultGrid(total: number, whole: number): number {
  const wanted = whole <= total * 0.55 ? whole : total * 0.55;
  return clampGrid(wanted, total, whole);
}

/**
 * The grid's width in a split `total` px wide (0: not measured yet) of which `reserved` px
 * are taken by a docked panel. Without one: the chosen width, or the default. Beside one: the
 * width chosen while a panel was docked (`beside`), else the grid gives way so that the chart
 * keeps CHART_SHARE_BESIDE_PANEL of the room left (the grid never below its minimum).
 */
export function gridFor(chosen: number | null, total: number, reserved: number, whole: number, beside: number | null = null): number {
  if (total === 0) return whole;
  const room = total - reserved;
  if (reserved > 0 && beside !== null) return clampGrid(beside, room, whole);
  const grid = clampGrid(chosen ?? defaultGrid(total, whole), room, whole);
  if (reserved === 0) return grid;
  return Math.max(MIN_GRID, Math.min(grid, Math.round(room - DIVIDER - room * CHART_SHARE_BESIDE_PANEL)));
}

/** The width a key press gives (`null`: the key does not move the bar). */
export function keyedGrid(key: string, shift: boolean, current: number, total: number, whole: number): number | null {
  const step = shift ? STEP * 4 : STEP;
  switch (key) {
    case "ArrowLeft":
      return clampGrid(current - step, total, whole);
    case "ArrowRight":
      return clampGrid(current + step, total, whole);
    case "Home":
      return clampGrid(MIN_GRID, total, whole);
    case "End":
      return clampGrid(whole, total, whole);
    default:
      return null;
  }
}

/** The width the user chose last, if any (a number of pixels kept in local storage). */
export function storedGrid(storage: Pick<Storage, "getItem"> | undefined): number | null {
  const v = Number(storage?.getItem(KEY) ?? NaN);
  return Number.isFinite(v) && v > 0 ? v : null;
}

export function storeGrid(storage: Pick<Storage, "setItem" | "removeItem"> | undefined, width: number | null): void {
  if (!storage) return;
  if (width === null) storage.removeItem(KEY);
  else storage.setItem(KEY, String(Math.round(width)));
}

/**
 * The scrollLeft that shows a column from `left` to `right` (px in the grid) in a pane `width`
 * px wide now scrolled to `scroll`, moving as little as possible; a column wider than the pane
 * shows its start.
 */
export function revealColumn(left: number, right: number, scroll: number, width: number): number {
  if (left < scroll || right - left > width) return left;
  if (right > scroll + width) return right - width;
  return scroll;
}
