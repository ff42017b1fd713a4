// The weekly routine's small pieces of UI: reading what the "Update tasks" dialog was given,
// and showing the earned-value ratios. Every figure, rule and sentence is Rust's
// (admiral_core::progress, evm::sentences); this only reads input.

import { parseDate } from "./calendar";
import { type Parsed } from "./quantities";

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
