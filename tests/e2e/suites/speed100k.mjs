// Speed at 100k tasks (opt-in: ADMIRAL_E2E_SUITES=speed100k; making the plan takes a while).
// The app records its own marks, as in the 10k speed suite; only what the checks need is
// read back from the page (the whole snapshot would be a hundred megabytes over WebDriver).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { CLI, OUT, cell, editCell, home, launchEntry, perf, perfEntries, scenario, session, waitFor } from "../lib.mjs";

export async function run() {
  const big = path.join(home, "big-100k.admiral");
  await scenario("speed: open a 100k-task plan and edit a duration", async () => {
    execFileSync(CLI, ["demo", big, "--tasks", "100000", "--force"], { stdio: "ignore" });
    const launchedAt = Date.now();
    const b = await session([big]);
    try {
      await (await b.$(".grid .row")).waitForExist({ timeout: 120000 });
      perf.push({ ...(await launchEntry(b, launchedAt)), plan: "100k" });
      const task = (k) =>
        b.execute((k) => {
          const s = window.__admiralSnapshot();
          const rows = s.schedule.rows;
          const i = k ?? rows.findIndex((r, j) => !r.summary && !r.milestone && j > 40);
          return { i, n: s.plan.tasks.length, minutes: s.plan.tasks[i].duration.minutes, finish: rows[i].finish };
        }, k);
      const first = await task(null);
      assert.equal(first.n, 100000);
      const i = first.i;
      for (let k = 0; k < 5; k++) {
        const t = await task(i);
        await editCell(b, i, "duration", `${t.minutes / 480 + 1}d`);
        await waitFor(b, async () => (await perfEntries(b)).filter((e) => e.name === "edit").length > k, "the edit", 30000);
        assert.equal((await task(i)).minutes, t.minutes + 480);
      }
      // Scrolling in the middle of the plan, where some 11,000 links pass through the rows
      // drawn: ten rows at a time, each timed in the page to the painted frame ("scroll").
      const scrolls = await b.executeAsync(async (done) => {
        const body = document.querySelector(".grid .body");
        const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        body.scrollTop = 50000 * 24;
        for (let k = 0; k < 3; k++) await painted();
        const ms = [];
        for (let k = 0; k < 20; k++) {
          const t0 = performance.now();
          body.scrollTop += 240;
          await painted();
          ms.push(Math.round((performance.now() - t0) * 10) / 10);
        }
        done({ ms, paths: document.querySelectorAll(".links path").length });
      });
      perf.push(...scrolls.ms.map((ms) => ({ name: "scroll", ms, tasks: 100000, plan: "100k" })));
      assert.ok(scrolls.paths < 600, `${scrolls.paths} arrow paths in the middle of the plan`);
      // The filter and the outline at 100k tasks: the critical tasks shown, then every task;
      // level 1 shown, then every task again; and Find typed (a name's piece that most tasks
      // hold, then an ID), each timed in the page to the painted frame ("filter", "outline",
      // "find").
      const timed = await b.executeAsync(async (done) => {
        const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const time = async (f) => {
          const t0 = performance.now();
          f();
          await painted();
          return Math.round((performance.now() - t0) * 10) / 10;
        };
        const outline = document.querySelector('[data-testid="outline-level"]');
        const level = (v) => () => {
          outline.value = v;
          outline.dispatchEvent(new Event("change", { bubbles: true }));
        };
        const rows = () => document.querySelectorAll(".grid .row[aria-rowindex]").length;
        const out = { outline: [], find: [], filter: [], level1Rows: 0 };
        const filter = document.querySelector('[data-testid="filter"]');
        const only = (v) => () => {
          filter.value = v;
          filter.dispatchEvent(new Event("change", { bubbles: true }));
        };
        for (let k = 0; k < 3; k++) {
          out.filter.push(await time(only("critical")));
          out.criticalShown = document.querySelector('[data-testid="shown-count"]')?.textContent ?? "";
          out.filter.push(await time(only("")));
        }
        for (let k = 0; k < 3; k++) {
          out.outline.push(await time(level("1")));
          out.level1Rows = rows();
          out.label = document.querySelector('[data-testid="shown-count"]')?.textContent ?? "";
          out.outline.push(await time(level("all")));
        }
        document.querySelector('[data-testid="find-open"]').click();
        await painted();
        const input = document.querySelector('[data-testid="find-input"]');
        const type = (text) => () => {
          input.value = text;
          input.dispatchEvent(new Event("input", { bubbles: true }));
        };
        for (const text of ["e", "en", "ent", "77777"]) out.find.push(await time(type(text)));
        out.count = document.querySelector('[data-testid="find-count"]').textContent;
        done(out);
      });
      perf.push(...timed.outline.map((ms) => ({ name: "outline", ms, tasks: 100000, plan: "100k" })));
      perf.push(...timed.find.map((ms) => ({ name: "find", ms, tasks: 100000, plan: "100k" })));
      perf.push(...timed.filter.map((ms) => ({ name: "filter", ms, tasks: 100000, plan: "100k" })));
      assert.match(timed.criticalShown, /^\d+ of 100000 shown$/, JSON.stringify(timed));
      assert.ok(timed.level1Rows > 0 && timed.level1Rows < 80, JSON.stringify(timed));
      assert.match(timed.label, /^\d+ of 100000 shown$/, JSON.stringify(timed));
      assert.match(timed.count, /^1 of \d+$/, timed.count);
      await b.keys("Escape");
      // The last rows are reachable and drawn.
      await cell(b, 99999, "name");
      const rows = (await b.$$(".grid .row")).length;
      assert.ok(rows < 80, `${rows} rows in the DOM`);
      await b.saveScreenshot(path.join(OUT, "9-100k-tasks.png"));
      // "Why this date?" on the third task, which drives some 90,000: the panel counts them
      // and the chart marks those in view (rows, not names, cross from Rust), timed from the
      // click to the panel's sentence.
      await (await cell(b, 2, "name")).click();
      const t0 = Date.now();
      await (await b.$("button=Why this date?")).click();
      let said = "";
      await waitFor(
        b,
        async () => {
          const p = await b.$('[data-testid="why-driven"] p');
          said = (await p.isExisting()) ? await p.getText() : "";
          return said.includes("moves");
        },
        "what it drives",
        30000,
      );
      perf.push({ name: "why:driven", ms: Date.now() - t0, tasks: 100000, plan: "100k" });
      const count = Number(/moves (\d+) tasks/.exec(said)?.[1]);
      assert.ok(count > 50000, said);
      await waitFor(b, async () => (await b.$$(".bar.driven")).length > 0, "the driven bars marked");
    } finally {
      // The marks recorded so far, even when a check failed.
      perf.push(...((await perfEntries(b).catch(() => [])) ?? []).map((e) => ({ ...e, plan: "100k" })));
      await b.deleteSession().catch(() => {});
    }
  });
}
