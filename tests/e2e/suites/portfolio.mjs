// The admiral's Portfolio view: every release rolled up with its RAG, the dependencies
// between releases, the commitments per group, what changed since the last report and the
// milestone trend chart; a commitment turning "at risk" (and its release late against
// the baseline) after an edit in the plan; and a report forgotten, then brought back.
//
// The plan is the demo written by the CLI with baseline 0 saved (the app has no baseline
// commands), so that the rollup's "vs baseline" column has values to show.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CLI, editCell, home, scenario, session, shot, showView, snapshot, waitFor } from "../lib.mjs";

/** The demo plan with baseline 0 saved, written by the CLI. */
function demoWithBaseline() {
  const dir = fs.mkdtempSync(path.join(home, "portfolio-"));
  const plan = path.join(dir, "demo.admiral");
  execFileSync(CLI, ["demo", plan], { stdio: "ignore" });
  execFileSync(CLI, ["baseline", "set", plan], { stdio: "ignore" });
  return plan;
}

/** `admiral portfolio --json` of the plan file as it is now. */
const cliPortfolio = (plan) => JSON.parse(execFileSync(CLI, ["portfolio", plan, "--json", "--iterations", "200"], { encoding: "utf8" }));

/** The text of release `code`'s "vs baseline" cell. */
async function vsBaseline(b, code) {
  return (await (await b.$(`[data-testid="portfolio-rollup"] tr[data-release="${code}"] [data-testid="vs-baseline"]`)).getText()).trim();
}

/** The app's way of writing a signed number of working days (lib/quantities formatDelta). */
function delta(days) {
  const r = Math.round(Math.round(days * 10) / 10 * 10) / 10;
  return r === 0 ? "±0d" : `${r > 0 ? "+" : "−"}${Math.abs(r).toFixed(1)}d`;
}

/** The state shown for the commitment whose milestone is named `name`. */
async function stateOf(b, name) {
  const row = await b.$(`[data-testid="commitment"][data-milestone="${name}"]`);
  await row.waitForExist({ timeout: 10000 });
  return (await (await row.$('[data-testid="commitment-state"]')).getText()).trim();
}

export async function run() {
  const plan = demoWithBaseline();
  const b = await session([plan]);
  try {
    await scenario("portfolio 1. every release rolled up, dependencies, commitments, what changed", async () => {
      await (await b.$(".grid .row")).waitForExist({ timeout: 15000 });
      const s = await snapshot(b);
      await showView(b, "portfolio");
      const rows = () => b.$$('[data-testid="portfolio-rollup"] tbody tr');
      await waitFor(b, async () => (await rows()).length === s.plan.releases.length, "a row per release", 20000);
      const text = await (await b.$('[data-testid="portfolio-rollup"]')).getText();
      for (const r of s.plan.releases) assert.ok(text.includes(r.name), `${r.name} in the rollup`);
      assert.match(text, /Green|Amber|Red/);
      // Nothing has moved since the baseline was saved.
      for (const r of s.plan.releases) assert.equal(await vsBaseline(b, r.code), "±0d", r.code);
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
      // Its release now finishes later than the baseline, by what the CLI says.
      const project = s.plan.projects.find((p) => p.id === s.plan.tasks[i].project_id);
      const code = s.plan.releases.find((r) => r.id === project.release_id).code;
      const cli = cliPortfolio(plan).releases.find((r) => r.code === code);
      assert.ok(cli.finish_vs_baseline_days > 0, `${code} late against the baseline: ${cli.finish_vs_baseline_days}`);
      assert.equal(await vsBaseline(b, code), delta(cli.finish_vs_baseline_days));
      await (await b.$('[data-testid="portfolio-rollup"]')).scrollIntoView({ block: "start" });
      await shot(b, "portfolio-vs-baseline.png");
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

    await scenario("portfolio 4. a report forgotten, then brought back by undo", async () => {
      const cliReports = () => JSON.parse(execFileSync(CLI, ["reports", plan, "--json"], { encoding: "utf8" }));
      const rows = () => b.$$('[data-testid="report-row"]');
      const kept = cliReports();
      assert.ok(kept.length >= 2, "the demo keeps its weekly reports");
      await waitFor(b, async () => (await rows()).length === kept.length, "a row per report kept");
      // Newest first: the one the next report compares with.
      assert.equal(await (await rows())[0].getAttribute("data-id"), kept[kept.length - 1].id);
      const heading = async () => (await (await b.$('[data-testid="portfolio-changes"] h3')).getProperty("textContent")).trim();
      const before = await heading();
      const card = await b.$('[data-testid="portfolio-reports"]');
      await card.scrollIntoView({ block: "center" });
      await shot(b, "portfolio-reports.png");
      await (await (await rows())[0].$('[data-testid="forget-report"]')).click();
      await waitFor(b, async () => (await rows()).length === kept.length - 1, "the report to be forgotten", 20000);
      assert.deepEqual(cliReports(), kept.slice(0, -1), "the plan file keeps the others");
      await waitFor(b, async () => (await heading()) !== before, "what changed to compare with the report before", 20000);
      await shot(b, "portfolio-report-forgotten.png");
      await (await b.$('[data-testid="undo-forget"]')).click();
      await waitFor(b, async () => (await rows()).length === kept.length, "undo to bring it back", 20000);
      assert.deepEqual(cliReports(), kept);
      await waitFor(b, async () => (await heading()) === before, "what changed to compare with it again", 20000);
      assert.equal(await (await b.$('[data-testid="report-forgotten"]')).isExisting(), false, "the note goes with the undo");
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
