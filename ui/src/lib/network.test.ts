import { describe, expect, it } from "vitest";
import type { Lag, Link, RowView, Task } from "./bindings";
import {
  NODE_H,
  NODE_W,
  buildNetwork,
  curve,
  defaultFilter,
  filterCounts,
  fitView,
  lagText,
  layoutNetwork,
  truncate,
  type NetworkInput,
} from "./network";

/** A task row: `level` is the outline level; flags as the schedule would send them. */
type Spec = { id: string; level?: number; project?: string; summary?: boolean; critical?: boolean; near?: boolean };

function input(specs: Spec[], links: [string, string, Partial<Link>?][]): NetworkInput {
  const tasks = specs.map(
    (s, i) => ({ id: s.id, number: i + 1, name: `Task ${s.id}`, outline_level: s.level ?? 1, project_id: s.project ?? "p1" }) as unknown as Task,
  );
  const rows = specs.map(
    (s): RowView => ({
      taskId: s.id,
      summary: s.summary ?? false,
      milestone: false,
      start: "2027-01-04T08:00:00",
      finish: "2027-01-08T17:00:00",
      totalFloat: s.critical ? 0 : 960,
      critical: s.critical ?? false,
      nearCritical: s.near ?? false,
      blockedByGate: null,
      drivingPredecessor: null,
      duration: "5d",
      predecessors: "",
      baseline: null,
      percent: 0,
      cost: 0,
      segments: [],
    }),
  );
  const lag: Lag = { type: "working", value: 0 };
  return {
    tasks,
    rows,
    links: links.map(([p, s, extra], k) => ({ id: `l${k}`, predecessor: p, successor: s, kind: "FS", lag, ...extra })),
  };
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
const pairs = (es: { from: string; to: string }[]) => es.map((e) => `${e.from}>${e.to}`);

describe("buildNetwork", () => {
  // a → b → d is critical; a → c → d has float (c near-critical); e stands alone.
  const plan = input(
    [
      { id: "a", critical: true },
      { id: "b", critical: true },
      { id: "c", near: true },
      { id: "d", critical: true },
      { id: "e" },
    ],
    [
      ["a", "b"],
      ["b", "d"],
      ["a", "c"],
      ["c", "d"],
    ],
  );

  it("shows every task and link for 'all', marking links between critical tasks", () => {
    const net = buildNetwork(plan, "all", null);
    expect(ids(net.nodes)).toEqual(["a", "b", "c", "d", "e"]);
    expect(net.edges.filter((e) => e.critical).map((e) => `${e.from}>${e.to}`)).toEqual(["a>b", "b>d"]);
    expect(net.matched).toBe(5);
    expect(net.truncated).toBe(false);
  });

  it("keeps only the critical path, or it and the near-critical tasks, with the links among them", () => {
    const crit = buildNetwork(plan, "critical", null);
    expect(ids(crit.nodes)).toEqual(["a", "b", "d"]);
    expect(pairs(crit.edges)).toEqual(["a>b", "b>d"]);
    const near = buildNetwork(plan, "near", null);
    expect(ids(near.nodes)).toEqual(["a", "b", "c", "d"]);
    expect(pairs(near.edges)).toEqual(["a>b", "b>d", "a>c", "c>d"]);
  });

  it("never draws summary tasks; a link to a summary goes to its entry tasks, from it to its exit tasks", () => {
    const net = buildNetwork(
      input(
        [
          { id: "x" },
          { id: "S", summary: true },
          { id: "s1", level: 2 },
          { id: "s2", level: 2 },
          { id: "s3", level: 2 },
          { id: "y" },
        ],
        [
          ["x", "S"],
          ["s1", "s2"],
          ["S", "y", { kind: "SS", lag: { type: "working", value: 960 } }],
        ],
      ),
      "all",
      null,
    );
    expect(ids(net.nodes)).toEqual(["x", "s1", "s2", "s3", "y"]);
    // s1 and s3 have no predecessor inside S; s2 and s3 have no successor inside it.
    expect(pairs(net.edges)).toEqual(["s1>s2", "x>s1", "x>s3", "s2>y", "s3>y"]);
    expect(net.edges.filter((e) => e.viaSummary)).toHaveLength(4);
    expect(net.edges.find((e) => e.to === "y")).toMatchObject({ kind: "SS", lag: "+2d" });
  });

  it("for one project, adds the other projects' direct neighbours as ghosts", () => {
    const net = buildNetwork(
      input(
        [
          { id: "o1", project: "other" },
          { id: "m1", project: "mine" },
          { id: "m2", project: "mine" },
          { id: "o2", project: "other" },
          { id: "o3", project: "other" },
        ],
        [
          ["o1", "m1"],
          ["m1", "m2"],
          ["m2", "o2"],
          ["o2", "o3"],
        ],
      ),
      "all",
      "mine",
    );
    expect(net.nodes.map((n) => `${n.id}${n.ghost ? "?" : ""}`)).toEqual(["o1?", "m1", "m2", "o2?"]);
    expect(pairs(net.edges)).toEqual(["o1>m1", "m1>m2", "m2>o2"]);
    expect(net.matched).toBe(2);
  });

  it("lays out at most `cap` tasks, the first in plan order, and says so", () => {
    const net = buildNetwork(plan, "all", null, 2);
    expect(ids(net.nodes)).toEqual(["a", "b"]);
    expect(net.matched).toBe(5);
    expect(net.truncated).toBe(true);
  });
});

describe("filters", () => {
  const plan = input(
    [
      { id: "S", summary: true, critical: true },
      { id: "a", level: 2, critical: true, project: "p1" },
      { id: "b", level: 2, near: true, project: "p1" },
      { id: "c", level: 2, project: "p2" },
    ],
    [],
  );

  it("counts the tasks each filter shows, summaries excluded", () => {
    expect(filterCounts(plan, null)).toEqual({ all: 3, near: 2, critical: 1 });
    expect(filterCounts(plan, "p2")).toEqual({ all: 1, near: 0, critical: 0 });
  });

  it("opens on the broadest filter under the cap", () => {
    expect(defaultFilter({ all: 900, near: 40, critical: 10 }, 1000)).toBe("all");
    expect(defaultFilter({ all: 5000, near: 400, critical: 10 }, 1000)).toBe("near");
    expect(defaultFilter({ all: 5000, near: 1400, critical: 900 }, 1000)).toBe("critical");
    expect(defaultFilter({ all: 9000, near: 5000, critical: 3000 }, 1000)).toBe("critical");
  });
});

describe("layoutNetwork", () => {
  it("puts each predecessor left of its successors, boxes apart", () => {
    const plan = input(
      [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }],
      [
        ["a", "b"],
        ["a", "c"],
        ["b", "d"],
        ["c", "d"],
      ],
    );
    const lay = layoutNetwork(buildNetwork(plan, "all", null));
    const at = new Map(lay.nodes.map((n) => [n.id, n]));
    for (const e of lay.edges) {
      expect(at.get(e.from)!.x + NODE_W).toBeLessThan(at.get(e.to)!.x);
      expect(e.d).toMatch(/^M[\d.]+,[\d.]+/);
    }
    const [b, c] = [at.get("b")!, at.get("c")!];
    expect(Math.abs(b.y - c.y)).toBeGreaterThanOrEqual(NODE_H);
    for (const n of lay.nodes) {
      expect(n.x + NODE_W).toBeLessThanOrEqual(lay.width);
      expect(n.y + NODE_H).toBeLessThanOrEqual(lay.height);
    }
  });
});

