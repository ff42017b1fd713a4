// The Gantt's Split tool (MS Project's Split Task): a click on a task's bar splits it where the
// click falls. Here only the click turned into the instant sent to Rust; core decides where
// the work stops (after the work done by that instant) and refuses an instant in a gap.

import type { TimeScale } from "./scale";
import { fromMs } from "./time";

/** The gap a click leaves (MS Project's is the length the user drags; a working day here). */
export const SPLIT_GAP = "1d";

const MINUTE_MS = 60_000;

/** The instant at pixel column `x` of the chart, to the minute, as Rust reads it. */
export function instantAt(scale: TimeScale, x: number): string {
  return fromMs(Math.round(scale.ms(x) / MINUTE_MS) * MINUTE_MS);
}

/** Whether a bar of this kind can be split by a click: a task's, not a summary's or a milestone's. */
export function splittableBar(kind: "task" | "summary" | "milestone" | "gate"): boolean {
  return kind === "task";
}
