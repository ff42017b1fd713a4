// A scenario's overrides as the editor's form holds them (task numbers, days, dates as the
// planner types them) and back. What an override does is core's business; this only reads
// and writes the fields.

import type { Link, LinkType, Override, Plan } from "./bindings";
import { parseDays, parseTaskNumber, type Parsed } from "./risks";

export type OverrideKind = Override["type"];

export const KINDS: { kind: OverrideKind; label: string }[] = [
  { kind: "set_duration", label: "Set duration" },
  { kind: "set_estimate", label: "Set estimate" },
  { kind: "delay", label: "Delay start" },
  { kind: "remove_task", label: "Remove task (scope cut)" },
  { kind: "add_link", label: "Add link" },
  { kind: "remove_link", label: "Remove link" },
  { kind: "calendar_exception", label: "Holiday" },
  { kind: "blackout", label: "Blackout window" },
  { kind: "resource_units", label: "Resource units" },
  { kind: "fire_risk", label: "Risk fires" },
];


export function kindLabel(k: OverrideKind): string {
  return KINDS.find((x) => x.kind === k)?.label ?? k;
}

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
    time: "08:00:00",
    name: kind === "blackout" ? "Scenario freeze" : kind === "calendar_exception" ? "Scenario holiday" : "",
    bridge: true,
    linkType: "FS",
    ref,
    units: "",
  };
}

const days = (minutes: number) => String(Math.round((minutes / 480) * 100) / 100);

/** The form of an existing override. */
export function toDraft(o: Override, plan: Plan): Draft {
  const d = emptyDraft(o.type, plan);
  const num = (id: string) => String(plan.tasks.find((t) => t.id === id)?.number ?? "");
  switch (o.type) {
    case "set_duration":
      return {
        ...d,
        task: num(o.task),
        days: o.duration.type === "elapsed" ? `${days(o.duration.minutes / 3)}e` : days(o.duration.minutes),
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
      return { ...d, task: num(o.task), date: o.until.slice(0, 10), time: o.until.slice(11, 19) || "08:00:00" };
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
        value: { type: "set_duration", task: t.value, duration: elapsed ? { type: "elapsed", minutes: (v.value / 480) * 1440 } : { type: "working", minutes: v.value } },
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
      return { ok: true, value: { type: "delay", task: t.value, until: `${v.value}T${d.time || "08:00:00"}` } };
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
        value: { type: "calendar_exception", calendar: d.ref || null, exception: { name: d.name.trim() || "Scenario holiday", start: a.value, finish: b.value, working: [] } },
      };
    }
    case "blackout": {
      const a = date(d.date, "first");
      if (!a.ok) return a;
      const b = d.date2 ? date(d.date2, "last") : a;
      if (!b.ok) return b;
      if (!d.ref) return bad("Choose the release of the blackout window.");
      const id = previous?.type === "blackout" ? previous.blackout.id : newId();
      return { ok: true, value: { type: "blackout", blackout: { id, release_id: d.ref, name: d.name.trim() || "Scenario freeze", start: a.value, finish: b.value } } };
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

/** One line for the list: "#33 Payments certification starts no earlier than 15 Mar 2027". */
export function describe(o: Override, plan: Plan): string {
  const task = (id: string) => {
    const t = plan.tasks.find((x) => x.id === id);
    return t ? `#${t.number} ${t.name}` : "(deleted task)";
  };
  const d = (m: number) => `${Math.round((m / 480) * 100) / 100}d`;
  const date = (s: string) => {
    const [y, m, day] = s.slice(0, 10).split("-");
    return `${day}.${m}.${y}`;
  };
  switch (o.type) {
    case "set_duration":
      return `${task(o.task)}: duration ${o.duration.type === "elapsed" ? `${Math.round((o.duration.minutes / 1440) * 100) / 100}ed` : d(o.duration.minutes)}`;
    case "set_estimate":
      return o.estimate
        ? `${task(o.task)}: estimate ${d(o.estimate.optimistic)} / ${d(o.estimate.most_likely)} / ${d(o.estimate.pessimistic)}`
        : `${task(o.task)}: estimate removed`;
    case "delay":
      return `${task(o.task)} starts no earlier than ${date(o.until)} ${o.until.slice(11, 16)}`;
    case "remove_task":
      return `Remove ${task(o.task)}${o.bridge ? ", bridging its links" : ", dropping its links"}`;
    case "add_link": {
      const lag = o.link.lag.type === "working" && o.link.lag.value !== 0 ? `${o.link.lag.value > 0 ? "+" : ""}${d(o.link.lag.value)}` : "";
      return `Link ${task(o.link.predecessor)} → ${task(o.link.successor)} (${o.link.kind}${lag})`;
    }
    case "remove_link": {
      const l = plan.links.find((x) => x.id === o.link);
      return l ? `Remove link ${task(l.predecessor)} → ${task(l.successor)}` : "Remove a deleted link";
    }
    case "calendar_exception": {
      const cal = o.calendar ? (plan.calendars.find((c) => c.id === o.calendar)?.name ?? "a deleted calendar") : "every calendar";
      const days = o.exception.start === o.exception.finish ? date(o.exception.start) : `${date(o.exception.start)}–${date(o.exception.finish)}`;
      return `Holiday '${o.exception.name}' ${days} on ${cal}`;
    }
    case "blackout":
      return `Blackout '${o.blackout.name}' ${date(o.blackout.start)}–${date(o.blackout.finish)}`;
    case "resource_units": {
      const r = plan.resources.find((x) => x.id === o.resource);
      return `${r?.name ?? "(deleted resource)"}: max units ${Math.round((o.max_units ?? 0) * 100)}%`;
    }
    case "fire_risk":
      return `Risk fires: ${plan.risks.find((r) => r.id === o.risk)?.title ?? "(deleted risk)"}`;
  }
}
