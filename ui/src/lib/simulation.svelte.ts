// The Monte Carlo run, kept outside the view so that it carries on (and its result stays)
// while the user looks at other views. Rust runs it on a background thread and streams
// progress over a channel; nothing here computes a statistic.

import { Channel } from "@tauri-apps/api/core";
import { call, commands } from "./api";
import { planStore } from "./plan.svelte";
import type { ScenarioId, SimulationProgress, SimulationResult } from "./bindings";

/** The most iterations the back end accepts in one run (commands::analysis::MAX_ITERATIONS). */
export const MAX_ITERATIONS = 1_000_000;

class SimulationStore {
  iterations = $state(10_000);
  seed = $state(42);
  scenarioId = $state<ScenarioId | null>(null);
  running = $state(false);
  cancelling = $state(false);
  done = $state(0);
  total = $state(0);
  result = $state.raw<SimulationResult | null>(null);
  /** The plan file, scenario and plan state the result belongs to. */
  resultPath = $state<string | null>(null);
  resultScenario = $state<ScenarioId | null>(null);
  resultSnapshot = $state.raw<unknown>(null);

  async run(): Promise<void> {
    const snap = planStore.snapshot;
    if (this.running || !snap) return;
    this.running = true;
    this.cancelling = false;
    this.done = 0;
    this.total = this.iterations;
    const scenario = this.scenarioId;
    const progress = new Channel<SimulationProgress>();
    progress.onmessage = (p) => {
      if (this.running) {
        this.done = p.done;
        this.total = p.total;
      }
    };
    const r = await call(() => commands.runSimulation(this.iterations, this.seed, scenario, progress));
    this.running = false;
    this.cancelling = false;
    if (r.status === "error") {
      planStore.error = r.error;
      return;
    }
    planStore.error = null;
    this.done = r.data.iterations;
    this.total = r.data.iterations_requested;
    this.result = r.data;
    this.resultPath = snap.path;
    this.resultScenario = scenario;
    this.resultSnapshot = snap;
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelling = true;
    await commands.cancelSimulation();
  }
}

export const simulation = new SimulationStore();
