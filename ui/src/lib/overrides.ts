// A scenario's overrides as the editor's form holds them (task numbers, days, dates as the
// planner types them) and back. What an override does, how it is described, its kinds and
// what a new one starts with are core's (`scenario::defaults`, sent in the bindings and with
// each snapshot); this only reads and writes the fields.

import { OVERRIDE_DEFAULTS, OVERRIDE_KINDS, type Link, type LinkType, type Override, type Plan } from "./bindings";
import { days as toDays, MINUTES_PER_DAY, MINUTES_PER_ELAPSED_DAY, parseDays, type Parsed } from "./quantities";
import { parseTaskNumber } from "./risks";

export type OverrideKind = Override["type"];

/** Every kind of override with its name, in the order the form lists them (core's list). */
export const KINDS: readonly { kind: OverrideKind; label: string }[] = OVERRIDE_KINDS;

export function kindLabel(k: OverrideKind): string {
  return KINDS.find((x) => x.kind === k)?.label ?? k;
}

/** What a new override starts with (core's defaults). */
const DEFAULTS = OVERRIDE_DEFAULTS;

/** Every field any kind uses, as text. */
export interface Draft {
  kind: OverrideKind;
  task: string;
  task2: string;
  days: string;
  optimistic: string;
  pessimistic: string;
  date: string;
  date2: string;
  /** The time of day a delay keeps ("08:00:00" for a new one). */
  time: string;
  name: string;
  bridge: boolean;
  linkType: LinkType;
  /** A calendar, release, resource or risk id; "" for every calendar. */
  ref: string;
  units: string;
}

export function emptyDraft(kind: OverrideKind, plan: Plan): Draft {
  const ref =
    kind === "blackout"
      ? (plan.releases[0]?.id ?? "")
      : kind === "resource_units"
        ? (plan.resources[0]?.id ?? "")
        : kind === "fire_risk"
          ? (plan.risks[0]?.id ?? "")
          : "";
  return {
    kind,
    task: "",
    task2: "",
    days: "",
    optimistic: "",
    pessimistic: "",
    date: "",
    date2: "",
    time: DEFAULTS.delay_time,
    name: kind === "blackout" ? DEFAULTS.blackout_name : kind === "calendar_exception" ? DEFAULTS.holiday_name : "",
    bridge: DEFAULTS.bridge,
    linkType: "FS",
    ref,
    units: "",
  };
}

const days = (minutes: number) => String(toDays(minutes, 2));

/** The form of an existing override. */
export function toDraft(o: Override, plan: Plan): Draft {
  const d = emptyDraft(o.type, plan);
  const num = (id: string) => String(plan.tasks.find((t) => t.id === id)?.number ?? "");
  switch (o.type) {
    case "set_duration":
      return {
        ...d,
        task: num(o.task),
        days: o.duration.type === "elapsed" ? `${toDays((o.duration.minutes / MINUTES_PER_ELAPSED_DAY) * MINUTES_PER_DAY, 2)}e` : days(o.duration.minutes),
      };
    case "set_estimate":
      return {
        ...d,
        task: num(o.task),
        optimistic: o.estimate ? days(o.estimate.optimistic) : "",
        days: o.estimate ? days(o.estimate.most_likely) : "",
        pessimistic: o.estimate ? days(o.estimate.pessimistic) : "",
      };
    case "delay":
      return { ...d, task: num(o.task), date: o.until.slice(0, 10), time: o.until.slice(11, 19) || DEFAULTS.delay_time };
    case "remove_task":
      return { ...d, task: num(o.task), bridge: o.bridge };
    case "add_link":
      return {
        ...d,
        task: num(o.link.predecessor),
        task2: num(o.link.successor),
        linkType: o.link.kind,
        days: o.link.lag.type === "working" ? days(o.link.lag.value) : "0",
      };
    case "remove_link": {
      const l = plan.links.find((x) => x.id === o.link);
      return { ...d, task: l ? num(l.predecessor) : "", task2: l ? num(l.successor) : "" };
    }
    case "calendar_exception":
      return { ...d, ref: o.calendar ?? "", name: o.exception.name, date: o.exception.start, date2: o.exception.finish };
    case "blackout":
      return { ...d, ref: o.blackout.release_id, name: o.blackout.name, date: o.blackout.start, date2: o.blackout.finish };
    case "resource_units":
      return { ...d, ref: o.resource, units: String(Math.round((o.max_units ?? 0) * 100)) };
    case "fire_risk":
      return { ...d, ref: o.risk };
  }
}

const bad = (error: string): Parsed<never> => ({ ok: false, error });

/**
 * The override the form describes, or what is wrong with it. `previous` is the override being
 * edited, whose ids (an added link's, a blackout's) are kept; `newId` makes ids for new ones.
 */
