// Axes for the schedule-risk charts: linear scales, round value ticks and date ticks. Pure
// geometry; the numbers drawn come from Rust's Monte Carlo result.

import { DAY_MS, dayLabel, monthLabel } from "./time";

export interface Scale {
  (v: number): number;
  domain: [number, number];
  range: [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle of the range. */
export function linear(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const f = ((v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0))) as Scale;
  f.domain = domain;
  f.range = range;
  return f;
}

/** About `count` round values (1, 2 or 5 × 10^k apart) from 0 up to at least `max`. */
export function valueTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    out.push(v);
    if (v >= max) break;
  }
  return out;
}

export interface DateTick {
  ms: number;
  label: string;
}

/**
 * Date ticks between `from` and `to` (UTC ms): every 1, 2 or 4 weeks (on Mondays) for spans up
 * to about five months, else month or quarter starts; at most about `max` of them.
 */
export function dateTicks(from: number, to: number, max = 8): DateTick[] {
  if (!(to > from)) return [];
  const days = (to - from) / DAY_MS;
  const out: DateTick[] = [];
  const weeks = [1, 2, 4].find((w) => days / (7 * w) <= max);
  if (weeks) {
    const d = new Date(from);
    // The first Monday on or after `from`.
    let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    while (new Date(t).getUTCDay() !== 1 || t < from) t += DAY_MS;
    for (; t <= to; t += weeks * 7 * DAY_MS) out.push({ ms: t, label: dayLabel(t) });
    return out;
  }
  const every = [1, 2, 3, 6, 12].find((m) => days / (30.44 * m) <= max) ?? 12;
  const d = new Date(from);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth() + 1;
  m += (every - (m % every)) % every;
  for (;;) {
    y += Math.floor(m / 12);
    m %= 12;
    const t = Date.UTC(y, m, 1);
    if (t > to) break;
    if (t >= from) out.push({ ms: t, label: monthLabel(t) });
    m += every;
  }
  return out;
}

/**
 * Rows for marker labels so that none overlaps the one before it in its row: each label is
 * `width` px wide, centred on its x. Returns the row of each input, in input order.
 */
export function labelRows(xs: number[], width: number): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const lastInRow: number[] = [];
  const rows = new Array<number>(xs.length).fill(0);
  for (const { x, i } of order) {
    let r = lastInRow.findIndex((last) => x - last >= width);
    if (r < 0) r = lastInRow.length;
    lastInRow[r] = x;
    rows[i] = r;
  }
  return rows;
}

