// The weekly routine's small pieces of UI: reading what the "Update tasks" dialog was given,
// and saying the earned-value figures core computed in plain words. Every figure and every
// rule is Rust's (admiral_core::progress, evm); this only reads input and words output.

import type { EarnedValue } from "./bindings";
import { parseDate } from "./calendar";
import { formatMoney, type Parsed } from "./quantities";
import { formatDate } from "./time";

/** What `update_progress` takes; `null` leaves a value to core's rules. */
export interface ProgressInput {
  percent: number | null;
  actualStart: string | null;
  actualFinish: string | null;
  remaining: string | null;
}

/** The fields of the "Update tasks" dialog as typed. */
export interface ProgressForm {
  percent: string;
  actualStart: string;
  actualFinish: string;
  remaining: string;
}

/** "50", "50%" or "50 %" → 50; empty → null. Whole percents from 0 to 100. */
export function parsePercent(text: string): Parsed<number | null> {
  const t = text.trim();
  if (t === "") return { ok: true, value: null };
  const m = /^(\d{1,3})\s*%?$/.exec(t);
  if (!m || Number(m[1]) > 100) return { ok: false, error: `'${text}' is not a percent complete from 0 to 100` };
  return { ok: true, value: Number(m[1]) };
}

/**
 * A date typed as 2027-03-01 as the instant Rust takes: an actual start at 08:00, an actual
 * finish or a status date at 17:00 (the CLI's `admiral progress` reads dates the same way).
 */
export function dateAt(text: string, what: string, hour: 8 | 17): Parsed<string | null> {
  if (text.trim() === "") return { ok: true, value: null };
  const d = parseDate(text);
  if (!d.ok) return { ok: false, error: `${what}: ${d.error}` };
  return { ok: true, value: `${d.value}T${String(hour).padStart(2, "0")}:00:00` };
}

/** The dialog's fields as one update, or the first field that cannot be read. */
export function progressInput(f: ProgressForm): Parsed<ProgressInput> {
  const percent = parsePercent(f.percent);
  if (!percent.ok) return percent;
  const start = dateAt(f.actualStart, "Actual start", 8);
  if (!start.ok) return start;
  const finish = dateAt(f.actualFinish, "Actual finish", 17);
  if (!finish.ok) return finish;
  const remaining = f.remaining.trim() === "" ? null : f.remaining.trim();
  if (percent.value === null && !start.value && !finish.value && remaining === null)
    return { ok: false, error: "Give a percent complete, an actual date or a remaining duration" };
  return { ok: true, value: { percent: percent.value, actualStart: start.value, actualFinish: finish.value, remaining } };
}

/** A ratio as the overview shows it: "0.92", or "–" where core leaves it undefined. */
export function formatRatio(r: number | null): string {
  return r === null ? "–" : r.toFixed(2);
}

/**
 * One plain sentence on the figures: schedule (SPI), cost (CPI) and where the plan ends up
 * (EAC against the budget, VAC). `null` when nothing was planned by the status date and
 * nothing spent (SPI and CPI both undefined).
 */
export function evSentence(ev: EarnedValue, statusDate: string, currency: string): string | null {
  if (ev.spi === null && ev.cpi === null) return null;
  const when = formatDate(statusDate);
  const money = (cents: number) => `${formatMoney(Math.abs(cents))} ${currency}`;
  const schedule =
    ev.spi === null
      ? `nothing was planned to be done by ${when}`
      : `by ${when} the work done is worth ${Math.round(ev.spi * 100)}% of what the baseline planned (${ev.spi >= 1 ? "on or ahead of" : "behind"} schedule)`;
  const cost =
    ev.cpi === null
      ? "nothing has been spent yet"
      : `each 1.00 ${currency} spent has earned ${ev.cpi.toFixed(2)} ${currency} of planned work`;
  const end =
    ev.vac === 0
      ? `at this rate it ends on its budget of ${money(ev.bac)}`
      : `at this rate it ends at ${money(ev.eac)}, ${money(ev.vac)} ${ev.vac > 0 ? "under" : "over"} its budget`;
  return `${capital(schedule)}; ${cost}; ${end}.`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
