// Admiral's end-to-end tests: the real debug app in WebKitWebDriver (through tauri-driver),
// under Xvfb. Run by `bash scripts/desktop.sh e2e`, which builds the app and starts Xvfb.
//
// Each scenario saves a screenshot to artifacts/e2e/. Timings the app records itself
// (open → first paint, edit → repaint) are printed and written to artifacts/e2e/perf.json.

import { spawn, execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APP = process.env.ADMIRAL_APP ?? path.join(root, "target/debug/admiral-desktop");
const CLI = process.env.ADMIRAL_CLI ?? path.join(root, "target/debug/admiral");
const OUT = path.join(root, "artifacts/e2e");
const ROW_H = 24;
fs.mkdirSync(OUT, { recursive: true });

// A private home for the app's config (recent files) and data (the demo plan).
const home = fs.mkdtempSync(path.join(os.tmpdir(), "admiral-e2e-"));
const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, "config"), XDG_DATA_HOME: path.join(home, "data") };

const driverBin = path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules/.bin/tauri-driver");
const driver = spawn(driverBin, ["--port", "4444"], { env, stdio: ["ignore", "inherit", "inherit"] });
process.on("exit", () => driver.kill());
await new Promise((r) => setTimeout(r, 1500));

const results = [];
const perf = [];
let failed = 0;

async function session(args = []) {
  return remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "error",
    connectionRetryCount: 2,
    // WebKitWebDriver speaks classic WebDriver only (no BiDi).
    capabilities: { browserName: "wry", "wdio:enforceWebDriverClassic": true, "tauri:options": { application: APP, args } },
  });
}

async function scenario(name, f) {
  const t0 = Date.now();
  try {
    await f();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    results.push({ name, ok: false, error: String(e?.stack ?? e) });
    console.log(`FAIL ${name}\n     ${String(e?.stack ?? e).split("\n").slice(0, 6).join("\n     ")}`);
  }
}

const snapshot = (b) => b.execute(() => window.__admiralSnapshot?.() ?? null);
const releaseFinish = async (b) => (await snapshot(b)).schedule.releases[0].finish;
const perfEntries = (b) => b.execute(() => window.__admiralPerf ?? []);

/** Scrolls the grid so that row `i` is visible and returns that row's cell for `key`. */
async function cell(b, i, key) {
  await b.execute(
    (top) => {
      const body = document.querySelector(".grid .body");
      body.scrollTop = top;
      body.dispatchEvent(new Event("scroll"));
    },
    Math.max(0, i * ROW_H - 120),
  );
  const c = await b.$(`.grid .row[aria-rowindex="${i + 1}"] .cell.${key}`);
  await c.waitForExist({ timeout: 5000 });
  return c;
}

async function editCell(b, i, key, text) {
  const c = await cell(b, i, key);
  await c.click();
  await b.keys("Enter");
  const input = await b.$("input.editor");
  await input.waitForExist({ timeout: 3000 });
  // The editor opens with its text selected; typing replaces it. (WebDriver's element
  // clear would blur the editor, which commits it.)
  await b.keys(text.length ? [...text, "Enter"] : ["Backspace", "Enter"]);
  await b.waitUntil(async () => !(await (await b.$("input.editor")).isExisting()), { timeout: 5000 });
}

async function waitFor(b, cond, what, timeout = 8000) {
  await b.waitUntil(cond, { timeout, timeoutMsg: `timed out waiting for ${what}` });
}

/** Working days of `cal` (a plan calendar) after a's day up to and including b's day. */
function workingDaysBetween(cal, a, b) {
  const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  const off = (d) => {
    const ex = cal.exceptions.findLast((e) => day(e.start) <= d && d <= day(e.finish));
    if (ex) return ex.working.length === 0;
    return cal.week[(new Date(d).getUTCDay() + 6) % 7].length === 0;
  };
  let n = 0;
  for (let d = day(a) + 86400000; d <= day(b); d += 86400000) if (!off(d)) n++;
  return n;
}

