// Dates arrive from Rust as zone-less local instants ("2027-03-01T08:00:00"), as MS Project
// shows them. They are handled here as UTC milliseconds so that no time zone or daylight
// saving shift can move them.

export const DAY_MS = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Milliseconds of a NaiveDateTime or NaiveDate string, read as UTC. NaN when unreadable. */
export function toMs(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

/** The NaiveDateTime string of `ms`, to send back to Rust. */
export function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** "Mon 01 Mar 27": the grid's date format, dense and unambiguous. */
export function formatDate(s: string): string {
  const ms = toMs(s);
  if (Number.isNaN(ms)) return "";
  const d = new Date(ms);
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const yy = String(d.getUTCFullYear() % 100).padStart(2, "0");
  return `${WEEKDAYS[d.getUTCDay()]} ${dd} ${MONTHS[d.getUTCMonth()]} ${yy}`;
}

/** "01 Mar 2027 17:00", for tooltips and the overview. */
export function formatDateTime(s: string): string {
  const ms = toMs(s);
  if (Number.isNaN(ms)) return "";
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mi = String(d.getUTCMinutes()).padStart(2, "0");
  return `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hh}:${mi}`;
}

/** Calendar days from `a` to `b` (both NaiveDateTime strings), for "moved by" messages. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

export function monthLabel(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function dayLabel(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]}`;
}

/** Midnight of the Monday on or before `ms`. */
export function startOfWeek(ms: number): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  const wd = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return day - wd * DAY_MS;
}

export function isWeekend(ms: number): boolean {
  const wd = new Date(ms).getUTCDay();
  return wd === 0 || wd === 6;
}
