// The Resources view's text: reading the rates and units a planner types and showing money,
// units and work. Costs, work and loads themselves come from Rust (`resourceWorkload`).

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** "95", "95.50", "1,250" or "1 250.00" per hour → cents. Not negative. */
export function parseRate(text: string): Parsed<number> {
  const t = text.replace(/[\s\u00a0]/g, "").replace(/,(?=\d{3}(\D|$))/g, "").replace(/\/h$/i, "");
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return { ok: false, error: `'${text}' is not an hourly rate, e.g. 95 or 95.50` };
  return { ok: true, value: Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) };
}

/**
 * Units as MS Project shows them, in percent: "100%" (or "100") is one full-time person or
 * one environment, "50%" half of one, "500%" a team of five.
 */
export function parseUnits(text: string, what: string): Parsed<number> {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(text);
  if (!m) return { ok: false, error: `${what}: '${text}' is not a percentage, e.g. 100% or 50%` };
  const v = Number(m[1].replace(",", "."));
  return { ok: true, value: Math.round(v * 100) / 10000 };
}

/** 1.5 → "150%". */
export function formatUnits(u: number | null): string {
  return `${Math.round((u ?? 0) * 1000) / 10}%`;
}

/** Cents as "1,840.50" (whole amounts without decimals). */
export function formatMoney(cents: number): string {
  const whole = cents % 100 === 0;
  return (cents / 100).toLocaleString("en-US", {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  });
}

/** Cents per hour as an editable rate: "95" or "95.50". */
export function rateText(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** Unit-minutes of work as hours: "16h", "1,240h", "7.5h". */
export function formatWork(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h.toLocaleString("en-US")}h`;
}
