// A new user's first minutes: a blank plan says what to do first, and "+ Task" then names
// typed with Enter between them make exactly those tasks (issue 14).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { CLI, home, scenario, session, shot, snapshot, waitFor } from "../lib.mjs";

/** A fresh plan with one release and no task, as "New plan" on the start screen makes it. */
function blankPlan(name) {
  const p = path.join(home, `${name}.admiral`);
  execFileSync(CLI, ["new", p, "--name", "R2027.1"], { stdio: "ignore" });
  return p;
}

const taskNames = async (b) => (await snapshot(b)).plan.tasks.map((t) => t.name);
const focused = (b) =>
  b.execute(() => {
    const a = document.activeElement;
    return { tag: a?.tagName ?? "", testid: a?.getAttribute("data-testid") ?? "", value: a?.value ?? "" };
  });

export async function run() {
  const b = await session([blankPlan("first-minutes")]);
  try {
    await scenario("start 1. a blank plan says what to do first", async () => {
      const hint = await b.$('[data-testid="blank-plan"]');
      await hint.waitForDisplayed({ timeout: 15000 });
      assert.equal((await snapshot(b)).plan.tasks.length, 0);
      const text = await hint.getText();
      assert.match(text, /no tasks yet/);
      for (const what of ["Add the first task", "Import MS Project XML", "Open the demo release"]) {
        assert.ok(text.includes(what), `the hint offers "${what}": ${text}`);
      }
      await shot(b, "start-1-blank-plan.png");
    });

    await scenario("start 2. + Task, then three names with Enter between them: three tasks", async () => {
      await (await b.$("button=+ Task")).click();
      const editor = await b.$(".grid .row input.editor");
      await editor.waitForExist({ timeout: 5000 });
      // The name is open for typing; the button does not keep the focus.
      let f = await focused(b);
      assert.equal(f.tag, "INPUT", "the new row's name has the focus");
      assert.equal(f.value, "New task");
      await b.keys([..."Design", "Enter"]);
      for (const [k, name] of [[1, "Build"], [2, "Ship"]]) {
        // Enter on the last row's name opened the blank row below it.
        await waitFor(b, async () => (await focused(b)).testid === "new-task-name", `the blank row after task ${k}`);
        await b.keys([...name, "Enter"]);
        await waitFor(b, async () => (await snapshot(b)).plan.tasks.length === k + 1, `task ${k + 1}`);
      }
      await waitFor(b, async () => (await focused(b)).testid === "new-task-name", "the blank row after task 3");
      await shot(b, "start-2-three-tasks-typed.png");
      // Escape leaves the blank row without adding a task.
      await b.keys("Escape");
      await waitFor(b, async () => !(await (await b.$('[data-testid="new-task-name"]')).isExisting()), "the blank row to close");
      f = await focused(b);
      assert.notEqual(f.tag, "BUTTON", "no button holds the focus");
      assert.deepEqual(await taskNames(b), ["Design", "Build", "Ship"]);
      const s = await snapshot(b);
      assert.deepEqual(s.plan.tasks.map((t) => t.number), [1, 2, 3]);
      assert.equal(s.schedule.rows.length, 3);
      for (const [i, name] of ["Design", "Build", "Ship"].entries()) {
        const shown = await (await b.$(`.grid .row[aria-rowindex="${i + 1}"] .cell.name`)).getText();
        assert.equal(shown.trim(), name);
      }
      assert.ok(!(await (await b.$('[data-testid="blank-plan"]')).isExisting()), "the hint is gone once there are tasks");
      // Each name typed into the blank row was one change: Ctrl+Z takes "Ship" away, Ctrl+Y brings it back.
      await b.keys(["Control", "z"]);
      await waitFor(b, async () => (await snapshot(b)).plan.tasks.length === 2, "undo of the last name");
      await b.keys(["Control", "y"]);
      await waitFor(b, async () => (await snapshot(b)).plan.tasks.length === 3, "redo of the last name");
      assert.deepEqual(await taskNames(b), ["Design", "Build", "Ship"]);
      await shot(b, "start-3-first-tasks.png");
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }

  const d = await session([blankPlan("to-the-demo")]);
  try {
    await scenario("start 3. the blank plan's demo button opens the demo release", async () => {
      const open = await d.$('[data-testid="blank-open-demo"]');
      await open.waitForClickable({ timeout: 15000 });
      await open.click();
      await waitFor(d, async () => (await snapshot(d))?.plan.releases[0]?.code === "R2027.1", "the demo plan", 15000);
      assert.match(await d.getTitle(), /demo\.admiral/);
    });
  } finally {
    await d.deleteSession().catch(() => {});
  }

  // Names in Hebrew and Arabic, given as a script would (WebKitWebDriver's typing drops
  // spaces in some runs).
  const rtl = blankPlan("right-to-left");
  const cli = (...args) => execFileSync(CLI, args, { stdio: "ignore" });
  cli("task", "insert", rtl, "--name", "דנה QA");
  cli("task", "insert", rtl, "--name", "خطة الإصدار v2");
  cli("task", "set", rtl, "1", "--owner", "דנה QA", "--duration", "3d");
  cli("task", "set", rtl, "2", "--owner", "فاطمة الزهراء", "--duration", "2d");
  const r = await session([rtl]);
  try {
    await scenario("start 4. a Hebrew name reads right to left in the grid and the chart, as the report prints it", async () => {
      const name = await r.$('.grid .row[aria-rowindex="1"] .cell.name bdi');
      await name.waitForExist({ timeout: 15000 });
      // Where "Q" and "ד" are drawn: a name that begins in Hebrew is right to left as a
      // whole, so its Latin part is on the left ("QA הנד"); left to right, "QA" came after.
      const drawn = (el) =>
        r.execute((el) => {
          const text = el.firstChild;
          const left = (i) => {
            const range = document.createRange();
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            return range.getBoundingClientRect().left;
          };
          return { latin: left(text.data.indexOf("Q")), hebrew: left(text.data.indexOf("ד")) };
        }, el);
      const inGrid = await drawn(name);
      assert.ok(inGrid.latin < inGrid.hebrew, `the grid: "QA" left of the Hebrew (${JSON.stringify(inGrid)})`);
      let label;
      await waitFor(r, async () => {
        for (const l of await r.$$(".gantt .labels span")) if ((await l.getText()).includes("QA")) label = l;
        return label !== undefined;
      }, "the owner's label beside the bar");
      const inChart = await drawn(label);
      assert.ok(inChart.latin < inChart.hebrew, `the chart: "QA" left of the Hebrew (${JSON.stringify(inChart)})`);
      await shot(r, "start-4-right-to-left.png");
    });
  } finally {
    await r.deleteSession().catch(() => {});
  }
}
