// The risk register's table: sorting by a column, and reading what a planner types into a
// cell (a percentage, days, a task number). Ratings and the heat map come from Rust.

import type { Risk, RiskId, RiskRating } from "./bindings";
import type { Parsed } from "./quantities";

export type RiskColumn = "title" | "probability" | "impact" | "exposure" | "rating" | "cost" | "owner" | "status";

export interface Sort {
  column: RiskColumn;
  /** 1 ascending, -1 descending. */
  dir: 1 | -1;
}

const TEXT: RiskColumn[] = ["title", "owner", "status"];
const STATUS_ORDER = { open: 0, mitigating: 1, occurred: 2, closed: 3 } as const;

/** The sort after clicking `column`'s header: the same column flips; a new one starts
 *  ascending for text and descending for numbers (biggest exposure first). */
export function nextSort(current: Sort, column: RiskColumn): Sort {
  if (current.column === column) return { column, dir: current.dir === 1 ? -1 : 1 };
  return { column, dir: TEXT.includes(column) ? 1 : -1 };
}

function key(r: Risk, x: RiskRating | undefined, column: RiskColumn): number | string {
  switch (column) {
    case "title":
      return r.title.toLocaleLowerCase();
    case "owner":
      return r.owner.toLocaleLowerCase();
    case "status":
      return STATUS_ORDER[r.status];
    case "probability":
      return r.probability ?? 0;
    case "impact":
      return r.schedule_impact;
    case "exposure":
      return x?.exposure_days ?? 0;
    case "rating":
      return x?.rating.score ?? 0;
    case "cost":
      return r.cost_impact;
  }
}

/** The risks in the order of `sort`; ties keep plan order. Does not modify `risks`. */
export function sortRisks(risks: Risk[], ratings: Map<RiskId, RiskRating>, sort: Sort): Risk[] {
  return risks
    .map((r, i) => ({ r, i, k: key(r, ratings.get(r.id), sort.column) }))
    .sort((a, b) => {
      const c = typeof a.k === "string" ? a.k.localeCompare(b.k as string) : a.k - (b.k as number);
      return c !== 0 ? c * sort.dir : a.i - b.i;
    })
    .map((x) => x.r);
}

/** "33" or "#33" → 33. */
export function parseTaskNumber(text: string): Parsed<number> {
  const m = /^\s*#?\s*(\d+)\s*$/.exec(text);
  if (!m) return { ok: false, error: `'${text}' is not a task number, e.g. 33` };
  return { ok: true, value: Number(m[1]) };
}

