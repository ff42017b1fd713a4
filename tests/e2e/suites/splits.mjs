// Split tasks in the app (MS Project's Split Task): a task split in the task panel, its Gantt
// bar in two pieces with a dotted line across the gap and its finish later by the gap; a
// split core refuses explained in the panel; the app's Undo joining it again; then two splits,
// one removed by its button and the rest by "Join all"; a summary's panel offers no split; the
// Gantt's Split tool splitting a bar where it is clicked.

import assert from "node:assert/strict";
import { cell, openDemo, scenario, session, shot, snapshot, waitFor, workingDaysBetween } from "../lib.mjs";

/** The pieces and gaps of row `i`'s Gantt bar, as drawn. */
const barShape = (b, i) =>
  b.execute((i) => {
    const bar = document.querySelector(`[data-task-bar="${i}"]`);
    if (!bar) return null;
    const boxes = (sel) =>
      [...bar.querySelectorAll(sel)].map((e) => {
        const r = e.getBoundingClientRect();
        return [Math.round(r.left), Math.round(r.right)];
      });
    return { pieces: boxes("rect[data-segment]"), gaps: boxes("[data-split-gap]") };
  }, i);

export async function run() {
  const b = await session();
  try {
    let k, s0, cal;
    const panel = async () => {
      const after = await b.$('[data-testid="split-after"]');
      if (!(await after.isExisting())) {
        await (await cell(b, k, "name")).click();
        await (await b.$("button=Why this date?")).click();
        await after.waitForDisplayed({ timeout: 5000 });
      }
      await after.scrollIntoView();
    };
    const split = async (after, gap) => {
      await (await b.$('[data-testid="split-after"]')).setValue(after);
      await (await b.$('[data-testid="split-gap"]')).setValue(gap);
      await (await b.$('[data-testid="split-task"]')).click();
    };
    const splitsOf = async () => (await snapshot(b)).plan.tasks[k].splits ?? [];

    await scenario("splits 1. a task split in the panel: two pieces and a dotted gap, its finish later by the gap", async () => {
      await openDemo(b);
      s0 = await snapshot(b);
      const { tasks } = s0.plan;
      // An unstarted, automatically scheduled task of 5 working days or more, without a
      // calendar of its own, near the top (the demo's tasks all have resources).
      k = s0.schedule.rows.findIndex((r, j) => {
        const t = tasks[j];
        return (
          j > 2 && !r.summary && !r.milestone && t.mode.mode === "auto" && t.duration.type === "working" && t.duration.minutes >= 5 * 480 &&
          t.progress.percent_complete === 0 && t.calendar_id === null
        );
      });
      assert.ok(k > 0 && k < 30, `a task to split in the first rows (${k})`);
      const t = tasks[k];
      const release = s0.plan.projects.find((p) => p.id === t.project_id).release_id;
      const calId = s0.plan.releases.find((r) => r.id === release).calendar_id ?? s0.plan.settings.default_calendar;
      cal = s0.plan.calendars.find((c) => c.id === calId);
      const row0 = s0.schedule.rows[k];
      assert.deepEqual(row0.segments, []);

      await panel();
      assert.ok((await (await b.$('[data-testid="task-splits"]')).getText()).includes("Not split"));
      await (await cell(b, k, "name")).click();
      const before = await barShape(b, k);
      assert.equal(before.pieces.length, 0, "one whole bar before");
      await panel();
      await split("2d", "3d");
      await waitFor(b, async () => (await snapshot(b)).schedule.rows[k].segments.length === 2, "the task's row to have two periods of work");
      const s1 = await snapshot(b);
      const row1 = s1.schedule.rows[k];
      assert.deepEqual(s1.plan.tasks[k].splits, [{ after: 2 * 480, gap: 3 * 480 }]);
      assert.equal(workingDaysBetween(cal, row0.finish, row1.finish), 3, `finish ${row0.finish} → ${row1.finish}: later by the 3-day gap`);
      assert.equal(row1.start, row0.start, "the same start");
      assert.equal(row1.duration, row0.duration, "the same duration");

      const list = await b.$('[data-testid="split-list"]');
      await list.waitForExist({ timeout: 3000 });
      assert.match(await list.getText(), /^1\. after 2d of work, 3d gap/);
      await (await cell(b, k, "name")).click();
      const shape = await barShape(b, k);
      assert.equal(shape.pieces.length, 2, `two pieces: ${JSON.stringify(shape)}`);
      assert.equal(shape.gaps.length, 1, "a dotted line across the gap");
      const [[, end0], [start1]] = shape.pieces;
      assert.ok(start1 > end0, "the second piece starts after the first ends");
      assert.ok(Math.abs(shape.gaps[0][0] - end0) <= 1 && Math.abs(shape.gaps[0][1] - start1) <= 1, "the gap joins them");
      await shot(b, "splits-1-split-bar.png");
      // Closer, by the day, with the panel closed.
      await (await b.$('[data-testid="why-panel"] button[aria-label="Close"]')).click();
      await (await b.$("button=Day")).click();
      await shot(b, "splits-1-split-bar-day.png");
      await (await b.$("button=Week")).click();
    });

    await scenario("splits 2. a split core refuses is explained in the panel; nothing changes", async () => {
      await panel();
      const before = await snapshot(b);
      await split("40d", "1d");
      const error = await b.$('[data-testid="split-error"]');
      await error.waitForDisplayed({ timeout: 5000 });
      assert.match(await error.getText(), /before its end/);
      assert.ok(!(await (await b.$('[data-testid="error"]')).isExisting()), "in the panel, not the banner");
      assert.deepEqual(await splitsOf(), before.plan.tasks[k].splits);
      await shot(b, "splits-2-refused.png");
    });

    await scenario("splits 3. Undo joins the task again: one bar, the finish as it was", async () => {
      await (await b.$('[data-testid="undo"]')).click();
      await waitFor(b, async () => (await snapshot(b)).schedule.rows[k].segments.length === 0, "the undo of the split");
      const s = await snapshot(b);
      assert.equal(s.plan.tasks[k].splits, undefined, "no splits left");
      assert.equal(s.schedule.rows[k].finish, s0.schedule.rows[k].finish);
      await (await cell(b, k, "name")).click();
      const shape = await barShape(b, k);
      assert.equal(shape.pieces.length, 0, "one whole bar again");
      assert.equal(shape.gaps.length, 0);
      await shot(b, "splits-3-undone.png");
    });

    await scenario("splits 4. two splits; one removed by its button, the rest by Join all", async () => {
      await panel();
      await split("1d", "1d");
      await waitFor(b, async () => (await splitsOf()).length === 1, "the first split");
      await split("3d", "2d");
      await waitFor(b, async () => (await splitsOf()).length === 2, "the second split");
      assert.equal((await snapshot(b)).schedule.rows[k].segments.length, 3, "three periods of work");
      await (await b.$('[data-testid="split-list"] li[data-split="1"] [data-testid="remove-split"]')).click();
      await waitFor(b, async () => (await splitsOf()).length === 1, "split 1 to be removed");
      assert.deepEqual(await splitsOf(), [{ after: 3 * 480, gap: 2 * 480 }]);
      await (await b.$('[data-testid="join-all"]')).click();
      await waitFor(b, async () => (await splitsOf()).length === 0, "the task to be joined");
      const s = await snapshot(b);
      assert.equal(s.schedule.rows[k].finish, s0.schedule.rows[k].finish);
      await (await b.$('[data-testid="why-panel"] button[aria-label="Close"]')).click();
    });

    await scenario("splits 5. a summary's panel says it cannot be split, with no form", async () => {
      const s = await snapshot(b);
      const p = s.schedule.rows.findIndex((r, j) => j > 0 && r.summary);
      await (await cell(b, p, "name")).click();
      await (await b.$("button=Why this date?")).click();
      const part = await b.$('[data-testid="task-splits"]');
      await part.waitForDisplayed({ timeout: 5000 });
      assert.match(await part.getText(), /not a summary/);
      assert.ok(!(await (await b.$('[data-testid="split-after"]')).isExisting()), "no form");
      await (await b.$('[data-testid="why-panel"] button[aria-label="Close"]')).click();
    });

    await scenario("splits 6. the Split tool: a click in the middle of a bar splits it there for a day; Escape turns it off; Undo", async () => {
      const tool = await b.$('[data-testid="split-tool"]');
      const pressed = async () => (await tool.getAttribute("aria-pressed")) === "true";
      // The toolbar keeps to one line at 1440 px with the tool and Find in it.
      const tops = await b.execute(() =>
        ['[data-testid="undo"]', '[data-testid="split-tool"]', '[data-testid="find-open"]', '[data-testid="release-finish"]'].map((q) => {
          const r = document.querySelector(q).getBoundingClientRect();
          return Math.round(r.top + r.height / 2);
        }),
      );
      assert.ok(Math.max(...tops) - Math.min(...tops) <= 2, `one line of tools: ${tops}`);
      const before = await snapshot(b);
      const row0 = before.schedule.rows[k];
      assert.deepEqual(row0.segments, [], "joined after scenario 4");
      await (await cell(b, k, "name")).click();
      const piece = await b.$(`[data-task-bar="${k}"] rect`);
      await piece.waitForExist({ timeout: 5000 });
      const cursor = () => b.execute((i) => getComputedStyle(document.querySelector(`[data-task-bar="${i}"] rect`)).cursor, k);
      assert.equal(await cursor(), "grab", "the bar is dragged without the tool");
      // Escape turns the tool off again.
      await tool.click();
      assert.ok(await pressed(), "the tool is on");
      assert.equal(await cursor(), "crosshair", "a crosshair over the bar");
      await b.keys("Escape");
      await waitFor(b, async () => !(await pressed()), "Escape to turn the tool off");
      assert.equal(await cursor(), "grab");

      await tool.click();
      await b.action("pointer").move({ origin: piece }).down().up().perform();
      await waitFor(b, async () => (await snapshot(b)).schedule.rows[k].segments.length === 2, "the click to split the task");
      const s = await snapshot(b);
      const row = s.schedule.rows[k];
      const [split] = s.plan.tasks[k].splits;
      assert.equal(s.plan.tasks[k].splits.length, 1);
      assert.equal(split.gap, 480, "a gap of one working day");
      const work = s.plan.tasks[k].duration.minutes;
      // The middle of the bar, to within a day's column either way (10 px a day at the week zoom).
      assert.ok(Math.abs(split.after - work / 2) <= 480, `split after ${split.after} of ${work} minutes: near the middle`);
      assert.equal(workingDaysBetween(cal, row0.finish, row.finish), 1, `finish ${row0.finish} → ${row.finish}: a working day later`);
      assert.equal(row.start, row0.start, "the same start");
      assert.ok(!(await pressed()), "the tool turns off after a split");
      assert.ok(!(await (await b.$('[data-testid="error"]')).isExisting()), "no error");
      const shape = await barShape(b, k);
      assert.equal(shape.pieces.length, 2, `two pieces: ${JSON.stringify(shape)}`);
      assert.equal(shape.gaps.length, 1);
      await shot(b, "splits-6-split-tool.png");
      console.log(`     split after ${split.after} of ${work} minutes; finish ${row0.finish} → ${row.finish}`);
      await (await b.$("button=Day")).click();
      await shot(b, "splits-6-split-tool-day.png");
      await (await b.$("button=Week")).click();

      await (await b.$('[data-testid="undo"]')).click();
      await waitFor(b, async () => (await snapshot(b)).schedule.rows[k].segments.length === 0, "the undo of the split");
      const u = await snapshot(b);
      assert.equal(u.plan.tasks[k].splits, undefined);
      assert.equal(u.schedule.rows[k].finish, row0.finish);
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
