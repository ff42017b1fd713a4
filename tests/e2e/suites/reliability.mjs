// Plans in a bad or empty state (issue 15): a plan saved with a dependency cycle opens, names
// the cycle and is fixed by removing a link; an empty plan and a release without tasks show
// no invented dates, in the app and in its PDF export.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CLI, editCell, home, scenario, session, shot, showView, snapshot, waitFor } from "../lib.mjs";

/** A plan of three chained tasks, then a link Test → Spec written with sqlite3 (as an older
 *  Admiral, which did not refuse cycles, could have saved it). */
function cyclicPlan() {
  const dir = fs.mkdtempSync(path.join(home, "cycle-"));
  const csv = path.join(dir, "chain.csv");
  fs.writeFileSync(csv, "ID,Name,Duration,Predecessors\n1,Spec,1d,\n2,Build,2d,1\n3,Test,1d,2\n4,Ship,1d,3\n");
  const plan = path.join(dir, "cyclic.admiral");
  execFileSync(CLI, ["import", csv, "--into", plan, "--start", "2027-01-04"], { stdio: "ignore" });
  execFileSync("sqlite3", [
    plan,
    // Format 12 keeps the link type and lag kind as codes (0: FS, 0: working time).
    "INSERT INTO links (uid, predecessor, successor, kind_code, lag_kind_code, lag_value) " +
      "SELECT x'0000000000000000000000000000c1c1', t.ord, s.ord, 0, 0, 0 " +
      "FROM tasks t, tasks s WHERE t.name = 'Test' AND s.name = 'Spec'",
  ]);
  return plan;
}

const pdfText = (file) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });

async function exportReport(b, out) {
  await (await b.$('[data-testid="export-report"]')).click();
  const dialog = await b.$('[data-testid="export-dialog"]');
  await dialog.waitForDisplayed({ timeout: 5000 });
  await (await b.$('[data-testid="section-appendix"]')).waitForExist({ timeout: 5000 });
  const open = await b.$('[data-testid="open-when-done"]');
  if (await open.isSelected()) await open.click();
  // A plan without scenarios has none to compare.
  const sc = await b.$('[data-testid="section-scenarios"]');
  if (await sc.isSelected()) await sc.click();
  await b.execute((p) => (window.__admiralDialogPath = p), out);
  await (await b.$('[data-testid="export-go"]')).click();
  return dialog;
}

