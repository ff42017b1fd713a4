// The risk register and what-if scenarios: the register with its heat map, a contingency
// scenario made from a risk and compared with the baseline, the Gantt overlay, and renaming
// and deleting a scenario.

import assert from "node:assert/strict";
import { openDemo, scenario, session, shot, showView, snapshot, waitFor } from "../lib.mjs";

/** Calls a command as the UI does and returns its result (or `{ error }`). */
const invoke = (b, cmd, args) =>
  b.executeAsync(
    (cmd, args, done) => window.__TAURI_INTERNALS__.invoke(cmd, args).then(done, (e) => done({ error: e })),
    cmd,
    args,
  );

/** Types `text` one key per action: WebKitWebDriver drops a key repeated within one action
 *  ("112" arrives as "12"). */
async function type(b, text) {
  for (const ch of text) await b.keys(ch);
}

/** Replaces an input's text as a person would (select it all, type, Enter). */
async function retype(b, input, text) {
  await input.click();
  await b.execute((el) => el.select(), input);
  await type(b, text);
  await b.keys("Enter");
}

export async function run() {
  const b = await session();
  let risk, critical, created;
  try {
    await scenario("risks: sortable register, heat map filter, linked tasks", async () => {
      await openDemo(b);
      await showView(b, "risks");
      const s = await snapshot(b);
      await waitFor(b, async () => (await b.$$("[data-testid=risks] tr[data-risk]")).length === s.plan.risks.length, "the register rows");
      // Every active risk is in exactly one heat-map cell.
      const active = s.plan.risks.filter((r) => r.status === "open" || r.status === "mitigating").length;
      await waitFor(b, async () => (await b.$$('[data-testid^="heat-cell-"]')).length === 25, "25 heat-map cells");
      const counts = await b.execute(() =>
        [...document.querySelectorAll('[data-testid^="heat-cell-"]')].map((c) => Number(c.dataset.count)),
      );
      assert.equal(
        counts.reduce((a, c) => a + c, 0),
        active,
      );

      // Sorting by title, then back to exposure (largest first).
      await (await b.$('[data-testid="sort-title"]')).click();
      const titles = await b.execute(() =>
        [...document.querySelectorAll("[data-testid=risks] tr[data-risk] td.title input")].map((i) => i.value),
      );
      assert.deepEqual(titles, [...titles].sort((a, c) => a.toLowerCase().localeCompare(c.toLowerCase())));
      await (await b.$('[data-testid="sort-exposure"]')).click();
      const first = await b.execute(() => document.querySelector("[data-testid=risks] tr[data-risk]").dataset.risk);
      const top = [...s.plan.risks].sort((a, c) => c.probability * c.schedule_impact - a.probability * a.schedule_impact)[0];
      assert.equal(first, top.id);

      // A cell filters the table to its risks; clicking it again shows them all.
      const k = counts.findIndex((c) => c > 0);
      const cells = await b.$$('[data-testid^="heat-cell-"]');
      await cells[k].click();
      await waitFor(b, async () => (await b.$$("[data-testid=risks] tr[data-risk]")).length === counts[k], "the filtered rows");
      await cells[k].click();
      await waitFor(b, async () => (await b.$$("[data-testid=risks] tr[data-risk]")).length === s.plan.risks.length, "every row again");

      // No demo risk names a critical task: link the release's last critical task (by number)
      // to the pen-test risk, as a planner would.
      risk = s.plan.risks.find((r) => r.title === "Security pen-test findings");
      const i = s.schedule.criticalPath
        .map((id) => s.plan.tasks.findIndex((t) => t.id === id))
        .filter((i) => !s.schedule.rows[i].milestone && s.plan.tasks[i].duration.type === "working")
        .at(-1);
      critical = s.plan.tasks[i];
      const add = await b.$(`tr[data-risk="${risk.id}"] [data-testid="link-task"]`);
      await add.click();
      await type(b, String(critical.number));
      await b.keys("Enter");
      await waitFor(
        b,
        async () => (await snapshot(b)).plan.risks.find((r) => r.id === risk.id).task_ids.includes(critical.id),
        "the task to be linked",
      );
      const chips = await b.$$(`tr[data-risk="${risk.id}"] [data-testid="task-chip"]`);
      assert.equal(chips.length, risk.task_ids.length + 1);
      assert.equal(await chips.at(-1).getText(), `#${critical.number}`);
      await shot(b, "risks-register.png");
    });

    await scenario("contingency scenario from a risk: the comparison shows the finish delta", async () => {
      const before = (await snapshot(b)).plan.scenarios.length;
      await (await b.$(`tr[data-risk="${risk.id}"] [data-testid="contingency"]`)).click();
      await (await b.$('[data-testid="view-scenarios"]')).waitForDisplayed({ timeout: 5000 });
      const s = await snapshot(b);
      assert.equal(s.plan.scenarios.length, before + 1);
      created = s.plan.scenarios.at(-1);
      assert.equal(created.from_risk, risk.id);
      assert.deepEqual(created.overrides, [{ type: "fire_risk", risk: risk.id }]);
      const delta = await b.$(`[data-testid="finish-delta"][data-scenario="${created.id}"]`);
      await delta.waitForDisplayed({ timeout: 8000 });
      // Only the new scenario is compared.
      assert.equal((await b.$$('[data-testid="finish-delta"]')).length, 1);
      const shown = Number(await delta.getAttribute("data-days"));
      const c = await invoke(b, "compare_scenarios", { ids: [created.id] });
      assert.ok(!c.error, JSON.stringify(c.error));
      assert.equal(shown, c.scenarios[0].finish_delta_days);
      assert.ok(shown > 0, `the risk hits a critical task, so the finish moves (${shown})`);
      // Its impact lands on a critical task: the finish moves by at least the part beyond its float (0).
      assert.ok(shown >= risk.schedule_impact / 480 - 0.01, `${shown} < ${risk.schedule_impact / 480}`);
      assert.equal(await delta.getText(), `+${shown.toFixed(1)}d`);
      assert.equal(c.baseline.finish, s.schedule.finish);
      // The name field shows the new scenario, selected.
      assert.equal(await (await b.$('[data-testid="scenario-name"]')).getValue(), created.name);
      await shot(b, "scenario-compare.png");

      await (await b.$('[data-testid="tab-overlay"]')).click();
      const o = await b.$('[data-testid="scenario-overlay"]');
      await o.waitForDisplayed({ timeout: 8000 });
      const row = await b.$(`[data-overlay-row="${critical.number}"]`);
      await row.waitForExist({ timeout: 5000 });
      assert.ok((await b.$$("svg rect.scen.moved")).length > 0, "moved bars are drawn");
      assert.ok((await b.$$("svg rect.base")).length > 0, "baseline bars are drawn");
      await shot(b, "scenario-overlay.png");
      await (await b.$('[data-testid="tab-compare"]')).click();
    });

    await scenario("rename and delete a scenario", async () => {
      const name = await b.$('[data-testid="scenario-name"]');
      await retype(b, name, "Pen-test finds a blocker");
      await waitFor(
        b,
        async () => (await snapshot(b)).plan.scenarios.find((x) => x.id === created.id)?.name === "Pen-test finds a blocker",
        "the rename",
      );
      // A name another scenario has is refused, by name, and nothing changes.
      const other = (await snapshot(b)).plan.scenarios[0].name;
      await retype(b, await b.$('[data-testid="scenario-name"]'), other);
      const err = await b.$('[data-testid="error"]');
      await err.waitForDisplayed({ timeout: 5000 });
      assert.match(await err.getText(), new RegExp(`already has a scenario '${other}'`));
      assert.equal((await snapshot(b)).plan.scenarios.find((x) => x.id === created.id).name, "Pen-test finds a blocker");
      await (await b.$('[data-testid="error"] button')).click();

      const before = (await snapshot(b)).plan.scenarios.length;
      await (await b.$('[data-testid="delete-scenario"]')).click();
      await waitFor(b, async () => (await snapshot(b)).plan.scenarios.length === before - 1, "the delete");
      assert.ok(!(await snapshot(b)).plan.scenarios.some((x) => x.id === created.id));
      assert.equal(await b.$(`li[data-scenario="Pen-test finds a blocker"]`).isExisting(), false);
      await shot(b, "scenario-deleted.png");
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
