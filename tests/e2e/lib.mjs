// Shared by the E2E suites: the tauri-driver process, WebDriver sessions on the real debug
// app, the scenario runner, and helpers for the grid.
//
// Environment:
//   ADMIRAL_APP, ADMIRAL_CLI   the binaries (default target/debug/…)
//   ADMIRAL_E2E_PORT           tauri-driver's port (default 4444; WebKitWebDriver uses +1),
//                              so that two runs can share a machine

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const APP = process.env.ADMIRAL_APP ?? path.join(root, "target/debug/admiral-desktop");
export const CLI = process.env.ADMIRAL_CLI ?? path.join(root, "target/debug/admiral");
export const OUT = path.join(root, "artifacts/e2e");
export const ROW_H = 24;
const PORT = Number(process.env.ADMIRAL_E2E_PORT ?? 4444);
fs.mkdirSync(OUT, { recursive: true });

// A private home for the app's config (recent files) and data (the demo plan).
export const home = fs.mkdtempSync(path.join(os.tmpdir(), "admiral-e2e-"));
const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, "config"), XDG_DATA_HOME: path.join(home, "data") };

let driver = null;
let driverExit = null;
export async function startDriver() {
  const bin = path.join(here, "node_modules/.bin/tauri-driver");
  driverExit = null;
  const d = spawn(bin, ["--port", String(PORT), "--native-port", String(PORT + 1)], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  d.on("exit", (code, signal) => {
    if (driver === d) driverExit = signal ?? `code ${code}`;
  });
  driver = d;
  process.on("exit", () => driver?.kill());
  await new Promise((r) => setTimeout(r, 1500));
}
export function stopDriver() {
  driver?.kill();
  driver = null;
}

export const results = [];
export const perf = [];

export async function session(args = []) {
  // tauri-driver ended between sessions (seen once on a fresh Debian 12 under heavy load:
  // "connection refused" for the next session): say how it ended, and start it again.
  if (driverExit !== null) {
    console.log(`tauri-driver had exited (${driverExit}); starting it again`);
    await startDriver();
  }
  const options = {
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "error",
    connectionRetryCount: 2,
    // WebKitWebDriver speaks classic WebDriver only (no BiDi).
    capabilities: { browserName: "wry", "wdio:enforceWebDriverClassic": true, "tauri:options": { application: APP, args } },
  };
  let b;
  try {
    b = await remote(options);
  } catch (e) {
    // Debian's WebKitWebDriver can crash between sessions (a segfault in the kernel log,
    // seen in a CI run): tauri-driver goes with it before its exit is seen above.
    if (!/Connection refused|ECONNREFUSED/.test(String(e?.message ?? e))) throw e;
    console.log(`tauri-driver did not answer (${driverExit ?? "no exit seen"}); starting it again`);
    stopDriver();
    await startDriver();
    b = await remote(options);
  }
  // Without a GPU the app draws with WebKit's CPU path (src-tauri/src/rendering.rs), where
  // WebKitWebDriver's screenshot waits for the next paint: on a page that has stopped
  // changing (the start screen) it would wait for ever. The page repaints itself until the
  // screenshot is in (a nudge sent from here would queue behind the screenshot's request).
  b.overwriteCommand("takeScreenshot", async (takeScreenshot) => {
    await b.execute(() => {
      window.__admiralNudge = setInterval(() => {
        const s = document.body.style;
        s.opacity = s.opacity ? "" : "0.999";
      }, 100);
    });
    try {
      return await takeScreenshot();
    } finally {
      await b
        .execute(() => {
          clearInterval(window.__admiralNudge);
          document.body.style.opacity = "";
        })
        .catch(() => {});
    }
  });
  return b;
}

export async function scenario(name, f) {
  const t0 = Date.now();
  try {
    await f();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: String(e?.stack ?? e) });
    console.log(`FAIL ${name}\n     ${String(e?.stack ?? e).split("\n").slice(0, 6).join("\n     ")}`);
  }
}

export const shot = (b, name) => b.saveScreenshot(path.join(OUT, name));
export const snapshot = (b) => b.execute(() => window.__admiralSnapshot?.() ?? null);
/** The forecast finish of release `r` (by its position in the plan). */
export const releaseFinish = async (b, r = 0) => (await snapshot(b)).schedule.releases[r].finish;
export const perfEntries = (b) => b.execute(() => window.__admiralPerf ?? []);

/**
 * From the app's launch to the first painted screen of the plan named on its command line:
 * the page's own `startup-open` runs from the page's start, after the process and WebKit's
 * have started (and, since `open_at_start`, while Rust reads the plan). `launchedAt` is
 * `Date.now()` just before the WebDriver session that starts the app was asked for.
 */
export async function launchEntry(b, launchedAt) {
  await waitFor(b, async () => (await perfEntries(b)).some((e) => e.name === "startup-open"), "the first paint", 120000);
  const { origin, e } = await b.execute(() => ({
    origin: performance.timeOrigin,
    e: window.__admiralPerf.find((x) => x.name === "startup-open"),
  }));
  return { name: "launch-open", ms: Math.round(origin + e.ms - launchedAt), tasks: e.tasks };
}

export async function waitFor(b, cond, what, timeout = 8000) {
  await b.waitUntil(cond, { timeout, timeoutMsg: `timed out waiting for ${what}` });
}

/** Opens the demo plan from the start screen and waits for the grid. */
export async function openDemo(b) {
  const open = await b.$('[data-testid="open-demo"]');
  await open.waitForClickable({ timeout: 15000 });
  await open.click();
  await (await b.$(".grid .row")).waitForExist({ timeout: 15000 });
}

/** Switches to the view whose sidebar entry has data-testid `nav-${name}`. */
export async function showView(b, name) {
  await (await b.$(`[data-testid="nav-${name}"]`)).click();
  await (await b.$(`[data-testid="view-${name}"]`)).waitForDisplayed({ timeout: 5000 });
}

/** Scrolls the grid so that row `i` is visible and returns that row's cell for `key`. */
export async function cell(b, i, key) {
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

export async function editCell(b, i, key, text) {
  const c = await cell(b, i, key);
  await c.click();
  await b.keys("Enter");
  const input = await b.$("input.editor");
  await input.waitForExist({ timeout: 3000 });
  // The editor opens with its text selected; typing replaces it. (WebDriver's element
  // clear would blur the editor, which commits it.) A character repeated within one call
  // reaches the page once ("11d" arrived as "1d": the page saw a single "1"), so the keys go
  // in runs split where a key repeats; otherwise in one call, the last key and Enter close
  // together as a person types them (a call per key adds a round trip the timings then show).
  let run = [];
  for (const key of text.length ? [...text, "Enter"] : ["Backspace", "Enter"]) {
    if (run.at(-1) === key) {
      await b.keys(run);
      run = [];
    }
    run.push(key);
  }
  await b.keys(run);
  await b.waitUntil(async () => !(await (await b.$("input.editor")).isExisting()), { timeout: 5000 });
}

/** Working days of `cal` (a plan calendar) after a's day up to and including b's day. */
export function workingDaysBetween(cal, a, b) {
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
