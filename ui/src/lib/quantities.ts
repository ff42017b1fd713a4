// Quantities as people read and type them: working days, money, percentages, units and work.
// One module, so that every view shows "2.5d" or "1,840.50" the same way and reads what a
// planner types by the same rules. The length of a working day is core's (MINUTES_PER_DAY,
// from the bindings); the values themselves are computed in Rust.

import { MINUTES_PER_DAY } from "./bindings";

export { MINUTES_PER_DAY };
/** An elapsed day ("ed") is a clock day. */
export const MINUTES_PER_ELAPSED_DAY = 1440;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

// ---- days --------------------------------------------------------------------------------

/** Working minutes as a number of working days, rounded to `decimals`. */
export function days(minutes: number, decimals = 1): number {
  return round(minutes / MINUTES_PER_DAY, decimals);
}

/** Working minutes as days: "0d", "10d", "2.5d", "-0.5d". */
export function formatDays(minutes: number): string {
  return `${days(minutes)}d`;
}

/** A duration as MS Project writes it in days: working "2.5d", elapsed "3ed". */
export function formatDuration(d: { type: "working" | "elapsed"; minutes: number }, decimals = 2): string {
  return d.type === "elapsed"
    ? `${round(d.minutes / MINUTES_PER_ELAPSED_DAY, decimals)}ed`
    : `${days(d.minutes, decimals)}d`;
}

/** Days with a sign: "+5.0d", "−2.5d", "±0d". */
export function formatDelta(d: number | null): string {
  if (d === null) return "removed";
  const r = Math.round(d * 10) / 10;
  if (r === 0) return "±0d";
  return `${r > 0 ? "+" : "−"}${Math.abs(r).toFixed(1)}d`;
}

/** A variance in working minutes as signed days: "+3d", "−0.5d", "0d"; "" without one. */
export function formatVariance(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "";
  const d = days(minutes);
  if (d === 0) return "0d";
  return `${d > 0 ? "+" : "−"}${Math.abs(d)}d`;
}

/** "5", "5d" or "2.5d" → working minutes. Not negative. */
export function parseDays(text: string): Parsed<number> {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*d?\s*$/.exec(text);
  if (!m) return { ok: false, error: `'${text}' is not a number of working days, e.g. 5d` };
  return { ok: true, value: Math.round(Number(m[1].replace(",", ".")) * MINUTES_PER_DAY) };
}

// ---- money -------------------------------------------------------------------------------

// Made once: `toLocaleString` with options builds a formatter on every call, about 30 µs in
// WebKit, and the grid formats the cost of every row an edit changes (10k speed suite).
const WHOLE = new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const CENTS = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Cents as "1,840.50" (whole amounts without decimals). */
export function formatMoney(cents: number): string {
  return (cents % 100 === 0 ? WHOLE : CENTS).format(cents / 100);
}

/** "25000", "25 000" or "25,000.50" → cents. Not negative. */
export function parseMoney(text: string): Parsed<number> {
  const t = text.replace(/[\s\u00a0]/g, "").replace(/,(?=\d{3}(\D|$))/g, "");
  const m = /^(\d+(?:\.\d{1,2})?)$/.exec(t);
  if (!m) return { ok: false, error: `'${text}' is not an amount, e.g. 25000 or 25000.50` };
  return { ok: true, value: Math.round(Number(m[1]) * 100) };
}

/** "95", "95.50", "1,250" or "1 250.00" per hour → cents. Not negative. */
export function parseRate(text: string): Parsed<number> {
  const t = text.replace(/[\s\u00a0]/g, "").replace(/,(?=\d{3}(\D|$))/g, "").replace(/\/h$/i, "");
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return { ok: false, error: `'${text}' is not an hourly rate, e.g. 95 or 95.50` };
  return { ok: true, value: Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) };
}

/** Cents per hour as an editable rate: "95" or "95.50". */
export function rateText(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

// ---- percentages, units and work ---------------------------------------------------------

const PERCENT = /^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$/;

/** "35", "35%" or "35 %" → 0.35. Between 0 and 100. */
export function parsePercent(text: string): Parsed<number> {
  const m = PERCENT.exec(text);
  const v = m ? Number(m[1].replace(",", ".")) : NaN;
  if (!m || v > 100) return { ok: false, error: `'${text}' is not a probability: give a percentage from 0 to 100, e.g. 35%` };
  return { ok: true, value: Math.round(v * 100) / 10000 };
}

/** "12 %" for 0.12; "<1 %" and ">99 %" near the ends, so that 0.4 % does not read as none. */
export function percent(p: number | null): string {
  if (p === null || Number.isNaN(p)) return "–";
  if (p > 0 && p < 0.005) return "<1 %";
  if (p < 1 && p > 0.995) return ">99 %";
  return `${Math.round(p * 100)} %`;
}

/**
 * Units as MS Project shows them, in percent: "100%" (or "100") is one full-time person or
 * one environment, "50%" half of one, "500%" a team of five.
 */
export function parseUnits(text: string, what: string): Parsed<number> {
  const m = PERCENT.exec(text);
  if (!m) return { ok: false, error: `${what}: '${text}' is not a percentage, e.g. 100% or 50%` };
  const v = Number(m[1].replace(",", "."));
  return { ok: true, value: Math.round(v * 100) / 10000 };
}

/** 1.5 → "150%". */
export function formatUnits(u: number | null): string {
  return `${Math.round((u ?? 0) * 1000) / 10}%`;
}

/** Unit-minutes of work as hours: "16h", "1,240h", "7.5h". */
export function formatWork(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h.toLocaleString("en-US")}h`;
}

/** A count with its noun, singular for one: "1 warning", "3 warnings", "0 links". */
export function counted(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : `${noun}s`}`;
}
