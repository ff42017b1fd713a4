// The scenario overlay's time axis: scale.ts's TimeScale, stretched so that a whole release
// fits the width available, with header ticks by week or by month as the density allows.

import { TimeScale } from "./scale";
import { DAY_MS } from "./time";

export class FitScale extends TimeScale {
  readonly px: number;

  /** Fits `from`..`to` (UTC ms) into `width` pixels, never denser than `minPx` a day. */
  constructor(from: number, to: number, width: number, minPx = 2.5) {
    const px = Math.max(minPx, width / Math.max(1, (to - from) / DAY_MS));
    super(from, px >= 5 ? "week" : "month");
    this.px = px;
  }

  override get pxPerDay(): number {
    return this.px;
  }
}
