// The Calendars view's text and layout: reading the working hours a planner types
// ("08:00–12:00, 13:00–17:00") and dates, and laying months out as weeks. Which days work,
// which are blackouts and where deployments fall come from Rust (`calendarDays`).

import type { WorkingTime } from "./bindings";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
export { WEEKDAYS };
const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

function clock(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** "08:00–12:00, 13:00–17:00"; "" for a non-working day. */
export function formatHours(times: WorkingTime[]): string {
  return times.map((w) => `${clock(w.from)}–${clock(w.to)}`).join(", ");
}

/** Minutes as "8h", "7h 30m", "45m"; "0h" for none. */
export function formatMinutes(m: number): string {
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (h && r) return `${h}h ${r}m`;
  return r ? `${r}m` : `${h}h`;
}

function parseClock(s: string, end: boolean): number | null {
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (min > 59) return null;
  // 24:00 is the end of the day, never a start.
  if (h > 24 || (h === 24 && (min > 0 || !end))) return null;
  return h * 60 + min;
}

/**
 * Reads working hours: periods "HH:MM–HH:MM" (or "-", "to"; "8" means 08:00) separated by
 * commas or semicolons. Empty, "—", "none", "off" or "non-working" is a non-working day.
 * Periods must be in order and not overlap; the error says which one is wrong.
 */
export function parseHours(text: string): Parsed<WorkingTime[]> {
  const t = text.trim();
  if (t === "" || /^(—|-|–|none|off|non-?working|closed)$/i.test(t)) return { ok: true, value: [] };
  const out: WorkingTime[] = [];
  for (const raw of t.split(/[,;]/)) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^(\S+?)\s*(?:–|—|-|\bto\b)\s*(\S+)$/i.exec(part);
    if (!m) return { ok: false, error: `'${part}' is not a period like 08:00–12:00` };
    const from = parseClock(m[1], false);
    const to = parseClock(m[2], true);
    if (from === null) return { ok: false, error: `'${m[1]}' in '${part}' is not a start time (00:00–23:59)` };
    if (to === null) return { ok: false, error: `'${m[2]}' in '${part}' is not an end time (00:01–24:00)` };
    if (to <= from) return { ok: false, error: `'${part}' ends before it starts; a period cannot run past midnight` };
    const prev = out[out.length - 1];
    if (prev && from < prev.to)
      return { ok: false, error: `'${part}' overlaps or comes before ${clock(prev.from)}–${clock(prev.to)}` };
    out.push({ from, to });
  }
  return { ok: true, value: out };
}

/** Days since 1970-01-01 of an ISO date "YYYY-MM-DD". */
function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function isoOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Reads "2027-12-24" (also "2027-12-24T…"); refuses dates that do not exist. */
export function parseDate(text: string): Parsed<string> {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (!m) return { ok: false, error: `'${text}' is not a date like 2027-12-24` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const iso = isoOf(dayNumber(y, mo, d));
  if (mo < 1 || mo > 12 || Number(iso.slice(8, 10)) !== d)
    return { ok: false, error: `${text.trim()} is not a day of the calendar` };
  return { ok: true, value: iso };
}

/** Reads a from–to pair of dates; the range may be a single day but not end before it starts. */
export function parseDateRange(from: string, to: string, what: string): Parsed<{ start: string; finish: string }> {
  const a = parseDate(from);
  if (!a.ok) return { ok: false, error: `${what}: ${a.error}` };
  const b = parseDate(to.trim() === "" ? from : to);
  if (!b.ok) return { ok: false, error: `${what}: ${b.error}` };
  if (b.value < a.value) return { ok: false, error: `${what} ends (${b.value}) before it starts (${a.value})` };
  return { ok: true, value: { start: a.value, finish: b.value } };
}

/** A month as year and 1-based month. */
export interface Month {
  year: number;
  month: number;
}

export function monthOf(iso: string): Month {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) };
}

export function addMonths(m: Month, n: number): Month {
  const k = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(k / 12), month: (k % 12) + 1 };
}

export function monthTitle(m: Month): string {
  return `${MONTHS[m.month - 1]} ${m.year}`;
}

/** The first and last day of `count` months from `m`, as ISO dates. */
export function monthsRange(m: Month, count: number): { from: string; to: string } {
  const end = addMonths(m, count);
  return {
    from: isoOf(dayNumber(m.year, m.month, 1)),
    to: isoOf(dayNumber(end.year, end.month, 1) - 1),
  };
}

/**
 * The month as rows of seven cells, Monday first: each cell is an ISO date, or null for the
 * padding before the 1st and after the last day.
 */
export function monthWeeks(m: Month): (string | null)[][] {
  const first = dayNumber(m.year, m.month, 1);
  const next = addMonths(m, 1);
  const last = dayNumber(next.year, next.month, 1) - 1;
  // 1970-01-01 was a Thursday (Monday-first index 3).
  const lead = (((first + 3) % 7) + 7) % 7;
  const cells: (string | null)[] = Array(lead).fill(null);
  for (let d = first; d <= last; d++) cells.push(isoOf(d));
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Calendar days from `a` to `b` inclusive (ISO dates). */
export function daysInclusive(a: string, b: string): number {
  const n = (s: string) => dayNumber(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
  return n(b) - n(a) + 1;
}

