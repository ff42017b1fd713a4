// Speed at 10k tasks: the app records its own marks; the plan comes from the CLI.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { CLI, OUT, cell, editCell, home, launchEntry, perf, perfEntries, scenario, session, snapshot, waitFor } from "../lib.mjs";

export async function run() {
  const big = path.join(home, "big-10k.admiral");
  await scenario("speed: open a 10k-task plan and edit a duration", async () => {
    execFileSync(CLI, ["demo", big, "--tasks", "10000", "--force"], { stdio: "ignore" });
    const launchedAt = Date.now();
    const s10 = await session([big]);
    try {
      await (await s10.$(".grid .row")).waitForExist({ timeout: 60000 });
      const launch = await launchEntry(s10, launchedAt);
      const s = await snapshot(s10);
      assert.equal(s.plan.tasks.length, 10000);
      const i = s.schedule.rows.findIndex((r, k) => !r.summary && !r.milestone && k > 40);
      // Ten edits, so that the figures show the spread and not one lucky or unlucky frame.
      for (let k = 0; k < 10; k++) {
        const t = (await snapshot(s10)).plan.tasks[i];
        await editCell(s10, i, "duration", `${t.duration.minutes / 480 + 1}d`);
        await waitFor(s10, async () => (await perfEntries(s10)).filter((e) => e.name === "edit").length > k, "the edit");
      }
      // Undo and redo the last edit, as Ctrl+Z and Ctrl+Y: the answer is a delta too.
      const last = (await snapshot(s10)).plan.tasks[i].duration.minutes;
      for (const [name, key, minutes] of [["undo", "z", last - 480], ["redo", "y", last]]) {
        await s10.keys(["Control", key]);
        await waitFor(s10, async () => (await perfEntries(s10)).some((e) => e.name === name), `the ${name}`);
        assert.equal((await snapshot(s10)).plan.tasks[i].duration.minutes, minutes, name);
      }
      // Ten edits of a critical task: each moves the plan's finish (by a day, or over a
      // weekend), which the edits above do not; recorded as "edit-finish".
      const before = (await perfEntries(s10)).length;
      // A task that ends the critical path: a day longer, it ends the plan a day later.
      const sc = await snapshot(s10);
      const c = sc.schedule.rows.findIndex((r) => r.critical && !r.summary && !r.milestone && r.finish === sc.schedule.finish);
      assert.ok(c >= 0, "a task ends the critical path");
      const ct = sc.plan.tasks[c];
      // The finish alone: a whole 10k-task snapshot through WebDriver takes seconds.
      const planFinish = () => s10.execute(() => window.__admiralSnapshot().schedule.finish);
      for (let k = 0; k < 10; k++) {
        const finish = await planFinish();
        await editCell(s10, c, "duration", `${ct.duration.minutes / 480 + 1 + k}d`);
        await waitFor(s10, async () => (await perfEntries(s10)).filter((e) => e.name === "edit").length > 10 + k, "the edit");
        assert.ok((await planFinish()) > finish, `edit ${k + 1} of a critical task moves the finish`);
      }
      // Scroll to the middle and the end: the virtual window keeps the DOM small.
      await cell(s10, 5000, "name");
      // About 1,300 links cross the rows drawn there, 1,000 of them passing through without
      // an end among them: their lines are drawn as a path or two, not as an element each.
      const arrows = await s10.execute(() => document.querySelectorAll(".links path").length);
      assert.ok(arrows > 100 && arrows < 600, `${arrows} arrow paths in the DOM`);
      await cell(s10, 9999, "name");
      // Rows from 2055 are far right of where the chart opened: it follows them sideways.
      const barsInView = () =>
        s10.execute(() => {
          const g = document.querySelector('[data-testid="gantt"]').getBoundingClientRect();
          return [...document.querySelectorAll("[data-task-bar]")].filter((b) => {
            const r = b.getBoundingClientRect();
            return r.right > g.left && r.left < g.right && r.bottom > g.top && r.top < g.bottom;
          }).length;
        });
      await waitFor(s10, async () => (await barsInView()) > 0, "bars of the last rows in the chart");
      const rows = (await s10.$$(".grid .row")).length;
      assert.ok(rows < 80, `${rows} rows in the DOM`);
      await s10.saveScreenshot(path.join(OUT, "9-10k-tasks.png"));
      const entries = (await perfEntries(s10)).map((e, k) => (k < before ? e : { ...e, name: e.name.replace(/^edit/, "edit-finish") }));
      perf.push(...[launch, ...entries].map((e) => ({ ...e, plan: "10k" })));
    } finally {
      await s10.deleteSession().catch(() => {});
    }
  });
}
