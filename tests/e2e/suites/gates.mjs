// The gates board and the audit log: a decision recorded on the board blocks the tasks after
// a rejected gate in the plan and the overview, and lands in the audit trail, whose chain
// still verifies.

import assert from "node:assert/strict";
import { cell, openDemo, scenario, session, shot, showView, snapshot, waitFor } from "../lib.mjs";

/** The index in plan.gates of the gate whose milestone's name contains `name`, and its task. */
function gateOf(s, name) {
  const k = s.plan.gates.findIndex((g) => s.plan.tasks.find((t) => t.id === g.task_id)?.name.includes(name));
  assert.ok(k >= 0, `the demo has a gate named like ${name}`);
  const task = s.plan.tasks.find((t) => t.id === s.plan.gates[k].task_id);
  return { k, gate: s.plan.gates[k], task };
}

/** Records `decision` with `comment` for approver `a` of the gate card of task number `n`. */
async function decide(b, n, a, decision, comment) {
  const row = await b.$(`[data-testid="gate-card"][data-gate="${n}"] [data-testid="approver"][data-approver="${a}"]`);
  await row.scrollIntoView({ block: "center" });
  await (await row.$(`[data-testid="decide-${decision}"]`)).click();
  const box = await b.$(`[data-testid="gate-card"][data-gate="${n}"] [data-testid="decision-comment"]`);
  await box.waitForDisplayed({ timeout: 3000 });
  const submit = await b.$(`[data-testid="gate-card"][data-gate="${n}"] [data-testid="decision-submit"]`);
  if (decision !== "approved") assert.equal(await submit.isEnabled(), false, "a rejection or waiver needs a reason first");
  await box.setValue(comment);
  await submit.waitForEnabled({ timeout: 3000 });
  await submit.click();
  await box.waitForExist({ reverse: true, timeout: 5000 });
}

/** The tasks (not summaries) that the gate task `taskId` blocks. */
const blockedBy = (s, taskId) => s.schedule.rows.filter((r) => r.blockedByGate === taskId && !r.summary);