const b = await session();
let finish0, finish1, demoPath;
try {
  await scenario("1. open the demo: grid and Gantt show its tasks", async () => {
    const open = await b.$('[data-testid="open-demo"]');
    await open.waitForClickable({ timeout: 15000 });
    await open.click();
    await (await b.$(".grid .row")).waitForExist({ timeout: 15000 });
    const s = await snapshot(b);
    assert.equal(s.plan.tasks.length, 113);
    const rows = await b.$$(".grid .row");
    assert.ok(rows.length >= 20, `only ${rows.length} rows rendered`);
    assert.ok(rows.length < 113, "rows are virtualised");
    const firstName = await (await b.$('.grid .row[aria-rowindex="1"] .cell.name')).getText();
    assert.equal(firstName.replace(/^[▾◆\s]+/, ""), s.plan.tasks[0].name);
    const bars = await b.$$("[data-task-bar]");
    assert.ok(bars.length >= 20, `only ${bars.length} Gantt bars`);
    assert.ok((await b.$$("path.link")).length > 10, "dependency arrows are drawn");
    assert.ok((await b.$$(".bar.critical")).length > 0, "the critical path is highlighted");
    assert.match(await b.getTitle(), /demo\.admiral/);
    demoPath = s.path;
    finish0 = s.schedule.releases[0].finish;
    await b.saveScreenshot(path.join(OUT, "1-demo-plan.png"));
  });

  await scenario("2. a longer critical task moves the release finish by as much", async () => {
    const s = await snapshot(b);
    // The critical task that finishes last before the release finish, with a working duration.
    const path_ = s.schedule.criticalPath;
    const idx = path_
      .map((id) => s.plan.tasks.findIndex((t) => t.id === id))
      .filter((i) => !s.schedule.rows[i].milestone && s.plan.tasks[i].duration.type === "working");
    const i = idx[Math.floor(idx.length / 2)];
    const t = s.plan.tasks[i];
    const days = t.duration.minutes / 480;
    await editCell(b, i, "duration", `${days + 5}d`);
    await waitFor(b, async () => (await releaseFinish(b)) !== finish0, "the finish to move");
    finish1 = await releaseFinish(b);
    // Counted on the calendar of the task that finishes the release (holidays included).
    const after = await snapshot(b);
    const lastRow = after.schedule.rows.reduce((m, r, k) => (r.finish > after.schedule.rows[m].finish ? k : m), 0);
    const calId =
      after.plan.tasks[lastRow].calendar_id ?? after.plan.releases[0].calendar_id ?? after.plan.settings.default_calendar;
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
    assert.equal(after.schedule.releases[0].finish, finish1);
    assert.equal(await (await cell(b, p, "predecessors")).getText(), before);
    await b.saveScreenshot(path.join(OUT, "3-cycle-refused.png"));
    await (await b.$('[data-testid="error"] button')).click();
  });

  await scenario("4. undo and redo", async () => {
    await (await b.$('[data-testid="undo"]')).click();
    await waitFor(b, async () => (await releaseFinish(b)) === finish0, "undo to restore the finish");
    await b.saveScreenshot(path.join(OUT, "4a-undone.png"));
    // Keyboard: Ctrl+Y redoes.
    await (await b.$(".grid")).click();
    await b.keys(["Control", "y"]);
    await waitFor(b, async () => (await releaseFinish(b)) === finish1, "redo to bring the edit back");
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
    assert.equal(s.schedule.releases[0].finish, finish1);
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
    await b.saveScreenshot(path.join(OUT, "6-why-this-date.png"));
    await (await b.$('[data-testid="why-panel"] button[aria-label="Close"]')).click();
    await (await b.$("button=Month")).click();
    await (await cell(b, 0, "name")).click();
    await b.saveScreenshot(path.join(OUT, "7-month-zoom.png"));
    await (await b.$("button=Week")).click();
    await (await b.$('[data-testid="tab-overview"]')).click();
    await (await b.$('[data-testid="overview"]')).waitForDisplayed({ timeout: 5000 });
    await b.saveScreenshot(path.join(OUT, "8-overview.png"));
    await (await b.$("button=Plan")).click();
    // The cutover: blackout windows, a deployment weekend, gates and the critical path.
    await (await cell(b, 99, "name")).click();
    await b.saveScreenshot(path.join(OUT, "0-cutover.png"));
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

// Speed at 10k tasks: the app records its own marks; the plan comes from the CLI.
const big = path.join(home, "big-10k.admiral");
await scenario("speed: open a 10k-task plan and edit a duration", async () => {
  execFileSync(CLI, ["demo", big, "--tasks", "10000", "--force"], { stdio: "ignore" });
  const s10 = await session([big]);
  try {
    await (await s10.$(".grid .row")).waitForExist({ timeout: 60000 });
    const s = await snapshot(s10);
    assert.equal(s.plan.tasks.length, 10000);
    const i = s.schedule.rows.findIndex((r, k) => !r.summary && !r.milestone && k > 40);
    for (let k = 0; k < 3; k++) {
      const t = (await snapshot(s10)).plan.tasks[i];
      await editCell(s10, i, "duration", `${t.duration.minutes / 480 + 1}d`);
      await waitFor(s10, async () => (await perfEntries(s10)).filter((e) => e.name === "edit").length > k, "the edit");
    }
    // Scroll to the middle and the end: the virtual window keeps the DOM small.
    await cell(s10, 5000, "name");
    await cell(s10, 9999, "name");
    const rows = (await s10.$$(".grid .row")).length;
    assert.ok(rows < 80, `${rows} rows in the DOM`);
    await s10.saveScreenshot(path.join(OUT, "9-10k-tasks.png"));
    perf.push(...(await perfEntries(s10)).map((e) => ({ ...e, plan: "10k" })));
  } finally {
    await s10.deleteSession().catch(() => {});
  }
});

driver.kill();
fs.writeFileSync(path.join(OUT, "perf.json"), JSON.stringify({ results, perf }, null, 2));
console.log("\nTimings recorded by the app (ms from start to painted screen; :ipc = until Rust answered):");
for (const p of perf) console.log(`  ${p.plan.padEnd(5)} ${p.name.padEnd(18)} ${String(p.ms).padStart(8)} ms  (${p.tasks} tasks)`);
console.log(`\n${results.length - failed} passed, ${failed} failed; screenshots in ${path.relative(root, OUT)}/`);
fs.rmSync(home, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