export async function run() {
  const plan = cyclicPlan();
  // The CLI refuses to schedule it, naming the cycle.
  assert.throws(() => execFileSync(CLI, ["schedule", plan], { stdio: "pipe" }), /cycle/);
  let b = await session([plan]);
  try {
    await scenario("reliability 1. a plan saved with a cycle opens, names its tasks and shows the rest", async () => {
      const banner = await b.$('[data-testid="cycle-banner"]');
      await banner.waitForDisplayed({ timeout: 15000 });
      const tasks = await (await b.$('[data-testid="cycle-tasks"]')).getText();
      for (const name of ["'Spec'", "'Build'", "'Test'"]) assert.ok(tasks.includes(name), `${name} in "${tasks}"`);
      assert.ok(!tasks.includes("'Ship'"), `Ship is not on the cycle: "${tasks}"`);
      const s = await snapshot(b);
      assert.equal(s.plan.tasks.length, 4);
      assert.equal(s.plan.links.length, 4, "the plan keeps every link; only the dates leave one out");
      assert.equal(s.cycle.set_aside.length, 1);
      assert.equal(s.schedule.rows.length, 4, "every task has its row");
      // Dates as if Test → Spec were not there: Spec starts at the plan's start, Ship after Test.
      const row = (name) => s.schedule.rows[s.plan.tasks.findIndex((t) => t.name === name)];
      assert.equal(row("Spec").start, "2027-01-04T08:00:00");
      assert.ok(row("Ship").start >= row("Test").finish);
      assert.equal((await b.$$('[data-testid="cycle-remove-link"]')).length, 3, "one button per link of the cycle");
      await (await b.$(".grid .row")).waitForExist({ timeout: 5000 });
      await shot(b, "reliability-1-cycle-named.png");
    });

    await scenario("reliability 2. removing a link of the cycle fixes the plan, saved and audited", async () => {
      const buttons = await b.$$('[data-testid="cycle-remove-link"]');
      let target = null;
      for (const btn of buttons) if ((await btn.getText()).includes("'Test' → 3 'Test'") || /'Build' → .*'Test'/.test(await btn.getText())) target = btn;
      assert.ok(target, "a button for Build → Test");
      await target.click();
      await waitFor(b, async () => !(await (await b.$('[data-testid="cycle-banner"]')).isExisting()), "the banner to go");
      const s = await snapshot(b);
      assert.equal(s.cycle, null);
      assert.equal(s.plan.links.length, 3);
      // The file is fixed: the CLI schedules it now, and the removal is in the audit trail.
      execFileSync(CLI, ["schedule", plan], { stdio: "pipe" });
      const audit = JSON.parse(execFileSync(CLI, ["audit", plan, "--json"], { encoding: "utf8" }));
      assert.ok(audit.some((e) => e.entity_kind === "link" && e.action === "delete"), "the removal is audited");
      await shot(b, "reliability-2-cycle-fixed.png");
      // Undo brings the cycle (and the banner) back; redo fixes it again.
      await (await b.$('[data-testid="undo"]')).click();
      await (await b.$('[data-testid="cycle-banner"]')).waitForDisplayed({ timeout: 8000 });
      await (await b.$('[data-testid="redo"]')).click();
      await waitFor(b, async () => !(await (await b.$('[data-testid="cycle-banner"]')).isExisting()), "the banner to go again");
    });

    await scenario("reliability 2b. a name typed in the grid follows core's rules, as the CLI's task set does", async () => {
      // Row 2, not the last: Enter on the last row's name opens the blank row below.
      const name = async () => (await snapshot(b)).plan.tasks[1].name;
      // (No spaces typed: WebKitWebDriver drops some in a run of keys. Core's tests trim.)
      await editCell(b, 1, "name", "Build-adapter");
      assert.equal(await name(), "Build-adapter");
      await editCell(b, 1, "owner", "Ops");
      assert.equal((await snapshot(b)).plan.tasks[1].owner, "Ops");
      const audit = JSON.parse(execFileSync(CLI, ["audit", plan, "--json"], { encoding: "utf8" }));
      const labels = audit.map((e) => e.label);
      assert.ok(labels.includes("Set name of task 2") && labels.includes("Set owner of task 2"), labels.join(" | "));
      // An empty name, and one of a zero-width space only: refused in a sentence, nothing saved.
      for (const [typed, says] of [
        ["", "needs a name: an empty one is not saved"],
        ["\u200b", "needs a name that shows"],
      ]) {
        await editCell(b, 1, "name", typed);
        const error = await b.$('[data-testid="error"]');
        await error.waitForDisplayed({ timeout: 5000 });
        const text = await error.getText();
        assert.ok(text.includes(says), `${JSON.stringify(typed)}: ${text}`);
        assert.equal(await name(), "Build-adapter");
        await shot(b, "reliability-2b-name-refused.png");
      }
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }

  // An empty plan: one release, no task.
  const empty = path.join(home, "empty.admiral");
  execFileSync(CLI, ["new", empty, "--name", "R2027.9", "--start", "2027-03-01"], { stdio: "ignore" });
  b = await session([empty]);
  try {
    await scenario("reliability 3. an empty plan shows no invented dates; its report is refused in one clear line", async () => {
      await (await b.$('[data-testid="blank-plan"]')).waitForDisplayed({ timeout: 15000 });
      const finish = await (await b.$('[data-testid="release-finish"]')).getText();
      assert.equal(finish.trim(), "no tasks yet", `toolbar finish: "${finish}"`);
      await shot(b, "reliability-3-empty-plan.png");
      await showView(b, "overview");
      const overview = await (await b.$('[data-testid="view-overview"]')).getText();
      assert.ok(!/\d\d \w{3} 20\d\d/.test(overview), `no date in the overview: ${overview}`);
      assert.equal(await (await b.$('[data-testid="release-no-tasks"]')).getText(), "no tasks yet");
      await shot(b, "reliability-3-empty-overview.png");
      await showView(b, "montecarlo");
      await (await b.$('[data-testid="mc-run"]')).click();
      const err = await b.$('[data-testid="error"]');
      await err.waitForDisplayed({ timeout: 15000 });
      assert.match(await err.getText(), /no tasks to simulate/);
      await shot(b, "reliability-3-empty-montecarlo.png");
      await (await err.$("button")).click();
      const out = path.join(home, "empty-report.pdf");
      const dialog = await exportReport(b, out);
      const failed = await b.$('[data-testid="export-error"]');
      await failed.waitForDisplayed({ timeout: 30000 });
      assert.match(await failed.getText(), /has no tasks to report on/);
      assert.ok(!fs.existsSync(out), "no PDF written");
      await shot(b, "reliability-3-empty-report.png");
      await (await dialog.$("footer button")).click();
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }

  // A file named on the command line is read while the app starts (src-tauri's
  // `open_at_start`); one that is not a plan is refused there, on the start screen.
  const notes = path.join(home, "notes.admiral");
  fs.writeFileSync(notes, "not a plan");
  b = await session([notes]);
  try {
    await scenario("reliability 4. a file on the command line that is not a plan: the start screen says so, the file unchanged", async () => {
      const err = await b.$('[data-testid="error"]');
      await err.waitForDisplayed({ timeout: 15000 });
      assert.match(await err.getText(), /notes\.admiral is not an Admiral plan/);
      assert.equal(await err.getAttribute("data-kind"), "bad_file");
      assert.ok(await (await b.$('[data-testid="open-demo"]')).isExisting(), "the start screen");
      assert.equal(fs.readFileSync(notes, "utf8"), "not a plan");
      await shot(b, "reliability-4-not-a-plan.png");
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
