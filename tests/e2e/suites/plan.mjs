// The plan editor: the five scenarios of the desktop issue, and the views around the grid.

import assert from "node:assert/strict";
import path from "node:path";
import {
  OUT, ROW_H, cell, editCell, openDemo, perf, perfEntries, releaseFinish, scenario, session, showView, snapshot,
  waitFor,
  workingDaysBetween,
} from "../lib.mjs";

export async function run() {
  const b = await session();
  // The release that ends the plan (the demo has several): its tasks make the critical path.
  let finish0, finish1, demoPath, last;
  try {
    await scenario("1. open the demo: grid and Gantt show its tasks", async () => {
      await openDemo(b);
      const s = await snapshot(b);
      assert.ok(s.plan.tasks.length > 100, `the demo has ${s.plan.tasks.length} tasks`);
      // The whole plan comes as a script in ASCII (courier.rs): names past it arrive as they are.
      const owners = new Set(s.plan.tasks.map((t) => t.owner));
      for (const name of ["Łukasz Nowak", "Nguyễn Thị Ngọc"]) assert.ok(owners.has(name), `the owner ${name} arrives intact`);
      const rows = await b.$$(".grid .row");
      assert.ok(rows.length >= 20, `only ${rows.length} rows rendered`);
      assert.ok(rows.length < s.plan.tasks.length, "rows are virtualised");
      const firstName = await (await b.$('.grid .row[aria-rowindex="1"] .cell.name')).getText();
      assert.equal(firstName.replace(/^[▾◆\s]+/, ""), s.plan.tasks[0].name);
      // The ID column holds a six-digit ID in the bold of a critical row (a 100k plan's
      // last tasks), measured in the cell's own font.
      const room = await b.execute(() => {
        const c = document.querySelector(".grid .row .cell.number");
        const st = getComputedStyle(c);
        const g = document.createElement("canvas").getContext("2d");
        g.font = `600 ${st.fontSize} ${st.fontFamily}`;
        const inner = c.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
        return { text: g.measureText("100000").width, inner };
      });
      assert.ok(room.text <= room.inner, `a six-digit ID needs ${room.text} px; the ID cell has ${room.inner}`);
      const bars = await b.$$("[data-task-bar]");
      assert.ok(bars.length >= 20, `only ${bars.length} Gantt bars`);
      assert.ok((await b.$$("path.link")).length > 10, "dependency arrows are drawn");
      assert.ok((await b.$$(".bar.critical")).length > 0, "the critical path is highlighted");
      // Progress as MS Project shows it: a ✓ beside finished tasks, the done part through bars.
      const shown = s.plan.tasks.slice(0, rows.length);
      const finished = shown.filter((t, i) => t.progress.percent_complete === 100 && !s.schedule.rows[i].summary);
      assert.ok(finished.length > 0, "the demo's first rows include finished tasks");
      assert.equal((await b.$$('[data-testid="done-mark"]')).length, finished.length);
      const partial = s.plan.tasks.findIndex((t, i) => !s.schedule.rows[i].milestone && t.progress.percent_complete > 0);
      const bar = await b.$(`[data-task-bar="${partial}"] rect.progress`);
      assert.equal(+(await bar.getAttribute("data-progress")), s.plan.tasks[partial].progress.percent_complete);
      assert.match(await b.getTitle(), /demo\.admiral/);
      demoPath = s.path;
      last = s.schedule.releases.findIndex((r) => r.finish === s.schedule.finish);
      assert.ok(last >= 0, "a release ends when the plan does");
      finish0 = s.schedule.releases[last].finish;
      await b.saveScreenshot(path.join(OUT, "1-demo-plan.png"));
    });

    await scenario("2. a longer critical task moves the release finish by as much", async () => {
      const s = await snapshot(b);
      // A critical task of the release that ends the plan, with a working duration.
      const inLast = new Set(s.plan.projects.filter((p) => p.release_id === s.plan.releases[last].id).map((p) => p.id));
      const path_ = s.schedule.criticalPath;
      const idx = path_
        .map((id) => s.plan.tasks.findIndex((t) => t.id === id))
        .filter(
          (i) =>
            !s.schedule.rows[i].milestone &&
            s.plan.tasks[i].duration.type === "working" &&
            inLast.has(s.plan.tasks[i].project_id),
        );
      assert.ok(idx.length > 0, "the critical path runs through the last release");
      const i = idx[Math.floor(idx.length / 2)];
      const t = s.plan.tasks[i];
      const days = t.duration.minutes / 480;
      await editCell(b, i, "duration", `${days + 5}d`);
      await waitFor(b, async () => (await releaseFinish(b, last)) !== finish0, "the finish to move");
      finish1 = await releaseFinish(b, last);
      // Counted on the calendar of the task that finishes the release (holidays included).
      const after = await snapshot(b);
      const lastRow = after.schedule.rows.reduce((m, r, k) => (r.finish > after.schedule.rows[m].finish ? k : m), 0);
      const calId =
        after.plan.tasks[lastRow].calendar_id ?? after.plan.releases[last].calendar_id ?? after.plan.settings.default_calendar;
      const cal = after.plan.calendars.find((c) => c.id === calId);
      const moved = workingDaysBetween(cal, finish0, finish1);
      assert.equal(moved, 5, `finish moved ${finish0} → ${finish1}: ${moved} working days`);
      const shown = await (await b.$('[data-testid="release-finish"]')).getText();
      assert.ok(shown.length > 0);
      await b.saveScreenshot(path.join(OUT, "2-duration-edit.png"));
    });

    await scenario("3. a predecessor that closes a cycle is refused by name; nothing changes", async () => {
      const s = await snapshot(b);
      // A link between two leaf tasks: make the predecessor depend on its own successor.
      const leaf = (id) => {
        const i = s.plan.tasks.findIndex((t) => t.id === id);
        return s.schedule.rows[i].summary ? -1 : i;
      };
      const link = s.plan.links.find((l) => leaf(l.predecessor) >= 0 && leaf(l.successor) >= 0);
      const p = leaf(link.predecessor);
      const succ = s.plan.tasks[leaf(link.successor)];
      const before = s.schedule.rows[p].predecessors;
      await editCell(b, p, "predecessors", before ? `${before}, ${succ.number}` : `${succ.number}`);
      const err = await b.$('[data-testid="error"]');
      await err.waitForDisplayed({ timeout: 5000 });
      const text = await err.getText();
      assert.match(text, /Adding this link would create a cycle: .*→/);
      assert.ok(text.includes(succ.name), `the message names ${succ.name}: ${text}`);
      const after = await snapshot(b);
      assert.deepEqual(after.plan.links, s.plan.links);
      assert.equal(after.schedule.releases[last].finish, finish1);
      assert.equal(await (await cell(b, p, "predecessors")).getText(), before);
      await b.saveScreenshot(path.join(OUT, "3-cycle-refused.png"));
      await (await b.$('[data-testid="error"] button')).click();
    });

    await scenario("4. undo and redo", async () => {
      await (await b.$('[data-testid="undo"]')).click();
      await waitFor(b, async () => (await releaseFinish(b, last)) === finish0, "undo to restore the finish");
      await b.saveScreenshot(path.join(OUT, "4a-undone.png"));
      // Keyboard: Ctrl+Y redoes.
      await (await b.$(".grid")).click();
      await b.keys(["Control", "y"]);
      await waitFor(b, async () => (await releaseFinish(b, last)) === finish1, "redo to bring the edit back");
      await b.saveScreenshot(path.join(OUT, "4b-redone.png"));
    });

    await scenario("5. close and reopen: the edit persisted", async () => {
      await (await b.$("button=Close")).click();
      const recent = await b.$(".recent button.link");
      await recent.waitForDisplayed({ timeout: 5000 });
      assert.match(await recent.getText(), /demo\.admiral/);
      await b.saveScreenshot(path.join(OUT, "5a-start-screen.png"));
      await recent.click();
      await (await b.$(".grid .row")).waitForExist({ timeout: 15000 });
      const s = await snapshot(b);
      assert.equal(s.path, demoPath);
      assert.equal(s.schedule.releases[last].finish, finish1);
      assert.equal(s.canUndo, true);
      await b.saveScreenshot(path.join(OUT, "5b-reopened.png"));
    });

    await scenario("views: why this date, overview, zoom", async () => {
      const s = await snapshot(b);
      const last = s.schedule.criticalPath.at(-1);
      const i = s.plan.tasks.findIndex((t) => t.id === last);
      await (await cell(b, i, "name")).click();
      await (await b.$("button=Why this date?")).click();
      const why = await b.$('[data-testid="why-panel"] li');
      await why.waitForDisplayed({ timeout: 5000 });
      assert.ok((await b.$$('[data-testid="why-panel"] li')).length > 1);
      // Docked beside the chart, not over it; the grid gives way, so the chart keeps 45 % of
      // the room the panel leaves, and the narrower chart keeps the task's bar in view.
      const [chart, panel, bar, grid] = await b.execute(
        (i) =>
          ['[data-testid="gantt"]', '[data-testid="why-panel"]', `[data-task-bar="${i}"]`, '[data-testid="task-grid"]'].map((q) => {
            const r = document.querySelector(q).getBoundingClientRect();
            return { left: r.left, right: r.right, width: r.width };
          }),
        i,
      );
      const seen = JSON.stringify({ chart, panel, bar, grid });
      assert.ok(chart.right <= panel.left + 0.5 && chart.width >= 0.44 * (panel.left - grid.left), seen);
      assert.ok(bar.left >= chart.left && bar.right <= chart.right, seen);
      // The chain is highlighted in the chart (MS Project's Task Path): the task's bar and its
      // driving predecessors' in view, and the links between them; only those.
      await b.waitUntil(async () => (await b.$$(".bar.path")).length > 1, { timeout: 5000 });
      const [numbers, marked, links, pathColour, linkColour] = await b.execute(() => [
        [...document.querySelectorAll('[data-testid="why-panel"] li .n')].map((e) => e.textContent.trim()),
        [...document.querySelectorAll(".bar.path")].map((e) => Number(e.dataset.taskBar)),
        document.querySelectorAll(".link.path").length,
        getComputedStyle(document.querySelector(".bar.path rect, .bar.path path")).stroke,
        getComputedStyle(document.querySelector(".link.path")).stroke,
      ]);
      assert.ok(marked.includes(i), `the task's own bar is marked: ${marked}`);
      for (const k of marked) assert.ok(numbers.includes(String(s.plan.tasks[k].number)), `bar ${k} is on the chain ${numbers}`);
      assert.ok(links >= 1 && links < numbers.length, `links marked: ${links}`);
      assert.equal(pathColour, linkColour);
      // The release's last task drives nothing.
      await b.waitUntil(async () => (await (await b.$('[data-testid="why-driven"]')).getText()).includes("drives no other task"), {
        timeout: 5000,
      });
      await b.saveScreenshot(path.join(OUT, "6-why-this-date.png"));
      // What a task early on the critical path drives (MS Project's driven successors): listed,
      // counted, and marked in the chart in a colour of their own, apart from its own chain.
      const early = s.plan.tasks.findIndex((t) => t.id === s.schedule.criticalPath[1]);
      await (await cell(b, early, "name")).click();
      await (await b.$("button=Why this date?")).click();
      await b.waitUntil(async () => (await b.$$('[data-testid="why-driven"] li')).length > 0, { timeout: 5000 });
      await b.waitUntil(async () => (await b.$$(".bar.driven")).length > 0, { timeout: 5000 });
      const [said, drivenBars, chainBars, drivenColour] = await b.execute(() => [
        document.querySelector('[data-testid="why-driven"] p').textContent,
        [...document.querySelectorAll(".bar.driven")].map((e) => Number(e.dataset.taskBar)),
        [...document.querySelectorAll(".bar.path")].map((e) => Number(e.dataset.taskBar)),
        getComputedStyle(document.querySelector(".bar.driven rect, .bar.driven path")).stroke,
      ]);
      const count = Number(/moves (\d+) task/.exec(said)?.[1]);
      assert.ok(count >= drivenBars.length && count > 1, `${said} / ${drivenBars.length} bars`);
      assert.ok(!drivenBars.includes(early) && drivenBars.every((k) => !chainBars.includes(k)), `${drivenBars} / ${chainBars}`);
      assert.ok(drivenBars.every((k) => k > early), "a task drives only tasks after it here");
      assert.notEqual(drivenColour, linkColour);
      await b.execute(() => document.querySelector('[data-testid="why-driven"]').scrollIntoView());
      await b.saveScreenshot(path.join(OUT, "6b-what-it-drives.png"));
      await (await b.$('[data-testid="why-panel"] button[aria-label="Close"]')).click();
      await b.waitUntil(async () => (await b.$$(".bar.path, .link.path, .bar.driven")).length === 0, { timeout: 5000 });
      await (await b.$("button=Month")).click();
      await (await cell(b, 0, "name")).click();
      await b.saveScreenshot(path.join(OUT, "7-month-zoom.png"));
      await (await b.$("button=Week")).click();
      await showView(b, "overview");
      await b.saveScreenshot(path.join(OUT, "8-overview.png"));
      await showView(b, "plan");
      // The cutover: blackout windows, a deployment weekend, gates and the critical path.
      await (await cell(b, 99, "name")).click();
      await b.saveScreenshot(path.join(OUT, "0-cutover.png"));
      // The legend (status bar): each swatch in the colour the chart draws it with.
      await (await b.$('[data-testid="legend-toggle"]')).click();
      const legend = await b.$('[data-testid="gantt-legend"]');
      await legend.waitForDisplayed({ timeout: 5000 });
      const text = await legend.getText();
      for (const what of ["Critical", "Milestone", "Gate", "Waits on a rejected gate", "Blackout", "Today"]) {
        assert.ok(text.includes(what), `${what} in the legend: ${text}`);
      }
      // (The chart fills its critical bars with --bar-critical; here most are hatched, blocked.)
      const [swatch, critical] = await b.execute(() => {
        const probe = document.createElement("i");
        probe.style.color = "var(--bar-critical)";
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        const sw = document.querySelector('[data-testid="gantt-legend"] .sw.task.critical');
        return [getComputedStyle(sw).backgroundColor, colour];
      });
      assert.equal(swatch, critical, "the critical swatch is the critical bars' colour");
      await b.saveScreenshot(path.join(OUT, "0b-legend.png"));
      await (await b.$('[data-testid="legend-toggle"]')).click();
      await legend.waitForDisplayed({ timeout: 5000, reverse: true });
    });

    await scenario("find a task (Ctrl+F): by name, step through the matches, by ID, none, close", async () => {
      const s = await snapshot(b);
      const rowsOf = (f) => s.plan.tasks.flatMap((t, i) => (f(t) ? [i] : []));
      const hyper = rowsOf((t) => t.name.toLowerCase().includes("hypercare"));
      assert.ok(hyper.length >= 3, `the demo's hypercare tasks: ${hyper}`);
      const selectedRow = () => b.execute(() => Number(document.querySelector(".grid .row.selected")?.getAttribute("aria-rowindex")) - 1);
      const count = async () => (await (await b.$('[data-testid="find-count"]')).getText()).trim();
      await (await cell(b, 0, "name")).click();
      await b.keys(["Control", "f"]);
      const input = await b.$('[data-testid="find-input"]');
      await input.waitForDisplayed({ timeout: 5000 });
      await b.waitUntil(() => b.execute(() => document.activeElement?.dataset.testid === "find-input"), { timeout: 3000, timeoutMsg: "Find's box has the focus" });
      // Typed: the first match from the row Find began on is selected, scrolled into view, and
      // every match in view has its name marked.
      await b.keys([..."HyperCare"]);
      await b.waitUntil(async () => (await selectedRow()) === hyper[0], { timeout: 5000, timeoutMsg: `row ${hyper[0]} selected` });
      assert.equal(await count(), `1 of ${hyper.length}`);
      const marked = await b.execute(() => [...document.querySelectorAll(".grid .row.found")].map((r) => Number(r.getAttribute("aria-rowindex")) - 1));
      assert.ok(marked.includes(hyper[0]) && marked.every((i) => hyper.includes(i)), `marked ${marked} of ${hyper}`);
      const inView = await b.execute(() => {
        const body = document.querySelector(".grid .body").getBoundingClientRect();
        const row = document.querySelector(".grid .row.selected").getBoundingClientRect();
        return row.top >= body.top && row.bottom <= body.bottom;
      });
      assert.ok(inView, "the match is scrolled into view");
      await b.saveScreenshot(path.join(OUT, "6c-find.png"));
      // Enter steps on, Shift+Enter back, round the ends.
      await b.keys("Enter");
      await b.waitUntil(async () => (await selectedRow()) === hyper[1], { timeout: 3000, timeoutMsg: "the next match" });
      assert.equal(await count(), `2 of ${hyper.length}`);
      await b.keys(["Shift", "Enter"]);
      await b.waitUntil(async () => (await selectedRow()) === hyper[0], { timeout: 3000, timeoutMsg: "the match before" });
      await b.keys(["Shift", "Enter"]);
      await b.waitUntil(async () => (await selectedRow()) === hyper.at(-1), { timeout: 3000, timeoutMsg: "round to the last match" });
      // An ID goes to that task (MS Project's Go To), before names that hold the number.
      const target = s.plan.tasks.findIndex((t) => t.number === 108);
      await b.execute(() => {
        const i = document.querySelector('[data-testid="find-input"]');
        i.select();
      });
      await b.keys([..."108"]);
      await b.waitUntil(async () => (await selectedRow()) === target, { timeout: 3000, timeoutMsg: `task 108 (row ${target}) selected` });
      // Nothing found (pasted: each letter typed alone would match something): said, and the
      // selection stays.
      await b.execute(() => {
        const i = document.querySelector('[data-testid="find-input"]');
        i.value = "qxjw";
        i.dispatchEvent(new Event("input", { bubbles: true }));
      });
      await b.waitUntil(async () => (await count()) === "No task matches", { timeout: 3000, timeoutMsg: "no match said" });
      assert.equal(await selectedRow(), target);
      assert.equal((await b.$$(".grid .row.found")).length, 0);
      // Escape closes the bar; the task found stays selected and the grid has the keys again.
      await b.keys("Escape");
      await input.waitForExist({ timeout: 3000, reverse: true });
      assert.equal(await selectedRow(), target);
      assert.ok(await b.execute(() => document.activeElement?.dataset.testid === "task-grid" || !!document.activeElement?.closest(".grid")), "focus on the grid");
      await b.keys("ArrowDown");
      await b.waitUntil(async () => (await selectedRow()) === target + 1, { timeout: 3000, timeoutMsg: "the arrow moves the grid's selection" });
    });

    await scenario("outline: a summary's caret hides its tasks in grid and chart, the keys skip them, levels, Find reveals", async () => {
      const s = await snapshot(b);
      const tasks = s.plan.tasks;
      const sum = tasks.findIndex((t) => t.name === "Identity & SSO");
      let end = sum + 1;
      while (end < tasks.length && tasks[end].outline_level > tasks[sum].outline_level) end++;
      const under = Array.from({ length: end - sum - 1 }, (_, k) => sum + 1 + k);
      assert.ok(under.length >= 5, `tasks under ${sum}: ${under}`);
      const rendered = () =>
        b.execute(() => [...document.querySelectorAll(".grid .row[aria-rowindex]")].map((r) => Number(r.getAttribute("aria-rowindex")) - 1));
      const bars = () => b.execute(() => [...document.querySelectorAll("[data-task-bar]")].map((e) => Number(e.dataset.taskBar)));
      const selectedRow = () => b.execute(() => Number(document.querySelector(".grid .row.selected")?.getAttribute("aria-rowindex")) - 1);
      const caret = async (i) => b.$(`.grid .row[aria-rowindex="${i + 1}"] [data-testid="outline-caret"]`);
      await (await cell(b, sum, "name")).click();
      await (await caret(sum)).click();
      await b.waitUntil(async () => !(await rendered()).includes(under[0]), { timeout: 5000, timeoutMsg: "its tasks hidden" });
      assert.equal(await (await caret(sum)).getAttribute("aria-expanded"), "false");
      const rows = await rendered();
      const chart = await bars();
      for (const i of under) {
        assert.ok(!rows.includes(i), `row ${i} hidden in the grid`);
        assert.ok(!chart.includes(i), `bar ${i} hidden in the chart`);
      }
      assert.ok(rows.includes(end) && chart.includes(end), "the next task shows");
      // The next task sits right under the summary, in the grid and in the chart.
      const [gridGap, barGap] = await b.execute(
        (a, z) => {
          const top = (q) => document.querySelector(q).getBoundingClientRect().top;
          return [
            top(`.grid .row[aria-rowindex="${z + 1}"]`) - top(`.grid .row[aria-rowindex="${a + 1}"]`),
            top(`[data-task-bar="${z}"]`) - top(`[data-task-bar="${a}"]`),
          ];
        },
        sum,
        end,
      );
      assert.ok(Math.abs(gridGap - ROW_H) < 1 && Math.abs(barGap - ROW_H) < 3, `gaps ${gridGap} / ${barGap}`);
      // The arrow keys step over the hidden rows.
      await b.keys("ArrowDown");
      await b.waitUntil(async () => (await selectedRow()) === end, { timeout: 3000, timeoutMsg: `row ${end} after ${sum}` });
      await b.keys("ArrowUp");
      await b.waitUntil(async () => (await selectedRow()) === sum, { timeout: 3000, timeoutMsg: "back on the summary" });
      await b.saveScreenshot(path.join(OUT, "6d-outline-collapsed.png"));
      // Expanded again from its caret.
      await (await caret(sum)).click();
      await b.waitUntil(async () => (await rendered()).includes(under[0]), { timeout: 5000, timeoutMsg: "its tasks shown again" });
      // Alt+Shift+− on a task under it collapses its summary, which takes the selection.
      await (await cell(b, under[1], "name")).click();
      await b.keys(["Alt", "Shift", "-"]);
      await b.waitUntil(async () => (await selectedRow()) !== under[1] && !(await rendered()).includes(under[1]), {
        timeout: 3000,
        timeoutMsg: "Alt+Shift+− collapsed the task's summary",
      });
      const holder = await selectedRow();
      assert.ok(holder < under[1] && tasks[holder].outline_level < tasks[under[1]].outline_level, `selected ${holder}`);
      await b.keys(["Alt", "Shift", "="]);
      await b.waitUntil(async () => (await rendered()).includes(under[1]), { timeout: 3000, timeoutMsg: "Alt+Shift+= expanded it" });
      // Its summary scrolled just out of view above: collapsed, it is brought into view.
      await b.execute((top) => {
        const body = document.querySelector(".grid .body");
        body.scrollTop = top;
        body.dispatchEvent(new Event("scroll"));
      }, (holder + 1) * ROW_H);
      const inView = (i) =>
        b.execute((i) => {
          const row = document.querySelector(`.grid .row[aria-rowindex="${i + 1}"]`);
          if (!row) return false;
          const body = document.querySelector(".grid .body").getBoundingClientRect();
          const r = row.getBoundingClientRect();
          return r.top >= body.top && r.bottom <= body.bottom;
        }, i);
      await b.waitUntil(async () => !(await inView(holder)) && (await inView(under[1])), { timeout: 3000, timeoutMsg: "the summary above the view" });
      await (await b.$(`.grid .row[aria-rowindex="${under[1] + 1}"] .cell.name`)).click();
      await b.keys(["Alt", "Shift", "-"]);
      await b.waitUntil(async () => (await selectedRow()) === holder && (await inView(holder)), {
        timeout: 3000,
        timeoutMsg: "the collapsed summary selected and in view",
      });
      await b.keys(["Alt", "Shift", "="]);
      await b.waitUntil(async () => (await rendered()).includes(under[1]), { timeout: 3000, timeoutMsg: "expanded again" });
      // Outline level 1 (the status bar): the top-level tasks alone.
      await (await b.$('[data-testid="outline-level"]')).selectByAttribute("value", "1");
      await b.waitUntil(async () => (await rendered()).every((i) => tasks[i].outline_level === 1), { timeout: 5000, timeoutMsg: "level 1 only" });
      const top = tasks.flatMap((t, i) => (t.outline_level === 1 ? [i] : []));
      assert.deepEqual(await rendered(), top);
      assert.equal(await (await b.$('[data-testid="shown-count"]')).getText(), `${top.length} of ${tasks.length} shown`);
      // Find goes to a hidden task: the summaries above it open, the others stay closed.
      const deep = tasks.findIndex((t) => t.number === 108);
      await b.keys(["Control", "f"]);
      await (await b.$('[data-testid="find-input"]')).waitForDisplayed({ timeout: 3000 });
      await b.keys([..."108"]);
      await b.waitUntil(async () => (await selectedRow()) === deep, { timeout: 3000, timeoutMsg: "task 108 found and shown" });
      assert.ok((await rendered()).includes(deep));
      assert.ok((await rendered()).length < tasks.length, "other summaries stay closed");
      await b.keys("Escape");
      await (await b.$('[data-testid="outline-level"]')).selectByAttribute("value", "all");
      await b.waitUntil(async () => (await b.execute(() => document.querySelectorAll(".grid .row[aria-rowindex]").length)) > 20, {
        timeout: 5000,
        timeoutMsg: "every task again",
      });
      assert.equal((await b.$$('[data-testid="outline-caret"][aria-expanded="false"]')).length, 0);
      // A task indented under a collapsed summary stays in view: the summary opens. Undone after.
      await (await cell(b, sum, "name")).click();
      await (await caret(sum)).click();
      await b.waitUntil(async () => !(await rendered()).includes(under[0]), { timeout: 5000, timeoutMsg: "collapsed again" });
      await (await cell(b, end, "name")).click();
      await b.keys(["Alt", "Shift", "ArrowRight"]);
      await b.waitUntil(async () => (await snapshot(b)).plan.tasks[end].outline_level === tasks[end].outline_level + 1, {
        timeout: 5000,
        timeoutMsg: "indented",
      });
      await b.waitUntil(async () => (await rendered()).includes(end) && (await selectedRow()) === end, {
        timeout: 3000,
        timeoutMsg: "the indented task shows, selected",
      });
      assert.equal(await (await caret(sum)).getAttribute("aria-expanded"), "true");
      await (await b.$('[data-testid="undo"]')).click();
      await b.waitUntil(async () => (await snapshot(b)).plan.tasks[end].outline_level === tasks[end].outline_level, {
        timeout: 5000,
        timeoutMsg: "the indent undone",
      });
    });

    await scenario("filters: the critical tasks with their summaries, milestones and gates, Find among them, all tasks", async () => {
      const s = await snapshot(b);
      const { tasks } = s.plan;
      const rows = s.schedule.rows;
      const rendered = () =>
        b.execute(() => [...document.querySelectorAll(".grid .row[aria-rowindex]")].map((r) => Number(r.getAttribute("aria-rowindex")) - 1));
      const bars = () => b.execute(() => [...document.querySelectorAll("[data-task-bar]")].map((e) => Number(e.dataset.taskBar)).sort((a, z) => a - z));
      // The rows a filter keeping `keep` shows: those, and the summaries above them.
      const expected = (keep) => {
        const out = new Set();
        const open = [];
        tasks.forEach((t, i) => {
          while (open.length && tasks[open.at(-1)].outline_level >= t.outline_level) open.pop();
          if (!rows[i].summary && keep(i)) [...open, i].forEach((j) => out.add(j));
          open.push(i);
        });
        return [...out].sort((a, z) => a - z);
      };
      await (await cell(b, 0, "name")).click();
      const filter = await b.$('[data-testid="filter"]');
      await filter.selectByAttribute("value", "critical");
      const critical = expected((i) => rows[i].critical);
      assert.ok(critical.length > 3 && critical.length < 40, `${critical}`);
      await b.waitUntil(async () => JSON.stringify(await rendered()) === JSON.stringify(critical), {
        timeout: 5000,
        timeoutMsg: `the critical tasks and their summaries: ${critical}`,
      });
      assert.deepEqual(await bars(), critical);
      assert.equal(await (await b.$('[data-testid="shown-count"]')).getText(), `${critical.length} of ${tasks.length} shown`);
      await b.saveScreenshot(path.join(OUT, "6e-filter-critical.png"));
      // Find looks among the tasks shown only.
      const among = critical.filter((i) => tasks[i].name.toLowerCase().includes("deploy"));
      await b.keys(["Control", "f"]);
      await (await b.$('[data-testid="find-input"]')).waitForDisplayed({ timeout: 3000 });
      await b.keys([..."deploy"]);
      const count = await b.$('[data-testid="find-count"]');
      await b.waitUntil(async () => /\d/.test(await count.getText()) || (await count.getText()) === "No task matches", { timeout: 3000 });
      const said = await count.getText();
      if (among.length) assert.match(said, new RegExp(`(of ${among.length}|${among.length} tasks?)$`), said);
      else assert.equal(said, "No task matches");
      await b.keys("Escape");
      // Milestones and gates.
      await filter.selectByAttribute("value", "milestones");
      const ms = expected((i) => rows[i].milestone);
      await b.waitUntil(async () => {
        const r = await rendered();
        return r.length > 0 && JSON.stringify(r) === JSON.stringify(ms.slice(0, r.length));
      }, {
        timeout: 5000,
        timeoutMsg: "the milestones and gates with their summaries",
      });
      // Kept with the plan: closed and opened again, it shows the same.
      await b.waitUntil(async () => (await rendered()).length > 0, { timeout: 3000 });
      const before = await rendered();
      await (await b.$("button=Close")).click();
      const recent = await b.$(".recent button.link");
      await recent.waitForDisplayed({ timeout: 5000 });
      await recent.click();
      await (await b.$(".grid .row")).waitForExist({ timeout: 15000 });
      await b.waitUntil(async () => JSON.stringify(await rendered()) === JSON.stringify(before), {
        timeout: 5000,
        timeoutMsg: "the filter kept through close and open",
      });
      assert.equal(await (await b.$('[data-testid="filter"]')).getValue(), "milestones");
      // All tasks again.
      await (await b.$('[data-testid="filter"]')).selectByAttribute("value", "");
      await b.waitUntil(async () => !(await (await b.$('[data-testid="shown-count"]')).isExisting()), { timeout: 5000, timeoutMsg: "every task" });
    });

    await scenario("the split bar: the chart gets room, the bar drags and steps, hidden columns scroll into view", async () => {
      const bar = await b.$('[data-testid="split-divider"]');
      const grid = await b.$('[data-testid="task-grid"]');
      const gantt = await b.$('[data-testid="gantt"]');
      const width = async (el) => (await el.getSize()).width;
      const now = async () => +(await bar.getAttribute("aria-valuenow"));
      const whole = +(await bar.getAttribute("aria-valuemax"));
      // At 1440 px the whole grid would leave the chart about a fifth: the default gives it 45 %.
      const split = (await width(grid)) + (await width(bar)) + (await width(gantt));
      const w0 = await now();
      assert.ok(w0 < whole, `the grid pane (${w0} px) is narrower than the grid (${whole} px)`);
      assert.ok((await width(gantt)) >= split * 0.4, `the chart keeps ${await width(gantt)} of ${split} px`);
      assert.equal(Math.round(await width(grid)), w0);
      // Drag it 150 px to the left: the chart grows by as much.
      const g0 = await width(gantt);
      await b
        .action("pointer")
        .move({ origin: bar })
        .down()
        .move({ origin: "pointer", x: -75, y: 0, duration: 100 })
        .move({ origin: "pointer", x: -75, y: 0, duration: 100 })
        .up()
        .perform();
      await waitFor(b, async () => Math.abs((await now()) - (w0 - 150)) <= 2, "the bar to move 150 px");
      assert.ok(Math.abs((await width(gantt)) - (g0 + 150)) <= 2, "the chart takes the room");
      // The bar has the focus: the arrow keys step it, End shows the whole grid if it fits.
      const w1 = await now();
      await b.keys("ArrowRight");
      await waitFor(b, async () => (await now()) === w1 + 24, "an arrow key to step the bar");
      // A column beyond the pane's edge scrolls into view when the keyboard reaches it.
      await (await cell(b, 3, "name")).click();
      await b.keys("End");
      const active = await b.$(".grid .cell.active.owner");
      await active.waitForExist({ timeout: 3000 });
      const box = await b.execute(() => {
        const g = document.querySelector('[data-testid="task-grid"]').getBoundingClientRect();
        const c = document.querySelector(".grid .cell.active").getBoundingClientRect();
        return { gl: g.left, gr: g.right, cl: c.left, cr: c.right, key: document.querySelector(".grid .cell.active").className };
      });
      assert.ok(box.cl >= box.gl - 1 && box.cr <= box.gr + 1, `the active cell (${box.key}) is in view: ${JSON.stringify(box)}`);
      await b.saveScreenshot(path.join(OUT, "9-split-narrow.png"));
      // Double-click: back to the default, and the choice is forgotten.
      await bar.doubleClick();
      await waitFor(b, async () => (await now()) === w0, "the default width back");
      assert.equal(await b.execute(() => localStorage.getItem("admiral.split.gridWidth")), null);
      await b.saveScreenshot(path.join(OUT, "9b-split-default.png"));
    });

    await scenario("drag a bar's right edge: the task gets longer by the days dragged", async () => {
      const s = await snapshot(b);
      const i = s.schedule.rows.findIndex(
        (r, k) => k > 2 && !r.summary && !r.milestone && s.plan.tasks[k].duration.type === "working",
      );
      const before = s.plan.tasks[i].duration.minutes;
      await (await cell(b, i, "name")).click();
      const handle = await b.$(`[data-task-bar="${i}"] rect.handle`);
      await handle.waitForExist({ timeout: 5000 });
      // Week zoom: 10 px per day.
      await b
        .action("pointer")
        .move({ origin: handle })
        .down()
        .move({ origin: "pointer", x: 15, y: 0, duration: 100 })
        .move({ origin: "pointer", x: 15, y: 0, duration: 100 })
        .up()
        .perform();
      await waitFor(b, async () => (await snapshot(b)).plan.tasks[i].duration.minutes !== before, "the duration to change");
      assert.equal((await snapshot(b)).plan.tasks[i].duration.minutes, before + 3 * 480);
      await (await b.$('[data-testid="undo"]')).click();
      await waitFor(b, async () => (await snapshot(b)).plan.tasks[i].duration.minutes === before, "undo of the drag");
      perf.push(...(await perfEntries(b)).map((e) => ({ ...e, plan: "demo" })));
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
