// The weekly routine in the app: save baseline 0, slip a task and see its baseline bar and a
// positive finish variance, update its progress to 50 % in "Update tasks", and read earned
// value in the overview; then a team's status file, refused whole at a bad cell and applied
// whole when good; then a fixed cost and its accrual set in the task panel, the task's and its
// summary's cost in the grid, each edit one audited change, and Undo taking both back.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CLI, cell, editCell, home, openDemo, scenario, session, shot, showView, snapshot, waitFor } from "../lib.mjs";

/** The text of row `i`'s cell `key`, as drawn (scrolled into view first). */
async function cellText(b, i, key) {
  await cell(b, i, key);
  return b.execute((sel) => document.querySelector(sel)?.textContent.trim() ?? null, `.grid .row[aria-rowindex="${i + 1}"] .cell.${key}`);
}

/** The left and right edges of the element matching `sel`, on screen. */
const edges = (b, sel) =>
  b.execute((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return [r.left, r.right];
  }, sel);

export async function run() {
  const b = await session();
  let i;
  try {
    await scenario("baselines 1. save baseline 0 from the Baselines dialog", async () => {
      await openDemo(b);
      const s = await snapshot(b);
      assert.equal((s.plan.baselines ?? []).length, 0, "the demo starts without a baseline");
      // A task near the top that is not started: the one to slip.
      i = s.schedule.rows.findIndex(
        (r, k) => k > 2 && !r.summary && !r.milestone && s.plan.tasks[k].progress.percent_complete === 0 && s.plan.tasks[k].duration.type === "working",
      );
      assert.ok(i > 0 && i < 25, `an unstarted task in the first rows (${i})`);
      await (await b.$('[data-testid="baselines-open"]')).click();
      const dialog = await b.$('[data-testid="baselines-dialog"]');
      await dialog.waitForDisplayed({ timeout: 5000 });
      assert.ok(await (await b.$('[data-testid="no-baselines"]')).isExisting());
      await (await b.$('[data-testid="baseline-name"]')).setValue("Sprint commit");
      await (await b.$('[data-testid="save-baseline"]')).click();
      await waitFor(b, async () => ((await snapshot(b)).plan.baselines ?? []).length === 1, "the baseline to be saved");
      const list = await b.$('[data-testid="baseline-list"]');
      await list.waitForExist({ timeout: 5000 });
      const row = await list.$('tr[data-baseline="0"]');
      const text = await row.getText();
      assert.ok(text.includes("Sprint commit") && text.includes("whole plan"), text);
      // With the baseline's menu in it, the toolbar still keeps to one line at 1440 px.
      const tops = await b.execute(() =>
        ['[data-testid="undo"]', '[data-testid="baseline-shown"]', '[data-testid="release-finish"]'].map((q) =>
          Math.round(document.querySelector(q).getBoundingClientRect().top + document.querySelector(q).getBoundingClientRect().height / 2),
        ),
      );
      assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `one line of tools: ${tops}`);
      await shot(b, "baselines-1-saved.png");
      await (await dialog.$('button[aria-label="Close"]')).click();
      await dialog.waitForExist({ reverse: true, timeout: 3000 });
      // Fresh: every bar has its baseline bar, no task has slipped.
      assert.ok((await b.$$("[data-baseline-bar]")).length > 10, "baseline bars under the task bars");
      assert.equal((await b.$$('[data-testid="slip-mark"]')).length, 0);
      assert.equal(await cellText(b, i, "variance"), "0d");
    });

    await scenario("baselines 2. a slipped task shows its baseline bar and a positive variance", async () => {
      const s = await snapshot(b);
      const days = s.plan.tasks[i].duration.minutes / 480;
      await editCell(b, i, "duration", `${days + 3}d`);
      await waitFor(b, async () => ((await snapshot(b)).schedule.rows[i].baseline?.finishVariance ?? 0) > 0, "a positive variance");
      const after = await snapshot(b);
      assert.equal(after.schedule.rows[i].baseline.finishVariance, 3 * 480);
      assert.equal(await cellText(b, i, "variance"), "▲+3d");
      assert.ok(await (await b.$(`.grid .row[aria-rowindex="${i + 1}"]`)).getAttribute("class").then((c) => c.includes("slipped")));
      // The baseline bar ends where the task used to; the task bar now ends three days later.
      const base = await b.$(`[data-baseline-bar="${i}"]`);
      await base.waitForExist({ timeout: 3000 });
      assert.match(await base.getAttribute("class"), /slipped/);
      const [bl, br] = await edges(b, `[data-baseline-bar="${i}"]`);
      const [tl, tr] = await edges(b, `[data-task-bar="${i}"] rect`);
      assert.ok(Math.abs(tl - bl) < 1, `both bars start together (${tl}, ${bl})`);
      assert.ok(tr > br + 10, `task bar ends at ${tr}, baseline at ${br}`);
      await (await cell(b, i, "name")).click();
      await shot(b, "baselines-2-slipped.png");
      // The toggle hides the baseline bars.
      await (await b.$('[data-testid="baseline-toggle"]')).click();
      await waitFor(b, async () => (await b.$$("[data-baseline-bar]")).length === 0, "the bars to hide");
      await (await b.$('[data-testid="baseline-toggle"]')).click();
      await waitFor(b, async () => (await b.$$("[data-baseline-bar]")).length > 0, "the bars to come back");
    });

    await scenario("baselines 3. Update tasks sets 50 % complete", async () => {
      await (await cell(b, i, "name")).click();
      await (await b.$('[data-testid="update-tasks-open"]')).click();
      const dialog = await b.$('[data-testid="update-tasks"]');
      await dialog.waitForDisplayed({ timeout: 5000 });
      const s = await snapshot(b);
      assert.ok((await dialog.getText()).includes(s.plan.tasks[i].name), "the dialog names the selected task");
      await (await b.$('[data-testid="progress-percent"]')).setValue("50");
      await shot(b, "baselines-3-update-tasks.png");
      await (await b.$('[data-testid="progress-apply"]')).click();
      await waitFor(b, async () => (await snapshot(b)).plan.tasks[i].progress.percent_complete === 50, "50 % complete");
      await dialog.waitForExist({ reverse: true, timeout: 3000 });
      assert.equal(await cellText(b, i, "percent"), "50%");
      const after = await snapshot(b);
      assert.equal(after.plan.tasks[i].progress.actual_start, s.schedule.rows[i].start, "started as scheduled");
      assert.equal(+(await (await b.$(`[data-task-bar="${i}"] rect.progress`)).getAttribute("data-progress")), 50);
      await shot(b, "baselines-4-half-done.png");
    });

    await scenario("baselines 4. earned value at a status date in the overview", async () => {
      const s = await snapshot(b);
      await showView(b, "overview");
      const card = await b.$('[data-testid="earned-value"]');
      await card.waitForExist({ timeout: 5000 });
      const date = s.schedule.rows[i].finish.slice(0, 10);
      const input = await b.$('[data-testid="ev-status-date"]');
      await input.setValue(date);
      const spi = await b.$('[data-testid="ev-spi"]');
      await spi.waitForExist({ timeout: 8000 });
      await waitFor(b, async () => /^\d+\.\d\d$/.test((await spi.getText()).trim()), "an SPI figure");
      for (const k of ["cpi", "eac", "vac"]) assert.ok((await (await b.$(`[data-testid="ev-${k}"]`)).getText()).trim().length > 0, k);
      const sentence = await (await b.$('[data-testid="ev-sentence"]')).getText();
      assert.match(sentence, /baseline planned|nothing was planned/i);
      await card.scrollIntoView();
      await shot(b, "baselines-5-earned-value.png");
    });

    await scenario("baselines 5. a status file: a bad one is refused at its line, nothing changes; a good one applies", async () => {
      await showView(b, "plan");
      const s = await snapshot(b);
      // Two unstarted tasks other than the one updated above, named by their numbers.
      const ks = s.schedule.rows
        .map((r, k) => k)
        .filter((k) => k !== i && !s.schedule.rows[k].summary && !s.schedule.rows[k].milestone && s.plan.tasks[k].progress.percent_complete === 0)
        .slice(0, 2);
      assert.equal(ks.length, 2);
      const [n1, n2] = ks.map((k) => s.plan.tasks[k].number);
      const bad = path.join(home, "status-bad.csv");
      fs.writeFileSync(bad, `task,percent\n${n1},25\n${n2},lots\n`);
      const good = path.join(home, "status-good.csv");
      fs.writeFileSync(good, `task,percent\n${n1},25\n${n2},100\n`);
      // The audit trail's changes (each has one entry per row it touched).
      const audit = () => JSON.parse(execFileSync(CLI, ["audit", s.path, "--json"], { encoding: "utf8" }));
      const trail = () => new Set(audit().map((e) => e.change)).size;
      const entries = trail();

      await (await b.$('[data-testid="update-tasks-open"]')).click();
      const dialog = await b.$('[data-testid="update-tasks"]');
      await dialog.waitForDisplayed({ timeout: 5000 });
      await b.execute((p) => (window.__admiralDialogPath = p), bad);
      await (await b.$('[data-testid="import-status"]')).click();
      const alert = await dialog.$(".error-message");
      await alert.waitForDisplayed({ timeout: 8000 });
      const message = await alert.getText();
      assert.match(message, /line 3/, message);
      await shot(b, "baselines-6-status-refused.png");
      const after = await snapshot(b);
      for (const k of ks) assert.equal(after.plan.tasks[k].progress.percent_complete, 0, "nothing changed");
      assert.equal(trail(), entries, "no audit entry for a refused file");

      await b.execute((p) => (window.__admiralDialogPath = p), good);
      await (await b.$('[data-testid="import-status"]')).click();
      await waitFor(b, async () => {
        const t = (await snapshot(b)).plan.tasks;
        return t[ks[0]].progress.percent_complete === 25 && t[ks[1]].progress.percent_complete === 100;
      }, "both rows of the status file applied");
      await (await dialog.$('[role="status"]')).waitForDisplayed({ timeout: 5000 });
      assert.equal(trail(), entries + 1, "one audited change for the whole file");
      assert.match(audit().at(-1).label, /status-good\.csv \(2 tasks\)/);
      await shot(b, "baselines-6-status-applied.png");
      await (await dialog.$("button=Close")).click();
      await dialog.waitForExist({ reverse: true, timeout: 3000 });
      assert.equal(await cellText(b, ks[0], "percent"), "25%");
      assert.equal(await cellText(b, ks[1], "percent"), "100%");
    });

    await scenario("baselines 6. a fixed cost in the task panel: the task's and its summary's cost, audited, undone", async () => {
      const s = await snapshot(b);
      const rows = s.schedule.rows;
      // A leaf task under a summary, in the first rows, without a fixed cost yet.
      const k = rows.findIndex((r, j) => j > 2 && j < 30 && !r.summary && !r.milestone && !(s.plan.tasks[j].fixed_cost?.amount > 0) && s.plan.tasks[j].outline_level > 1);
      assert.ok(k > 0, "a task under a summary");
      let p = k - 1;
      while (s.plan.tasks[p].outline_level >= s.plan.tasks[k].outline_level) p--;
      assert.ok(rows[p].summary, "its summary");
      const [c0, p0] = [rows[k].cost, rows[p].cost];
      const audit = () => JSON.parse(execFileSync(CLI, ["audit", s.path, "--json"], { encoding: "utf8" }));
      const changes = () => new Set(audit().map((e) => e.change)).size;
      const before = changes();

      await (await cell(b, k, "name")).click();
      await (await b.$("button=Why this date?")).click();
      const amount = await b.$('[data-testid="task-fixed-cost"]');
      await amount.waitForDisplayed({ timeout: 5000 });
      await amount.scrollIntoView();
      await amount.setValue("1,250.50");
      await b.keys("Tab");
      const cost = async () => (await snapshot(b)).schedule.rows;
      await waitFor(b, async () => (await cost())[k].cost === c0 + 125050, "the task's cost to include the fixed cost");
      const after = await snapshot(b);
      assert.deepEqual(after.plan.tasks[k].fixed_cost, { amount: 125050, accrual: "prorated" });
      assert.equal(after.schedule.rows[p].cost, p0 + 125050, "the summary adds it up");
      assert.equal(changes(), before + 1, "one audited change");
      const trail = audit();
      assert.match(trail.at(-1).label, /fixed cost/i);
      assert.equal(trail.filter((e) => e.change === trail.at(-1).change).length, 1, "one entry: the task's");

      await (await b.$('[data-testid="task-accrual"]')).selectByAttribute("value", "end");
      await waitFor(b, async () => (await snapshot(b)).plan.tasks[k].fixed_cost?.accrual === "end", "the accrual to be set");
      assert.equal(changes(), before + 2, "the accrual: one more audited change");
      const money = (cents) => (cents / 100).toLocaleString("en-US", { minimumFractionDigits: cents % 100 ? 2 : 0, maximumFractionDigits: 2 });
      assert.equal(await cellText(b, k, "cost"), money(c0 + 125050));
      assert.equal(await cellText(b, p, "cost"), money(p0 + 125050));
      await (await cell(b, k, "name")).click();
      await shot(b, "baselines-7-fixed-cost.png");

      await (await b.$('[data-testid="undo"]')).click();
      await waitFor(b, async () => (await snapshot(b)).plan.tasks[k].fixed_cost?.accrual !== "end", "undo of the accrual");
      assert.equal((await snapshot(b)).schedule.rows[k].cost, c0 + 125050);
      await (await b.$('[data-testid="undo"]')).click();
      await waitFor(b, async () => (await cost())[k].cost === c0, "undo of the fixed cost");
      const undone = await snapshot(b);
      assert.equal(undone.schedule.rows[p].cost, p0);
      assert.ok(!(undone.plan.tasks[k].fixed_cost?.amount > 0), "no fixed cost left");
      assert.equal(await cellText(b, k, "cost"), c0 ? money(c0) : "");
      await shot(b, "baselines-8-fixed-cost-undone.png");
      await (await b.$('[data-testid="why-panel"] button[aria-label="Close"]')).click();
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
