// The dependency network view: every task that is not a summary as a box laid out left to
// right by dagre, the critical path in the critical colour, filters by criticality and
// project, and a click on a box that shows the task in the plan.

import assert from "node:assert/strict";
import { openDemo, scenario, session, shot, showView, snapshot, waitFor } from "../lib.mjs";

const nodes = (b, sel = "") =>
  b.execute((s) => [...document.querySelectorAll(`[data-testid="net-node"]${s}`)].map((n) => n.dataset.task), sel);

/** Waits until the view draws exactly `ids` (any order) as boxes. */
async function expectNodes(b, ids, what, sel = "") {
  const want = [...ids].sort();
  await waitFor(b, async () => JSON.stringify((await nodes(b, sel)).sort()) === JSON.stringify(want), what);
}

export async function run() {
  const b = await session();
  try {
    let s;
    await scenario("network 1. every task is a box, the critical path in red, links as arrows", async () => {
      await openDemo(b);
      s = await snapshot(b);
      await showView(b, "network");
      const leaves = s.schedule.rows.filter((r) => !r.summary);
      const critical = leaves.filter((r) => r.critical);
      assert.ok(critical.length > 0, "the demo has a critical path");
      await expectNodes(b, leaves.map((r) => r.taskId), `${leaves.length} task boxes`);
      assert.deepEqual((await nodes(b, ".critical")).sort(), critical.map((r) => r.taskId).sort());
      // The first critical path is all drawn, in red.
      for (const id of s.schedule.criticalPath) assert.ok((await nodes(b, ".critical")).includes(id), `${id} is a critical box`);

      // One arrow per link between tasks (the demo links no summary task), the critical ones red.
      const leaf = new Set(leaves.map((r) => r.taskId));
      const crit = new Set(critical.map((r) => r.taskId));
      const links = s.plan.links.filter((l) => leaf.has(l.predecessor) && leaf.has(l.successor));
      assert.equal(links.length, s.plan.links.length);
      assert.equal((await b.$$("path.net-edge")).length, links.length);
      const critLinks = links.filter((l) => crit.has(l.predecessor) && crit.has(l.successor)).length;
      assert.ok(critLinks >= s.schedule.criticalPath.length - 1);
      assert.equal((await b.$$("path.net-edge.critical")).length, critLinks);
      assert.equal(await (await b.$('[data-testid="net-count"]')).getText(), `${leaves.length} tasks · ${links.length} links`);

      // Predecessors lie left of their successors.
      const xs = await b.execute(() =>
        Object.fromEntries([...document.querySelectorAll('[data-testid="net-node"]')].map((n) => [n.dataset.task, n.getBoundingClientRect().x])),
      );
      await (await b.$('[data-testid="net-fit"]')).click();
      await b.pause(200);
      for (const l of links) assert.ok(xs[l.predecessor] < xs[l.successor], `link ${l.id} runs left to right`);
      await shot(b, "network-fit.png");
    });

    await scenario("network 2. filters: critical path, near-critical, one project with its neighbours", async () => {
      const leaves = s.schedule.rows.filter((r) => !r.summary);
      await (await b.$('[data-testid="net-filter-critical"]')).click();
      await expectNodes(b, leaves.filter((r) => r.critical).map((r) => r.taskId), "the critical tasks only");
      await (await b.$('[data-testid="net-filter-near"]')).click();
      await expectNodes(b, leaves.filter((r) => r.critical || r.nearCritical).map((r) => r.taskId), "critical and near-critical tasks");
      await shot(b, "network.png");

      // One project: its tasks, plus the other projects' tasks linked to them as ghosts.
      await (await b.$('[data-testid="net-filter-all"]')).click();
      const project = s.plan.projects[2];
      const mine = new Set(s.plan.tasks.filter((t, i) => t.project_id === project.id && !s.schedule.rows[i].summary).map((t) => t.id));
      const ghosts = new Set();
      for (const l of s.plan.links) {
        if (mine.has(l.predecessor) && !mine.has(l.successor)) ghosts.add(l.successor);
        if (mine.has(l.successor) && !mine.has(l.predecessor)) ghosts.add(l.predecessor);
      }
      await (await b.$('[data-testid="net-project"]')).selectByVisibleText(`${project.name} (${mine.size})`);
      await expectNodes(b, [...mine], `the ${mine.size} tasks of ${project.name}`, ":not(.ghost)");
      await expectNodes(b, [...ghosts], "the linked tasks of other projects", ".ghost");
      await shot(b, "network-project.png");
      await (await b.$('[data-testid="net-project"]')).selectByVisibleText("All projects");
      await expectNodes(b, leaves.map((r) => r.taskId), "every task again");
    });

    await scenario("network 3. a click on a box shows that task selected in the plan", async () => {
      await (await b.$('[data-testid="net-filter-critical"]')).click();
      const id = s.schedule.criticalPath[1] ?? s.schedule.criticalPath[0];
      const i = s.plan.tasks.findIndex((t) => t.id === id);
      const box = await b.$(`[data-testid="net-node"][data-task="${id}"]`);
      await box.waitForExist({ timeout: 5000 });
      // WebKitWebDriver will not click an SVG group: click the task's title inside it.
      await (await box.$("text.title")).click();
      await (await b.$('[data-testid="view-plan"]')).waitForDisplayed({ timeout: 5000 });
      const row = await b.$(".grid .row.selected");
      await row.waitForExist({ timeout: 5000 });
      assert.equal(await row.getAttribute("aria-rowindex"), String(i + 1));
      assert.ok((await (await row.$(".cell.name")).getText()).includes(s.plan.tasks[i].name));
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
