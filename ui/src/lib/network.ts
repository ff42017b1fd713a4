// The dependency network view: which tasks and links to draw, and where (dagre lays the graph
// out left to right). Nothing here computes a date: starts, finishes, float and criticality
// are the schedule's rows as Rust sent them.

import dagre from "@dagrejs/dagre";
import type { Lag, Link, LinkType, ProjectId, RowView, Task, TaskId } from "./bindings";
import { MINUTES_PER_DAY, MINUTES_PER_ELAPSED_DAY } from "./quantities";

/** Which tasks to show: the critical path, it plus the near-critical tasks, or every task. */
export type NetworkFilter = "critical" | "near" | "all";
export const FILTERS: readonly NetworkFilter[] = ["all", "near", "critical"];

/**
 * The most tasks laid out at once. dagre's cost grows with the tasks times the ranks their
 * links span: a long plan of 1,000 tasks takes a few seconds, as long as a planner should wait.
 */
export const LAYOUT_CAP = 1000;

/** A task box, in layout units (SVG user units at zoom 1). */
export const NODE_W = 196;
export const NODE_H = 60;

export interface NetworkInput {
  tasks: readonly Task[];
  links: readonly Link[];
  /** `rows[i]` is the schedule of `tasks[i]`. */
  rows: readonly RowView[];
}

export interface NetNode {
  id: TaskId;
  /** Position in `plan.tasks` (and `schedule.rows`). */
  index: number;
  /** Outside the chosen project: shown only because it links to a task of the project. */
  ghost: boolean;
}

export interface NetEdge {
  from: TaskId;
  to: TaskId;
  kind: LinkType;
  /** "+2d", "-1ed", "+50%", or "" for no lag. */
  lag: string;
  /** Both ends are critical tasks. */
  critical: boolean;
  /** Stands for a link to or from a summary task, drawn to that summary's first or last tasks. */
  viaSummary: boolean;
}

export interface Network {
  nodes: NetNode[];
  edges: NetEdge[];
  /** Tasks of the project that pass the filter (before the cap). */
  matched: number;
  /** More tasks matched than `LAYOUT_CAP`: only the first ones, in plan order, are shown. */
  truncated: boolean;
}

/** Whether a (non-summary) row passes the filter. */
export function passes(row: RowView, filter: NetworkFilter): boolean {
  if (filter === "all") return true;
  if (filter === "near") return row.critical || row.nearCritical;
  return row.critical;
}

/** How many tasks (summaries excluded) of `project` (every project when null) each filter shows. */
export function filterCounts(input: NetworkInput, project: ProjectId | null): Record<NetworkFilter, number> {
  const c = { all: 0, near: 0, critical: 0 };
  input.rows.forEach((r, i) => {
    if (r.summary || (project !== null && input.tasks[i].project_id !== project)) return;
    c.all++;
    if (r.critical || r.nearCritical) c.near++;
    if (r.critical) c.critical++;
  });
  return c;
}

/** The broadest filter whose tasks fit under the cap ("critical" when none does). */
export function defaultFilter(counts: Record<NetworkFilter, number>, cap = LAYOUT_CAP): NetworkFilter {
  return FILTERS.find((f) => counts[f] <= cap) ?? "critical";
}

/** "+2d", "-1ed", "+50%": a link's lag as MS Project writes it; "" for none. */
export function lagText(lag: Lag): string {
  if (lag.value === 0) return "";
  const sign = lag.value > 0 ? "+" : "-";
  const v = Math.abs(lag.value);
  const days = (m: number, per: number) => String(Math.round((m / per) * 10) / 10);
  if (lag.type === "percent") return `${sign}${v}%`;
  if (lag.type === "elapsed") return `${sign}${days(v, MINUTES_PER_ELAPSED_DAY)}ed`;
  return `${sign}${days(v, MINUTES_PER_DAY)}d`;
}

/**
 * The graph to draw: tasks that are not summaries, of `project` (all when null), passing
 * `filter`, at most `cap` of them in plan order. With a project chosen, the tasks of other
 * projects that link directly to a shown task (and pass the filter) are added as ghosts, so
 * that cross-project dependencies stay visible. A link to or from a summary task is drawn to
 * the summary's entry tasks (those with no predecessor inside it) or from its exit tasks.
 */
