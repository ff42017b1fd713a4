// The audit log as people read it: which fields an entry changed (before → after), what the
// entity is called, and the filter form turned into the back end's query. The entries
// themselves (and the filtering) come from the plan file through Rust.

import type { AuditEntryView, AuditQuery, AuditVerification } from "./bindings";
import { formatDuration } from "./quantities";
import { formatDateTime } from "./time";

/** One field an entry changed, by its path ("approvers[1].decision"). */
export interface FieldChange {
  path: string;
  before: string;
  after: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The JSON text an entry carries, parsed; `null` when absent. Text that is not JSON stays text. */
export function parseJson(text: string | null): Json {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Leaf values of `v` by path; empty arrays and objects count as leaves. */
function flatten(v: Json, path: string, out: Map<string, Json>): void {
  if (Array.isArray(v) && v.length > 0) v.forEach((x, i) => flatten(x, `${path}[${i}]`, out));
  else if (isObject(v) && Object.keys(v).length > 0)
    for (const [k, x] of Object.entries(v)) flatten(x, path ? `${path}.${k}` : k, out);
  else out.set(path, v);
}

/** The object a path's last segment belongs to ("duration" for "duration.minutes"). */
function parentOf(root: Json, path: string): Json | undefined {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let v: Json | undefined = root;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(v)) v = v[Number(p)];
    else if (isObject(v)) v = v[p];
    else return undefined;
  }
  return v;
}

/** A value as a person reads it: text plainly, nothing as "—", a duration in days, a time as the grid shows it. */
export function formatValue(v: Json | undefined, parent?: Json): string {
  if (v === undefined || v === null || v === "") return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "number") {
    // Durations are {type, minutes}: working days or elapsed (clock) days.
    if (isObject(parent) && (parent.type === "working" || parent.type === "elapsed")) {
      return formatDuration({ type: parent.type, minutes: v });
    }
    return String(v);
  }
  // The model's instants are zone-less local times ("2027-01-18T15:45:00"), shown as the plan shows them.
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? formatDateTime(v) : v;
  return Array.isArray(v) ? "[]" : "{}";
}

/**
 * The fields that differ between `before` and `after` (either may be absent), in the order
 * they appear, compared leaf by leaf; `id` fields that did not change are never listed.
 */
export function fieldChanges(beforeText: string | null, afterText: string | null): FieldChange[] {
  const before = parseJson(beforeText);
  const after = parseJson(afterText);
  const b = new Map<string, Json>();
  const a = new Map<string, Json>();
  if (before !== null) flatten(before, "", b);
  if (after !== null) flatten(after, "", a);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  const out: FieldChange[] = [];
  for (const path of paths) {
    const x = b.get(path);
    const y = a.get(path);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    out.push({
      path: path || "value",
      before: formatValue(x, before === null ? undefined : parentOf(before, path)),
      after: formatValue(y, after === null ? undefined : parentOf(after, path)),
    });
  }
  return out;
}

/**
 * What an entity is called, from its JSON: a name, title or code; `null` when it has none.
 * A bulk entry (kind "rows": one change that created or deleted more than 2,000 rows, such
 * as an import into an existing plan) carries counts per table and is called by its total.
 */
export function entityName(e: AuditEntryView): string | null {
  if (e.entityKind === "rows") {
    const v = parseJson(e.after ?? e.before);
    if (!isObject(v)) return null;
    const n = Object.values(v).reduce<number>((sum, x) => sum + (typeof x === "number" ? x : 0), 0);
    return `${n.toLocaleString("en-US")} rows`;
  }
  for (const text of [e.after, e.before]) {
    const v = parseJson(text);
    if (!isObject(v)) continue;
    for (const k of ["name", "title", "code", "report"]) if (typeof v[k] === "string" && v[k]) return v[k] as string;
  }
  return null;
}

/** The task an entry is about, when it is about one: a task itself, or a gate's milestone. */
export function entityTask(e: AuditEntryView): string | null {
  if (e.entityKind === "task") return e.entityId;
  if (e.entityKind === "gate") {
    const v = parseJson(e.after ?? e.before);
    if (isObject(v) && typeof v.task_id === "string") return v.task_id;
  }
  return null;
}

/** What the filter form holds: text as typed, dates as "YYYY-MM-DD" (local days) or "". */
export interface FilterForm {
  text: string;
  kind: string;
  actor: string;
  from: string;
  to: string;
}

export const EMPTY_FORM: FilterForm = { text: "", kind: "", actor: "", from: "", to: "" };

/** Local midnight of a "YYYY-MM-DD" day, `days` later, as a UTC instant; `null` when unreadable. */
function localDay(day: string, days = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(+m[1], +m[2] - 1, +m[3] + days).toISOString();
}

/**
 * The back end's query for the form: empty fields are no filter; the date range covers whole
 * local days, `to` included.
 */
export function toFilter(f: FilterForm, limit: number, beforeSeq: number | null = null): AuditQuery {
  const text = f.text.trim();
  return {
    text: text || null,
    entityKind: f.kind || null,
    actor: f.actor || null,
    since: f.from ? localDay(f.from) : null,
    until: f.to ? localDay(f.to, 1) : null,
    beforeSeq,
    limit,
  };
}

/** An instant from the trail (UTC, RFC 3339) in local time: "18 Jan 2027 15:45:02". */
export function formatInstant(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const p = (n: number) => String(n).padStart(2, "0");
  const month = d.toLocaleString("en-GB", { month: "short" });
  return `${p(d.getDate())} ${month} ${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** The verification as one sentence, and whether it is good news. */
export function verificationText(v: AuditVerification): { ok: boolean; text: string } {
  if (!v.problem) {
    const n = v.entries.toLocaleString("en-US");
    return { ok: true, text: `Chain intact: ${n} ${v.entries === 1 ? "entry" : "entries"}, head ${shortHash(v.headHash)}` };
  }
  const m = v.problem.message;
  return { ok: false, text: `Chain broken at entry ${v.problem.seq} (${v.problem.kind}): ${m[0].toUpperCase()}${m.slice(1)}` };
}
