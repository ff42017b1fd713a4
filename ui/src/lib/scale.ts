// The Gantt chart's time axis: zoom levels and the mapping from instants to pixels.

import { DAY_MS, dayLabel, monthLabel, startOfWeek } from "./time";

export type Zoom = "day" | "week" | "month" | "quarter";
export const ZOOMS: Zoom[] = ["day", "week", "month", "quarter"];

/** Pixels per calendar day at each zoom. */
export const PX_PER_DAY: Record<Zoom, number> = { day: 32, week: 10, month: 3, quarter: 1.1 };

/** The room the chart leaves after the finish, at least. */
export const ROOM_AFTER_FINISH_MS = 28 * DAY_MS;
/** The steps, from the scale's origin, in which the chart's end moves: thirteen weeks. */
export const END_STEP_MS = 91 * DAY_MS;

/**
 * Where the chart ends: at least four weeks after `finishMs`, rounded up to a whole number of
 * thirteen-week steps from `origin`. An edit that moves the finish by days or weeks then
 * leaves the chart (and its SVG) the width it was: a new width made WebKit lay out and
 * repaint the whole chart (11–18 ms at 10k tasks; ten edits that each moved the finish went
 * from a median of 52 to 46 ms, docs/benchmarks.md).
 */
export function chartEnd(origin: number, finishMs: number): number {
  const steps = Math.ceil((finishMs + ROOM_AFTER_FINISH_MS - origin) / END_STEP_MS);
  return origin + Math.max(1, steps) * END_STEP_MS;
}

export interface Tick {
  x: number;
  label: string;
  major: boolean;
  /** Above the labels, at a day zoom's Mondays: the week it begins ("18 Jan"). */
  week?: string;
}

export class TimeScale {
  constructor(
    readonly origin: number,
    readonly zoom: Zoom,
  ) {}

  get pxPerDay(): number {
    return PX_PER_DAY[this.zoom];
  }

  x(ms: number): number {
    return ((ms - this.origin) / DAY_MS) * this.pxPerDay;
  }

  ms(x: number): number {
    return this.origin + (x / this.pxPerDay) * DAY_MS;
  }

  /** Header ticks between pixel columns `x0` and `x1`. */
  ticks(x0: number, x1: number): Tick[] {
    const from = this.ms(Math.max(0, x0));
    const to = this.ms(x1);
    const out: Tick[] = [];
    if (this.zoom === "day" || this.zoom === "week") {
      const step = this.zoom === "day" ? DAY_MS : 7 * DAY_MS;
      for (let t = startOfWeek(from); t <= to; t += step) {
        const d = new Date(t);
        const major = d.getUTCDay() === 1;
        if (this.zoom === "week") out.push({ x: this.x(t), label: dayLabel(t), major });
        // A day is 32 px: room for its number ("18"), not for "18 Jan", which goes above.
        else out.push({ x: this.x(t), label: String(d.getUTCDate()), major, ...(major ? { week: dayLabel(t) } : {}) });
      }
    } else {
      const d0 = new Date(from);
      let y = d0.getUTCFullYear();
      let m = d0.getUTCMonth();
      const every = this.zoom === "month" ? 1 : 3;
      m -= m % every;
      for (;;) {
        const t = Date.UTC(y, m, 1);
        if (t > to) break;
        out.push({ x: this.x(t), label: every === 3 ? `Q${m / 3 + 1} ${y}` : monthLabel(t), major: m === 0 });
        m += every;
        if (m >= 12) {
          m -= 12;
          y += 1;
        }
      }
    }
    return out;
  }
}
