// The Calendars and Resources views: a month calendar with a blackout window and the
// deployments that keep out of it, a holiday added through the UI (and undone), a rate edited
// and an assignment added.

import assert from "node:assert/strict";
import { openDemo, releaseFinish, scenario, session, shot, showView, snapshot, waitFor } from "../lib.mjs";

const day = (b, date) => b.$(`.day[data-date="${date}"]`);
const kindOf = async (b, date) => (await day(b, date)).getAttribute("data-kind");

export async function run() {
  const b = await session();
  try {
    await openDemo(b);

    await scenario("calendars: the months show holidays, blackout windows and deployments outside them", async () => {
      await showView(b, "calendars");
      // The release calendar, opened on the months of the first blackout window.
      await waitFor(b, async () => (await kindOf(b, "2027-03-26")) === "holiday", "the month grid to be classified");
      const s = await snapshot(b);
      const pick = await (await b.$('[data-testid="calendar-pick"]')).getValue();
      assert.equal(pick, s.plan.releases[0].calendar_id);
      // Good Friday: a Hesse holiday inside the quarter-end & Easter freeze.
      const goodFriday = await day(b, "2027-03-26");
      assert.match(await goodFriday.getAttribute("class"), /\bblackout\b/);
      assert.equal(await kindOf(b, "2027-03-27"), "non_working");
      assert.equal(await kindOf(b, "2027-03-24"), "working");
      // Every deployment is drawn on its days, and none of those days is in a blackout.
      const chips = await b.$$('[data-testid="deployment-chip"]');
      assert.ok(chips.length >= 3, `${chips.length} deployment days shown`);
      const onBlackout = await b.execute(() =>
        [...document.querySelectorAll('[data-testid="deployment-chip"]')]
          .map((c) => c.closest(".day"))
          .filter((d) => d.classList.contains("blackout"))
          .map((d) => d.dataset.date),
      );
      assert.deepEqual(onBlackout, [], "deployments shown on blackout days");
      const list = await b.$$('[data-testid="deployment"]');
      const deployments = s.plan.tasks.filter((t) => t.kind === "deployment");
      assert.equal(list.length, deployments.length);
      for (const d of list) assert.match(await d.getText(), /clear of blackouts/);
      // The cutover weekend, Saturday 8 May, right after the May Day freeze (1–3 May).
      assert.ok(await (await (await day(b, "2027-05-08")).$('[data-testid="deployment-chip"]')).isExisting());
      assert.match(await (await day(b, "2027-05-03")).getAttribute("class"), /\bblackout\b/);
      await shot(b, "calendars.png");

      // A deployment in the list jumps to its row in the plan.
      const cutover = deployments.find((t) => t.name === "Deploy Payments API");
      const item = list[deployments.indexOf(cutover)];
      await item.click();
      await (await b.$('[data-testid="view-plan"]')).waitForDisplayed({ timeout: 5000 });
      const row = await b.$(".grid .row.selected .cell.name");
      await waitFor(b, async () => (await row.getText()).includes(cutover.name), "the deployment's row to be selected");
      await showView(b, "calendars");
      await waitFor(b, async () => (await kindOf(b, "2027-03-26")) === "holiday", "the month grid again");
    });

    await scenario("calendars: a holiday added on a working day of the release's last long task moves its finish; undo removes it", async () => {
      const s = await snapshot(b);
      const finish0 = s.schedule.releases[0].finish;
      // Wednesday 12 May 2027 lies inside Hypercare, the first release's last long task, on
      // this calendar.
      const i = s.plan.tasks.findIndex((t) => t.name === "Hypercare" && t.outline_level === 3);
      const row = s.schedule.rows[i];
      assert.ok(row.start < "2027-05-12" && row.finish > "2027-05-13", "Hypercare spans 12 May");
      assert.equal(await kindOf(b, "2027-05-12"), "working");
      // Clicking the day starts a holiday on it.
      await (await day(b, "2027-05-12")).click();
      assert.equal(await (await b.$('[data-testid="exc-from"]')).getValue(), "2027-05-12");
      await (await b.$('[data-testid="exc-name"]')).setValue("Works council day");
      await (await b.$('[data-testid="exc-add"]')).click();
      await waitFor(b, async () => (await releaseFinish(b)) !== finish0, "the release finish to move");
      assert.ok((await releaseFinish(b)) > finish0, "a day off makes the release later");
      const after = await snapshot(b);
      const cal = after.plan.calendars.find((c) => c.id === after.plan.releases[0].calendar_id);
      assert.ok(
        cal.exceptions.some((e) => e.name === "Works council day" && e.start === "2027-05-12" && e.working.length === 0),
        "the calendar holds the holiday",
      );
      await waitFor(b, async () => (await kindOf(b, "2027-05-12")) === "holiday", "the day to show as a holiday");
      const rows = await b.$$('[data-testid="exception-row"][data-start="2027-05-12"]');
      assert.equal(rows.length, 1);
      await shot(b, "calendars-holiday.png");

      // Ctrl+Z from the Calendars view (the toolbar's Undo button lives on the Plan view).
      await (await b.$('[data-testid="months-title"]')).click();
      await b.keys(["Control", "z"]);
      await waitFor(b, async () => (await releaseFinish(b)) === finish0, "undo to restore the finish");
      await waitFor(b, async () => (await kindOf(b, "2027-05-12")) === "working", "the holiday to go");
      const undone = await snapshot(b);
      const cal0 = undone.plan.calendars.find((c) => c.id === undone.plan.releases[0].calendar_id);
      assert.ok(!cal0.exceptions.some((e) => e.name === "Works council day"));
    });

    await scenario("calendars: bad working hours are refused with the reason, nothing saved", async () => {
      const before = (await snapshot(b)).plan.calendars;
      // Typed as a whole (WebDriver key events drop repeated characters such as "00").
      await b.execute(() => {
        const input = document.querySelector('[data-testid="hours-0"]');
        input.value = "08:00-12:00, 11:00-17:00";
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      const err = await b.$('[data-testid="hours-error"]');
      await err.waitForDisplayed({ timeout: 3000 });
      assert.match(await err.getText(), /Monday: '11:00-17:00' overlaps/);
      assert.deepEqual((await snapshot(b)).plan.calendars, before);
      assert.equal(await (await b.$('[data-testid="hours-0"]')).getValue(), "08:00-12:00, 11:00-17:00", "the text stays to be fixed");
      await (await b.$('[data-testid="hours-0"]')).click();
      await b.keys(["Escape"]);
      await waitFor(b, async () => !(await (await b.$('[data-testid="hours-error"]')).isExisting()), "Escape to drop the draft");
    });

    await scenario("resources: edit a rate, add an assignment; work, cost and load come back", async () => {
      await showView(b, "resources");
      const s = await snapshot(b);
      const res = s.plan.resources.find((r) => r.name === "Katharina Weiß");
      const row = await b.$(`tr[data-resource="${res.id}"]`);
      await row.waitForDisplayed({ timeout: 5000 });
      await (await row.$("input.name")).click();
      await waitFor(
        b,
        async () => (await (await b.$('[data-testid="detail-name"]')).getText()) === res.name,
        "the resource to be selected",
      );
      await waitFor(b, async () => (await b.$$('[data-testid="assignment-row"]')).length > 0, "its assignments");
      const n0 = (await b.$$('[data-testid="assignment-row"]')).length;
      assert.equal(n0, s.plan.assignments.filter((a) => a.resource_id === res.id).length);

      // The rate: 95 → 120 per hour.
      const rate = await row.$("input.rate");
      await rate.click();
      await b.keys(["Control", "a"]);
      await b.keys([..."120", "Tab"]);
      await waitFor(
        b,
        async () => (await snapshot(b)).plan.resources.find((r) => r.id === res.id).cost_rate === 12000,
        "the new rate to be saved",
      );

      // Assign her half-time to a task she is not on.
      const rows = s.schedule.rows;
      const task = s.plan.tasks.find(
        (t, i) =>
          !rows[i].summary &&
          !rows[i].milestone &&
          t.duration.minutes >= 480 &&
          !s.plan.assignments.some((a) => a.task_id === t.id && a.resource_id === res.id),
      );
      await (await b.$('[data-testid="asg-task"]')).setValue(String(task.number));
      const units = await b.$('[data-testid="asg-units"]');
      await units.click();
      await b.keys(["Control", "a"]);
      await b.keys([..."50%"]);
      await (await b.$('[data-testid="asg-add"]')).click();
      await waitFor(b, async () => (await b.$$('[data-testid="assignment-row"]')).length === n0 + 1, "the new assignment");
      const after = await snapshot(b);
      const a = after.plan.assignments.find((x) => x.task_id === task.id && x.resource_id === res.id);
      assert.equal(a.units, 0.5);
      const line = await b.$(`[data-testid="assignment-row"][data-task="${task.id}"]`);
      const text = await line.getText();
      // Work is units × duration in hours; cost is work × the new rate (from Rust).
      const hours = (0.5 * task.duration.minutes) / 60;
      assert.ok(text.includes(`${hours.toLocaleString("en-US")}h`), text);
      assert.ok(text.includes((hours * 120).toLocaleString("en-US")), text);
      assert.ok((await b.$$(".chart rect.bar")).length > 4, "weekly load bars are drawn");
      await shot(b, "resources.png");
    });

    await scenario("resources: a name of invisible characters is refused with the reason, nothing saved; a rename is audited by name", async () => {
      await showView(b, "resources");
      const s = await snapshot(b);
      const res = s.plan.resources.find((r) => r.name === "Zoë Martin");
      const input = await b.$(`tr[data-resource="${res.id}"] input.name`);
      await input.waitForDisplayed({ timeout: 5000 });
      // Typed (or pasted) as the editor takes it: the whole value, then the change.
      const type = (text) =>
        b.execute(
          (id, text) => {
            const i = document.querySelector(`tr[data-resource="${id}"] input.name`);
            i.value = text;
            i.dispatchEvent(new Event("change", { bubbles: true }));
          },
          res.id,
          text,
        );
      await type("\u200b\u200d");
      const banner = await b.$('[data-testid="error"]');
      await banner.waitForDisplayed({ timeout: 5000 });
      assert.match(await banner.getText(), /only invisible characters \(U\+200B first\)/);
      assert.equal((await snapshot(b)).plan.resources.find((r) => r.id === res.id).name, "Zoë Martin");
      await waitFor(b, async () => (await input.getValue()) === "Zoë Martin", "the name shown again");
      await shot(b, "resources-name-refused.png");
      await type("Zoë Martin-Dupont");
      await waitFor(b, async () => (await snapshot(b)).plan.resources.find((r) => r.id === res.id).name === "Zoë Martin-Dupont", "the rename saved");
      await showView(b, "audit");
      await waitFor(
        b,
        async () => (await b.$$('[data-testid="audit-entry"]')).length > 0,
        "the audit log",
      );
      const first = await (await b.$('[data-testid="audit-entry"]')).getText();
      assert.ok(first.includes("Rename resource 'Zoë Martin' to 'Zoë Martin-Dupont'"), first);
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