export function buildNetwork(
  input: NetworkInput,
  filter: NetworkFilter,
  project: ProjectId | null,
  cap = LAYOUT_CAP,
): Network {
  const { tasks, rows } = input;
  const at = new Map<TaskId, number>();
  tasks.forEach((t, i) => at.set(t.id, i));
  const leafLinks = expandSummaryLinks(input, at);

  const shown = new Map<TaskId, NetNode>();
  let matched = 0;
  rows.forEach((r, i) => {
    if (r.summary || !passes(r, filter)) return;
    if (project !== null && tasks[i].project_id !== project) return;
    matched++;
    if (shown.size < cap) shown.set(tasks[i].id, { id: tasks[i].id, index: i, ghost: false });
  });
  if (project !== null) {
    const ghost = (id: TaskId) => {
      const i = at.get(id)!;
      if (shown.size < cap && !shown.has(id) && passes(rows[i], filter)) shown.set(id, { id, index: i, ghost: true });
    };
    for (const l of leafLinks) {
      const fromIn = shown.get(l.from)?.ghost === false;
      const toIn = shown.get(l.to)?.ghost === false;
      if (fromIn && !toIn) ghost(l.to);
      else if (toIn && !fromIn) ghost(l.from);
    }
  }

  const edges: NetEdge[] = [];
  const seen = new Set<string>();
  for (const l of leafLinks) {
    if (!shown.has(l.from) || !shown.has(l.to)) continue;
    // Two ghosts are both outside the project: their link is not this project's business.
    if (shown.get(l.from)!.ghost && shown.get(l.to)!.ghost) continue;
    const key = `${l.from}>${l.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const critical = rows[at.get(l.from)!].critical && rows[at.get(l.to)!].critical;
    edges.push({ ...l, critical });
  }
  const nodes = [...shown.values()].sort((a, b) => a.index - b.index);
  return { nodes, edges, matched, truncated: matched > cap };
}

type LeafLink = Omit<NetEdge, "critical">;

/** Every link as links between tasks that are not summaries; direct ones first. */
function expandSummaryLinks(input: NetworkInput, at: Map<TaskId, number>): LeafLink[] {
  const { tasks, links, rows } = input;
  const isLeaf = (id: TaskId) => {
    const i = at.get(id);
    return i !== undefined && !rows[i].summary;
  };
  const direct: LeafLink[] = [];
  const viaSummary: Link[] = [];
  for (const l of links) {
    if (!at.has(l.predecessor) || !at.has(l.successor)) continue;
    if (isLeaf(l.predecessor) && isLeaf(l.successor)) {
      direct.push({ from: l.predecessor, to: l.successor, kind: l.kind, lag: lagText(l.lag), viaSummary: false });
    } else viaSummary.push(l);
  }
  if (viaSummary.length === 0) return direct;

  // A summary's leaves are the non-summary rows below it, up to the next row at its level.
  const leavesOf = (i: number): TaskId[] => {
    const out: TaskId[] = [];
    for (let j = i + 1; j < tasks.length && tasks[j].outline_level > tasks[i].outline_level; j++) {
      if (!rows[j].summary) out.push(tasks[j].id);
    }
    return out;
  };
  const ends = (id: TaskId, side: "entry" | "exit"): TaskId[] => {
    const i = at.get(id)!;
    if (!rows[i].summary) return [id];
    const inside = new Set(leavesOf(i));
    const linked = new Set<TaskId>();
    for (const l of direct) {
      if (inside.has(l.from) && inside.has(l.to)) linked.add(side === "entry" ? l.to : l.from);
    }
    return [...inside].filter((t) => !linked.has(t));
  };
  const expanded: LeafLink[] = [];
  for (const l of viaSummary) {
    const lag = lagText(l.lag);
    for (const from of ends(l.predecessor, "exit")) {
      for (const to of ends(l.successor, "entry")) {
        if (from !== to) expanded.push({ from, to, kind: l.kind, lag, viaSummary: true });
      }
    }
  }
  return direct.concat(expanded);
}

export interface PlacedNode extends NetNode {
  /** Top-left corner. */
  x: number;
  y: number;
}

export interface PlacedEdge extends NetEdge {
  /** SVG path data, from the predecessor's box to the successor's. */
  d: string;
  /** Where the link type label goes. */
  mid: { x: number; y: number };
}

export interface NetworkLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** Lays the network out left to right with dagre: predecessors left of their successors. */
export function layoutNetwork(net: Network): NetworkLayout {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: 14, ranksep: 40, edgesep: 8, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of net.nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
  for (const e of net.edges) g.setEdge(e.from, e.to, { weight: e.critical ? 4 : 1 });
  dagre.layout(g);

  const nodes = net.nodes.map((n) => {
    const p = g.node(n.id);
    return { ...n, x: (p.x ?? 0) - NODE_W / 2, y: (p.y ?? 0) - NODE_H / 2 };
  });
  const edges = net.edges.map((e) => {
    const pts = g.edge(e.from, e.to)?.points ?? [];
    return { ...e, d: curve(pts), mid: pts[Math.floor(pts.length / 2)] ?? { x: 0, y: 0 } };
  });
  const label = g.graph();
  return { width: label.width ?? 0, height: label.height ?? 0, nodes, edges };
}

/** A smooth path through dagre's control points: straight ends, quadratic bends between. */
export function curve(pts: readonly { x: number; y: number }[]): string {
  if (pts.length === 0) return "";
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(pts[0].x)},${f(pts[0].y)}`;
  if (pts.length <= 2) return pts.length === 2 ? `${d}L${f(pts[1].x)},${f(pts[1].y)}` : d;
  for (let i = 1; i < pts.length - 1; i++) {
    const mx = (pts[i].x + pts[i + 1].x) / 2;
    const my = (pts[i].y + pts[i + 1].y) / 2;
    d += i === pts.length - 2 ? `Q${f(pts[i].x)},${f(pts[i].y)} ${f(pts[i + 1].x)},${f(pts[i + 1].y)}` : `Q${f(pts[i].x)},${f(pts[i].y)} ${f(mx)},${f(my)}`;
  }
  return d;
}

/** `name` cut to `max` characters with an ellipsis. */
export function truncate(name: string, max: number): string {
  return name.length <= max ? name : `${name.slice(0, max - 1).trimEnd()}…`;
}

/** The zoom and offset that fit a `w`×`h` graph into a `vw`×`vh` viewport (never above 1). */
export function fitView(w: number, h: number, vw: number, vh: number, pad = 16): { k: number; x: number; y: number } {
  if (w <= 0 || h <= 0 || vw <= 0 || vh <= 0) return { k: 1, x: 0, y: 0 };
  const k = Math.min(1, (vw - 2 * pad) / w, (vh - 2 * pad) / h);
  return { k, x: (vw - w * k) / 2, y: Math.max(pad, (vh - h * k) / 2) };
}
