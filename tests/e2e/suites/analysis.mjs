// Schedule risk (Monte Carlo with progress and cancel), the PDF report dialog and MS Project
// import. Native file dialogs cannot be driven through WebDriver: the app takes the path
// from `window.__admiralDialogPath` instead when a test sets it (ui/src/lib/dialogs.ts).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CLI, home, openDemo, root, scenario, session, shot, showView, snapshot, waitFor } from "../lib.mjs";

const FIXTURE = path.join(root, "tests/fixtures/mspdi/mpxj__sample.xml");

async function setInput(b, testid, value) {
  const input = await b.$(`[data-testid="${testid}"]`);
  await input.waitForEnabled({ timeout: 5000 });
  await input.setValue(String(value));
  await waitFor(b, async () => (await input.getValue()) === String(value), `${testid} = ${value}`);
}

const progress = async (b) => {
  const p = await b.$('[data-testid="mc-progress"]');
  return { done: Number(await p.getAttribute("data-done")), total: Number(await p.getAttribute("data-total")) };
};

export async function run() {
  const b = await session();
  try {
    await scenario("analysis 3. Monte Carlo with seed 42: progress reaches 100 % and P80 equals the CLI's", async () => {
      await openDemo(b);
      const planPath = (await snapshot(b)).path;
      await showView(b, "montecarlo");
      await setInput(b, "mc-iterations", 2000);
      await setInput(b, "mc-seed", 42);
      await (await b.$('[data-testid="mc-run"]')).click();
      const p80 = await b.$('[data-testid="mc-p80"]');
      await p80.waitForExist({ timeout: 60000 });
      const pr = await progress(b);
      assert.deepEqual(pr, { done: 2000, total: 2000 });
      assert.equal(await (await b.$('[data-testid="mc-progress"]')).getAttribute("aria-valuenow"), "100");
      assert.match(await (await b.$('[data-testid="mc-progress"]')).getText(), /2,000 of 2,000 iterations · 100 %/);
      const cli = JSON.parse(
        execFileSync(CLI, ["simulate", planPath, "--iterations", "2000", "--seed", "42", "--json"], { encoding: "utf8" }),
      );
      assert.equal(await p80.getAttribute("data-value"), cli.percentiles.p80);
      assert.equal(await (await b.$('[data-testid="mc-p50"]')).getAttribute("data-value"), cli.percentiles.p50);
      assert.equal(
        await (await b.$('[data-testid="mc-probability"]')).getText(),
        `${Math.round(cli.probability_on_target * 100)} %`,
      );
      assert.ok(!(await (await b.$('[data-testid="mc-partial"]')).isExisting()), "a full run is not marked partial");
      assert.ok((await b.$$('[data-testid="crit-row"]')).length > 5, "criticality rows");
      // The demo has three releases: the index is the first release's own, as the CLI gives it.
      assert.match(await (await b.$('[data-testid="crit-heading"]')).getText(), /path that drove R2027\.1's finish/);
      assert.match(await (await b.$('[data-testid="drivers-heading"]')).getProperty("textContent"), /of R2027\.1, top/);
      assert.equal(cli.releases[0].sensitivity[0].key, cli.sensitivity[0].key, "the first release's list is the plan's");
      const own = cli.releases[0].criticality;
      const firstKey = (await (await (await b.$('[data-testid="crit-row"]')).$(".key")).getProperty("textContent")).trim();
      assert.ok(firstKey !== "", "the first criticality row has a task key");
      const top = Math.max(...Object.values(own));
      assert.equal(own[firstKey], top, `task ${firstKey} has the release's highest index`);
      assert.ok((await b.$$('[data-testid="tornado-row"]')).length > 3, "tornado bars");
      await shot(b, "montecarlo.png");
      // A criticality row jumps to its task in the plan.
      const first = await b.$('[data-testid="crit-row"]');
      const key = (await (await first.$(".key")).getProperty("textContent")).trim();
      assert.ok(key !== "", "the first criticality row has a task key");
      await (await first.$(".name")).click();
      await (await b.$('[data-testid="view-plan"]')).waitForDisplayed({ timeout: 5000 });
      const selected = await b.$(".grid .row.selected");
      await selected.waitForExist({ timeout: 5000 });
      // Its text content: WebKit's driver gives "" for getText here.
      const row = await selected.getProperty("textContent");
      assert.ok(row.includes(key), `task ${key} is selected: ${row}`);
    });

    await scenario("analysis 3b. cancel a long run: the UI stays responsive and the result is marked partial", async () => {
      await showView(b, "montecarlo");
      await setInput(b, "mc-iterations", 1000000);
      await (await b.$('[data-testid="mc-run"]')).click();
      await waitFor(b, async () => (await progress(b)).done > 0, "progress", 30000);
      // While Rust simulates on its background thread, the page answers at once and views
      // switch back and forth.
      const t0 = Date.now();
      await b.execute(() => document.title);
      assert.ok(Date.now() - t0 < 1500, `the page answered in ${Date.now() - t0} ms`);
      await showView(b, "plan");
      await showView(b, "montecarlo");
      const mid = await progress(b);
      assert.ok(mid.done > 0 && mid.done < mid.total, `still running: ${mid.done} of ${mid.total}`);
      await (await b.$('[data-testid="mc-cancel"]')).click();
      const partial = await b.$('[data-testid="mc-partial"]');
      await partial.waitForExist({ timeout: 30000 });
      const text = await partial.getText();
      const m = /^Partial: ([\d,]+) of 1,000,000 iterations$/.exec(text);
      assert.ok(m, text);
      const done = Number(m[1].replace(/,/g, ""));
      assert.ok(done > 0 && done < 1000000, text);
      assert.equal((await progress(b)).done, done);
      assert.equal(
        await (await b.$('[data-testid="mc-progress"]')).getText(),
        `Cancelled after ${m[1]} of 1,000,000 iterations`,
      );
      assert.ok(await (await b.$('[data-testid="mc-run"]')).isEnabled(), "Run is offered again");
      await shot(b, "montecarlo-cancelled.png");
    });

    await scenario("analysis 4. export the PDF report through the dialog: pdfinfo reads it", async () => {
      await (await b.$('[data-testid="export-report"]')).click();
      const dialog = await b.$('[data-testid="export-dialog"]');
      await dialog.waitForDisplayed({ timeout: 5000 });
      await (await b.$('[data-testid="section-appendix"]')).waitForExist({ timeout: 5000 });
      const open = await b.$('[data-testid="open-when-done"]');
      if (await open.isSelected()) await open.click();
      await shot(b, "export-dialog.png");
      const out = path.join(home, "R2027.1-report.pdf");
      await b.execute((p) => (window.__admiralDialogPath = p), out);
      await (await b.$('[data-testid="export-go"]')).click();
      const done = await b.$('[data-testid="export-done"]');
      await done.waitForExist({ timeout: 120000 });
      assert.equal(await done.getAttribute("data-path"), out);
      assert.ok(fs.existsSync(out), "the PDF exists");
      const info = execFileSync("pdfinfo", [out], { encoding: "utf8" });
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
      assert.ok(pages >= 4, `${pages} pages`);
      assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+/, "A4");
      const audit = execFileSync(CLI, ["audit", (await snapshot(b)).path, "--json"], { encoding: "utf8" });
      assert.ok(audit.includes("R2027.1-report.pdf"), "the export is in the audit trail");
      await shot(b, "export-dialog-done.png");
      await (await dialog.$("footer button")).click();
      await dialog.waitForExist({ timeout: 5000, reverse: true });
    });

    await scenario("analysis 4b. import MS Project XML into the open plan, then as a new plan", async () => {
      const was = (await snapshot(b)).plan;
      const before = was.tasks.length;
      await b.execute((p) => (window.__admiralDialogPath = p), FIXTURE);
      await (await b.$('[data-testid="import-merge"]')).click();
      const report = await b.$('[data-testid="import-report"]');
      await report.waitForDisplayed({ timeout: 30000 });
      const added = Number(await (await b.$('[data-testid="import-count-tasks"]')).getText());
      assert.ok(added > 0);
      const after = await snapshot(b);
      assert.equal(after.plan.tasks.length, before + added);
      // The import arrives as a release of its own after the plan's.
      assert.equal(after.plan.releases.length, was.releases.length + 1);
      assert.equal(after.plan.releases.at(-1).name, "mpxj__sample");
      await shot(b, "import-report.png");
      await (await report.$("footer button")).click();
      await report.waitForExist({ timeout: 5000, reverse: true });

      // From the start screen: the XML becomes a new plan file, which opens.
      await (await b.$("button=Close")).click();
      const importNew = await b.$('[data-testid="import-new"]');
      await importNew.waitForClickable({ timeout: 10000 });
      const target = path.join(home, "imported.admiral");
      await b.execute((p) => (window.__admiralDialogPath = p), [FIXTURE, target]);
      await importNew.click();
      const report2 = await b.$('[data-testid="import-report"]');
      await report2.waitForDisplayed({ timeout: 30000 });
      const s = await snapshot(b);
      assert.equal(s.path, target);
      assert.equal(s.plan.tasks.length, added);
      assert.ok(fs.existsSync(target));
      await shot(b, "import-new-plan.png");
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