export function fromDraft(d: Draft, plan: Plan, previous: Override | null, newId: () => string): Parsed<Override> {
  const task = (text: string, what = "task") => {
    const n = parseTaskNumber(text);
    if (!n.ok) return bad(`${what}: ${n.error}`);
    const t = plan.tasks.find((x) => x.number === n.value);
    return t ? ({ ok: true, value: t.id } as const) : bad(`The plan has no task ${n.value}.`);
  };
  const date = (text: string, what: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(text) ? ({ ok: true, value: text } as const) : bad(`Give the ${what} date.`);
  const workDays = (text: string, what: string) => {
    const v = parseDays(text);
    return v.ok ? v : bad(`${what}: ${v.error}`);
  };
  switch (d.kind) {
    case "set_duration": {
      const t = task(d.task);
      if (!t.ok) return t;
      const elapsed = /e\s*$/i.test(d.days);
      const v = workDays(d.days.replace(/e\s*$/i, "").replace(/d\s*$/i, ""), "Duration");
      if (!v.ok) return v;
      return {
        ok: true,
        value: { type: "set_duration", task: t.value, duration: elapsed ? { type: "elapsed", minutes: (v.value / MINUTES_PER_DAY) * MINUTES_PER_ELAPSED_DAY } : { type: "working", minutes: v.value } },
      };
    }
    case "set_estimate": {
      const t = task(d.task);
      if (!t.ok) return t;
      const o = workDays(d.optimistic, "Optimistic");
      const m = workDays(d.days, "Most likely");
      const p = workDays(d.pessimistic, "Pessimistic");
      for (const x of [o, m, p]) if (!x.ok) return x;
      if (!o.ok || !m.ok || !p.ok) return bad("unreachable");
      return { ok: true, value: { type: "set_estimate", task: t.value, estimate: { optimistic: o.value, most_likely: m.value, pessimistic: p.value } } };
    }
    case "delay": {
      const t = task(d.task);
      if (!t.ok) return t;
      const v = date(d.date, "no-earlier-than");
      if (!v.ok) return v;
      return { ok: true, value: { type: "delay", task: t.value, until: `${v.value}T${d.time || DEFAULTS.delay_time}` } };
    }
    case "remove_task": {
      const t = task(d.task);
      return t.ok ? { ok: true, value: { type: "remove_task", task: t.value, bridge: d.bridge } } : t;
    }
    case "add_link": {
      const p = task(d.task, "Predecessor");
      if (!p.ok) return p;
      const s = task(d.task2, "Successor");
      if (!s.ok) return s;
      const lag = d.days.trim() === "" ? ({ ok: true, value: 0 } as const) : workDays(d.days, "Lag");
      if (!lag.ok) return lag;
      const id = previous?.type === "add_link" ? previous.link.id : newId();
      const link: Link = { id, predecessor: p.value, successor: s.value, kind: d.linkType, lag: { type: "working", value: lag.value } };
      return { ok: true, value: { type: "add_link", link } };
    }
    case "remove_link": {
      const p = task(d.task, "Predecessor");
      if (!p.ok) return p;
      const s = task(d.task2, "Successor");
      if (!s.ok) return s;
      const l = plan.links.find((x) => x.predecessor === p.value && x.successor === s.value);
      if (!l) return bad(`Task ${d.task.trim()} does not link to task ${d.task2.trim()}.`);
      return { ok: true, value: { type: "remove_link", link: l.id } };
    }
    case "calendar_exception": {
      const a = date(d.date, "first");
      if (!a.ok) return a;
      const b = d.date2 ? date(d.date2, "last") : a;
      if (!b.ok) return b;
      return {
        ok: true,
        value: { type: "calendar_exception", calendar: d.ref || null, exception: { name: d.name.trim() || DEFAULTS.holiday_name, start: a.value, finish: b.value, working: [] } },
      };
    }
    case "blackout": {
      const a = date(d.date, "first");
      if (!a.ok) return a;
      const b = d.date2 ? date(d.date2, "last") : a;
      if (!b.ok) return b;
      if (!d.ref) return bad("Choose the release of the blackout window.");
      const id = previous?.type === "blackout" ? previous.blackout.id : newId();
      return { ok: true, value: { type: "blackout", blackout: { id, release_id: d.ref, name: d.name.trim() || DEFAULTS.blackout_name, start: a.value, finish: b.value } } };
    }
    case "resource_units": {
      const u = /^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(d.units);
      if (!u) return bad(`'${d.units}' is not a number of units: give a percentage, e.g. 50%`);
      if (!d.ref) return bad("Choose the resource.");
      return { ok: true, value: { type: "resource_units", resource: d.ref, max_units: Number(u[1].replace(",", ".")) / 100 } };
    }
    case "fire_risk":
      return d.ref ? { ok: true, value: { type: "fire_risk", risk: d.ref } } : bad("Choose the risk.");
  }
}
