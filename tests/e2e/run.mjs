// Admiral's end-to-end tests: the real debug app in WebKitWebDriver (through tauri-driver),
// under Xvfb. Run by `bash scripts/desktop.sh e2e`, which builds the app and starts Xvfb.
//
// Each suite in suites/ exports `run()`; each scenario saves a screenshot to artifacts/e2e/.
// Timings the app records itself (open → first paint, edit → repaint) are printed and
// written to artifacts/e2e/perf.json.
//
// `ADMIRAL_E2E_SUITES=gates,analysis node run.mjs` runs only the suites named.

import fs from "node:fs";
import path from "node:path";
import { OUT, home, perf, results, root, startDriver, stopDriver } from "./lib.mjs";

// In order: the plan editor first (then a new user's first minutes), the 10k-task speed run last.
const SUITES = ["plan", "start", "scenarios", "gates", "resources", "analysis", "network", "portfolio", "baselines", "splits", "reliability", "speed"];
// Run only when named: the 100k-task plan takes a minute or more to make.
const OPT_IN = ["speed100k"];
const only = process.env.ADMIRAL_E2E_SUITES?.split(",").filter(Boolean);

await startDriver();
for (const name of [...SUITES, ...OPT_IN]) {
  if (only ? !only.includes(name) : OPT_IN.includes(name)) continue;
  const suite = await import(`./suites/${name}.mjs`);
  await suite.run();
}
stopDriver();

const failed = results.filter((r) => !r.ok).length;
fs.writeFileSync(path.join(OUT, "perf.json"), JSON.stringify({ results, perf }, null, 2));
console.log("\nTimings recorded by the app (ms from start to painted screen; :ipc = until Rust answered):");
console.log(`  ${"plan".padEnd(5)} ${"measure".padEnd(20)} ${"n".padStart(3)} ${"min".padStart(6)} ${"median".padStart(7)} ${"max".padStart(6)}`);
const groups = new Map();
for (const p of perf) {
  const key = `${p.plan.padEnd(5)} ${p.name.padEnd(20)}`;
  groups.set(key, [...(groups.get(key) ?? []), p.ms]);
}
for (const [key, ms] of groups) {
  const s = [...ms].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  console.log(`  ${key} ${String(s.length).padStart(3)} ${String(s[0]).padStart(6)} ${String(median).padStart(7)} ${String(s[s.length - 1]).padStart(6)}`);
}
console.log(`\n${results.length - failed} passed, ${failed} failed; screenshots in ${path.relative(root, OUT)}/`);
fs.rmSync(home, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