describe("drawing helpers", () => {
  it("writes lags as MS Project does", () => {
    expect(lagText({ type: "working", value: 0 })).toBe("");
    expect(lagText({ type: "working", value: 960 })).toBe("+2d");
    expect(lagText({ type: "working", value: -240 })).toBe("-0.5d");
    expect(lagText({ type: "elapsed", value: 2880 })).toBe("+2ed");
    expect(lagText({ type: "percent", value: 50 })).toBe("+50%");
  });

  it("draws straight segments and smooth bends", () => {
    expect(curve([])).toBe("");
    expect(curve([{ x: 0, y: 0 }, { x: 10, y: 5 }])).toBe("M0,0L10,5");
    expect(curve([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 10 }])).toBe("M0,0Q10,0 20,10");
    expect(curve([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 20, y: 10 }, { x: 30, y: 10 }])).toBe("M0,0Q10,0 15,5Q20,10 30,10");
  });

  it("cuts long names with an ellipsis", () => {
    expect(truncate("Short", 10)).toBe("Short");
    expect(truncate("A rather long task name", 10)).toBe("A rather…");
  });

  it("fits a graph into the viewport, never zooming in past 100%", () => {
    expect(fitView(1000, 500, 532, 282, 16)).toEqual({ k: 0.5, x: 16, y: 16 });
    expect(fitView(100, 100, 500, 300, 16)).toEqual({ k: 1, x: 200, y: 100 });
    expect(fitView(0, 0, 500, 300)).toEqual({ k: 1, x: 0, y: 0 });
  });
});
