// The milestone trend chart's geometry (x: report date, y: forecast date, with the diagonal),
// from the series core computed. Plain numbers for an SVG; no date is decided here.

import type { TrendSeries } from "./bindings";
import { DAY_MS, dayLabel, monthLabel, toMs } from "./time";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"];

export interface TrendChart {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** x1, y1, x2, y2 of the diagonal (forecast = report date), when it crosses the chart. */
  diagonal: [number, number, number, number] | null;
  series: {
    key: string;
    label: string;
    gate: boolean;
    color: string;
    points: { x: number; y: number; title: string }[];
  }[];
}

/** Lays the series out on a `width` × `height` chart, a week of room around the data. */
export function trendChart(series: TrendSeries[], width: number, height: number): TrendChart {
  const left = 70;
  const right = width - 10;
  const top = 10;
  const bottom = height - 26;
  const pts = series.flatMap((s) => s.points);
  const reports = pts.map((p) => toMs(p.report));
  const forecasts = pts.map((p) => toMs(p.forecast));
  const empty: TrendChart = { width, height, left, right, top, bottom, xTicks: [], yTicks: [], diagonal: null, series: [] };
  if (pts.length === 0) return empty;
  const week = 7 * DAY_MS;
  const x0 = Math.min(...reports) - week;
  const x1 = Math.max(...reports) + week;
  const y0 = Math.min(Math.min(...forecasts), Math.min(...reports)) - week;
  const y1 = Math.max(Math.max(...forecasts), Math.max(...reports)) + week;
  const xs = (ms: number) => left + ((ms - x0) / (x1 - x0)) * (right - left);
  const ys = (ms: number) => bottom - ((ms - y0) / (y1 - y0)) * (bottom - top);
  const xTicks = [...new Set(reports)].sort((a, b) => a - b).map((ms) => ({ x: xs(ms), label: dayLabel(ms) }));
  const yTicks: { y: number; label: string }[] = [];
  const first = new Date(y0);
  for (let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1); m <= y1; ) {
    yTicks.push({ y: ys(m), label: monthLabel(m) });
    const d = new Date(m);
    m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  const d0 = Math.max(x0, y0);
  const d1 = Math.min(x1, y1);
  const diagonal: TrendChart["diagonal"] = d0 < d1 ? [xs(d0), ys(d0), xs(d1), ys(d1)] : null;
  return {
    ...empty,
    xTicks,
    yTicks,
    diagonal,
    series: series.map((s, i) => ({
      key: s.task_id,
      label: `${s.release_code} ${s.name}`,
      gate: s.gate,
      color: COLORS[i % COLORS.length],
      points: s.points.map((p) => ({
        x: xs(toMs(p.report)),
        y: ys(toMs(p.forecast)),
        title: `report ${p.report}: forecast ${p.forecast}`,
      })),
    })),
  };
}
