// A split task (MS Project's Split Task) as the Gantt draws it and the task panel lists it:
// its bar in pieces, one per period of work that Rust sent (`RowView.segments`, from core's
// `split::segments`), joined by a dotted line across each gap; and each split in words.
// Nothing here computes a date: the pieces are the sent dates put on the chart's scale.

import type { Duration, Split } from "./bindings";
import { formatDuration } from "./quantities";
import { toMs } from "./time";

/** A stretch of a bar on the chart, in px. */
export interface Span {
  x0: number;
  x1: number;
}

/**
 * The pieces of a task's bar and the gaps between them, in px: `segments` (start and finish
 * of each period of work) on the scale `x`, or the one piece `whole` when there are none (the
 * task is not split). The first piece starts where the whole bar does, and the last ends where
 * it ends: a row's start may be the end of the working day before its work begins (17:00 on
 * the Friday before), and every bar, split or not, is drawn from it, so that link arrows meet
 * it. A piece is at least 2 px wide, as a whole bar is.
 */
export function barPieces(segments: [string, string][], x: (ms: number) => number, whole: Span): { pieces: Span[]; gaps: Span[] } {
  if (segments.length === 0) return { pieces: [whole], gaps: [] };
  const last = segments.length - 1;
  const pieces = segments.map(([s, f], k) => {
    const x0 = k === 0 ? Math.min(whole.x0, x(toMs(s))) : x(toMs(s));
    const x1 = k === last ? Math.max(whole.x1, x(toMs(f))) : x(toMs(f));
    return { x0, x1: Math.max(x0 + 2, x1) };
  });
  const gaps: Span[] = [];
  for (let k = 1; k < pieces.length; k++) {
    if (pieces[k].x0 > pieces[k - 1].x1) gaps.push({ x0: pieces[k - 1].x1, x1: pieces[k].x0 });
  }
  return { pieces, gaps };
}

/**
 * The progress bar over `pieces` for `done` percent: the first pieces filled, in order, for
 * that share of their total width (work is drawn where it happens: never in a gap).
 */
export function progressPieces(pieces: Span[], done: number): Span[] {
  let left = (pieces.reduce((n, p) => n + (p.x1 - p.x0), 0) * Math.min(100, Math.max(0, done))) / 100;
  const out: Span[] = [];
  for (const p of pieces) {
    if (left <= 0) break;
    const w = Math.min(left, p.x1 - p.x0);
    out.push({ x0: p.x0, x1: p.x0 + w });
    left -= w;
  }
  return out;
}

/** A split in words, in the task's duration units: "after 4d of work, 3d gap". */
export function splitText(s: Split, duration: Duration): string {
  const d = (minutes: number) => formatDuration({ type: duration.type, minutes });
  return `after ${d(s.after)} of work, ${d(s.gap)} gap`;
}
