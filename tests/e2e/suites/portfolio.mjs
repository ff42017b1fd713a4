// The admiral's Portfolio view: every release rolled up with its RAG, the dependencies
// between releases, the commitments per group, what changed since the last report and the
// milestone trend chart; and a commitment turning "at risk" after an edit in the plan.

import assert from "node:assert/strict";
import { editCell, openDemo, scenario, session, shot, showView, snapshot, waitFor } from "../lib.mjs";

/** The state shown for the commitment whose milestone is named `name`. */
async function stateOf(b, name) {
  const row = await b.$(`[data-testid="commitment"][data-milestone="${name}"]`);
  await row.waitForExist({ timeout: 10000 });
  return (await (await row.$('[data-testid="commitment-state"]')).getText()).trim();
}

export async function run() {
  const b = await session();
  try {
    await scenario("portfolio 1. every release rolled up, dependencies, commitments, what changed", async () => {
      await openDemo(b);
      const s = await snapshot(b);
      await showView(b, "portfolio");
      const rows = () => b.$$('[data-testid="portfolio-rollup"] tbody tr');
      await waitFor(b, async () => (await rows()).length === s.plan.releases.length, "a row per release", 20000);
      const text = await (await b.$('[data-testid="portfolio-rollup"]')).getText();
      for (const r of s.plan.releases) assert.ok(text.includes(r.name), `${r.name} in the rollup`);
      assert.match(text, /Green|Amber|Red/);
      const deps = await (await b.$('[data-testid="portfolio-dependencies"]')).getText();
      assert.ok(deps.includes("R2027.2") && deps.includes("R2027.1"), deps);
      const commitments = await b.$$('[data-testid="commitment"]');
      assert.equal(commitments.length, s.plan.commitments.length);
      const changes = await (await b.$('[data-testid="portfolio-changes"]')).getText();
      assert.match(changes, /Changes since the report of/);
      await shot(b, "portfolio-view.png");
      await (await b.$('[data-testid="portfolio-commitments"]')).scrollIntoView();
      await shot(b, "portfolio-commitments.png");
    });

    await scenario("portfolio 2. a commitment turns at risk after an edit", async () => {
      assert.equal(await stateOf(b, "Tokenisation API ready"), "on track");
      // Lengthen the token vault integration (its only predecessor) by two months.
      await showView(b, "plan");
      const s = await snapshot(b);
      const i = s.plan.tasks.findIndex((t) => t.name === "Token vault integration");
      assert.ok(i >= 0);
      await editCell(b, i, "duration", "60d");
      await waitFor(b, async () => (await snapshot(b)).plan.tasks[i].duration.minutes === 60 * 480, "the edit to land");
      await showView(b, "portfolio");
      await waitFor(b, async () => (await stateOf(b, "Tokenisation API ready")) === "at risk", "the commitment to be at risk", 20000);
      const row = await b.$('[data-testid="commitment"][data-milestone="Tokenisation API ready"]');
      await row.scrollIntoView({ block: "center" });
      await shot(b, "portfolio-at-risk.png");
    });

    await scenario("portfolio 3. the milestone trend chart", async () => {
      const chart = await b.$('[data-testid="trend-chart"]');
      await chart.waitForExist({ timeout: 10000 });
      await chart.scrollIntoView({ block: "center" });
      const lines = await chart.$$("polyline");
      assert.ok(lines.length >= 3, `${lines.length} milestones in the trend`);
      const dots = await chart.$$("circle");
      assert.ok(dots.length >= lines.length * 4, "four past reports and today per milestone");
      assert.equal((await chart.$$("line.diagonal")).length, 1, "the diagonal");
      await shot(b, "portfolio-trend.png");
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
