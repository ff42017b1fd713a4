// The task grid's columns and the text each shows, from a task and its schedule row.

import type { RowView, Task } from "./bindings";
import { formatDate } from "./time";
import { formatDays, formatMoney, formatVariance } from "./quantities";

export type ColumnKey =
  | "number"
  | "mode"
  | "name"
  | "duration"
  | "start"
  | "finish"
  | "float"
  | "percent"
  | "variance"
  | "cost"
  | "predecessors"
  | "owner";

export interface Column {
  key: ColumnKey;
  label: string;
  width: number;
  editable: boolean;
  align?: "right";
  /** The header's tooltip, where the label is short. */
  title?: string;
}

export const COLUMNS: Column[] = [
  { key: "number", label: "ID", width: 66, editable: false, align: "right" },
  { key: "mode", label: "", width: 26, editable: false },
  { key: "name", label: "Task name", width: 186, editable: true },
  { key: "duration", label: "Dur.", width: 54, editable: true, align: "right" },
  { key: "start", label: "Start", width: 112, editable: false },
  { key: "finish", label: "Finish", width: 112, editable: false },
  { key: "float", label: "Float", width: 58, editable: false, align: "right" },
  { key: "percent", label: "% C.", width: 54, editable: false, align: "right", title: "Percent complete" },
  {
    key: "variance",
    label: "Var.",
    width: 62,
    editable: false,
    align: "right",
    title: "Finish variance against the baseline shown, in working days (+ is late)",
  },
  {
    key: "cost",
    label: "Cost",
    width: 92,
    editable: false,
    align: "right",
    title: "Cost: its resources' work at their rates plus its fixed cost; a summary's adds up its tasks'",
  },
  { key: "predecessors", label: "Predecessors", width: 104, editable: true },
  { key: "owner", label: "Owner", width: 96, editable: true },
];

export const GRID_WIDTH = COLUMNS.reduce((w, c) => w + c.width, 0);

/** Where column `index` starts, in px from the grid's left edge. */
export function columnLeft(index: number): number {
  return COLUMNS.slice(0, index).reduce((w, c) => w + c.width, 0);
}

export function cellText(key: ColumnKey, t: Task, r: RowView): string {
  switch (key) {
    case "number":
      return String(t.number);
    case "mode":
      return r.summary ? "" : t.mode?.mode === "manual" ? "Manually scheduled" : "Auto scheduled";
    case "name":
      return t.name;
    case "duration":
      // A summary's own duration is not its span; MS Project shows the rolled-up working
      // time, which the scheduler does not report yet, so the cell stays empty.
      return r.summary ? "" : r.duration;
    case "start":
      return formatDate(r.start);
    case "finish":
      return formatDate(r.finish);
    case "float":
      return formatDays(r.totalFloat);
    case "percent":
      // A summary's is rolled up from its tasks by core, weighted by duration.
      return `${r.percent}%`;
    case "variance":
      return formatVariance(r.baseline?.finishVariance);
    case "cost":
      // Core's figure (resources at their rates plus fixed costs), summaries rolled up.
      return r.cost ? formatMoney(r.cost) : "";
    case "predecessors":
      return r.predecessors;
    case "owner":
      return t.owner;
  }
}

/** The next editable column from `col` in direction `dir`, wrapping within the row. */
export function nextEditable(col: number, dir: 1 | -1): number {
  for (let i = 1; i <= COLUMNS.length; i++) {
    const c = (col + dir * i + COLUMNS.length) % COLUMNS.length;
    if (COLUMNS[c].editable) return c;
  }
  return col;
}