export async function run() {
  const b = await session();
  const reason = "Two severity-2 defects still open in SEPA returns";
  try {
    await scenario("gates 1. approve and reject on the board: successors blocked, decision audited", async () => {
      await openDemo(b);
      const s0 = await snapshot(b);
      const g2 = gateOf(s0, "Gate 2");
      const g3 = gateOf(s0, "QA sign-off");
      assert.equal(s0.gateStates[g2.k], "rejected");
      assert.ok(blockedBy(s0, g2.task.id).length > 0, "the demo's rejected Gate 2 blocks tasks");
      assert.equal(blockedBy(s0, g3.task.id).length, 0);

      await showView(b, "gates");
      const cards = await b.$$('[data-testid="gate-card"]');
      assert.equal(cards.length, s0.plan.gates.length);

      // The security officer approves the resubmitted Gate 2: it is pending again.
      const officer = g2.gate.approvers[1];
      await decide(b, g2.task.number, officer.name, "approved", "Token-vault threat model reviewed");
      await waitFor(b, async () => (await snapshot(b)).gateStates[g2.k] === "pending", "Gate 2 to be pending");
      const s1 = await snapshot(b);
      const ap = s1.plan.gates[g2.k].approvers[1];
      assert.equal(ap.decision, "approved");
      assert.equal(ap.comment, "Token-vault threat model reviewed");
      assert.ok(ap.decided_at, "the decision is stamped with a time");
      assert.equal(blockedBy(s1, g2.task.id).length, 0, "Gate 2 no longer blocks anything");
      const state2 = await b.$(`[data-testid="gate-card"][data-gate="${g2.task.number}"] [data-testid="gate-state"]`);
      assert.equal((await state2.getText()).toLowerCase(), "pending");

      // The QA lead rejects Gate 3: everything after it is blocked.
      const qa = g3.gate.approvers[0];
      await decide(b, g3.task.number, qa.name, "rejected", reason);
      await waitFor(b, async () => (await snapshot(b)).gateStates[g3.k] === "rejected", "Gate 3 to be rejected");
      const s2 = await snapshot(b);
      const blocked = blockedBy(s2, g3.task.id);
      assert.ok(blocked.length > 5, `only ${blocked.length} tasks blocked by Gate 3`);
      assert.ok(s2.schedule.releases[0].blockedByGates.includes(g3.task.id));
      // The scheduler's own warning counts the same tasks.
      const warning = s2.schedule.warnings.find((w) => w.taskId === g3.task.id);
      assert.match(warning.message, new RegExp(`^${blocked.length} task\\(s\\) wait on`));
      const card = `[data-testid="gate-card"][data-gate="${g3.task.number}"]`;
      assert.equal((await (await b.$(`${card} [data-testid="gate-state"]`)).getText()).toLowerCase(), "rejected");
      const blocks = await (await b.$(`${card} [data-testid="gate-blocks"]`)).getText();
      assert.equal(blocks.trim(), `Blocks ${blocked.length} tasks`);
      const qaRow = await b.$(`${card} [data-testid="approver"][data-approver="${qa.name}"]`);
      assert.ok((await qaRow.getText()).includes(reason), "the comment shows beside the approver");
      // Checking a criterion off is saved at once.
      await (await b.$(`${card} [data-testid="criterion"]`)).click();
      await waitFor(b, async () => (await snapshot(b)).plan.gates[g3.k].criteria[0].met === true, "the criterion to be met");
      await (await b.$(card)).scrollIntoView({ block: "start" });
      await shot(b, "gates-board.png");

      // The plan: the blocked rows carry the marker and the tooltip, their bars are hatched.
      await showView(b, "plan");
      const i = s2.schedule.rows.findIndex((r) => r.blockedByGate === g3.task.id && !r.summary && !r.milestone);
      await (await cell(b, i, "name")).click();
      const row = await b.$(`.grid .row[aria-rowindex="${i + 1}"]`);
      assert.match(await row.getAttribute("class"), /\bblocked\b/);
      assert.equal(await row.getAttribute("title"), `Blocked by ${g3.task.name}`);
      assert.ok(await (await row.$('[data-testid="blocked-mark"]')).isExisting(), "the ⛔ marker is on the row");
      const bar = await b.$(`[data-task-bar="${i}"]`);
      assert.match(await bar.getAttribute("class"), /\bblocked\b/);
      // A task before the gate is not marked.
      const free = s2.schedule.rows.findIndex((r) => !r.blockedByGate && !r.summary);
      await cell(b, free, "name");
      assert.doesNotMatch(await (await b.$(`.grid .row[aria-rowindex="${free + 1}"]`)).getAttribute("class"), /\bblocked\b/);
      await cell(b, i, "name");
      await shot(b, "gates-blocked-plan.png");

      await showView(b, "overview");
      const rel = await b.$('[data-testid="release-blocked"]');
      await rel.waitForDisplayed({ timeout: 3000 });
      assert.equal((await rel.getText()).trim(), `Blocked by ${g3.task.name}`);
      await shot(b, "gates-overview.png");

      // The audit log, newest first: the criterion, then the rejection with who, what and why.
      await showView(b, "audit");
      await (await b.$('[data-testid="audit-entry"]')).waitForExist({ timeout: 5000 });
      const entries = () => b.$$('[data-testid="audit-entry"]');
      await waitFor(b, async () => (await (await entries())[1]?.getText())?.includes(reason), "the rejection to be listed");
      const [criterion, rejection] = await entries();
      assert.ok((await criterion.getText()).includes(`Gate '${g3.task.name}': criterion '${g3.gate.criteria[0].text}' met`));
      const text = await rejection.getText();
      assert.ok(text.includes(`Gate '${g3.task.name}': ${qa.name} (${qa.role}) rejected — ${reason}`), text);
      assert.match(text, /approvers\[0\]\.decision\s+pending\s+→\s+rejected/);
      await shot(b, "audit-log.png");

      // Searching narrows the list to the entries that mention the reason: the rejection, and
      // the criterion's change, whose gate (before and after) carries the comment.
      await (await b.$('[data-testid="audit-search"]')).setValue("severity-2");
      await waitFor(b, async () => (await b.$$('[data-testid="audit-entry"]')).length === 2, "two matching entries");
      assert.match(await (await b.$('[data-testid="audit-count"]')).getText(), /^2 of \d+ entries match/);
      // (WebKitWebDriver refuses to type an empty string; clear the box as a person would.)
      await (await b.$('[data-testid="audit-search"]')).click();
      await b.keys(["Control", "a"]);
      await b.keys("Backspace");
      await waitFor(b, async () => (await b.$$('[data-testid="audit-entry"]')).length > 2, "the whole list again");
      await waitFor(b, async () => /^\d+ entries,/.test(await (await b.$('[data-testid="audit-count"]')).getText()), "the unfiltered count");
    });

    await scenario("gates 5. the audit chain verifies as intact", async () => {
      await showView(b, "audit");
      await (await b.$('[data-testid="verify-chain"]')).click();
      const result = await b.$('[data-testid="verify-result"]');
      await result.waitForDisplayed({ timeout: 8000 });
      const text = await result.getText();
      assert.match(text, /Chain intact: \d+ entries, head [0-9a-f]{12}/);
      const n = Number(/intact: ([\d,]+)/.exec(text)[1].replace(/,/g, ""));
      const count = await (await b.$('[data-testid="audit-count"]')).getText();
      assert.ok(count.startsWith(`${n} entries`), `${count} vs ${text}`);
      await shot(b, "audit-verified.png");
    });
  } finally {
    await b.deleteSession().catch(() => {});
  }
}
