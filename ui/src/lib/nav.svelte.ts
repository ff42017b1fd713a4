// Hand-offs between views: the risk register opens the Scenarios view with the contingency
// scenario it just made chosen for comparison.

import type { ScenarioId } from "./bindings";

class ScenarioNav {
  /** A scenario the Scenarios view should select and compare when it next shows. */
  compare = $state<ScenarioId | null>(null);

  /** Takes the pending request, once. */
  take(): ScenarioId | null {
    const id = this.compare;
    this.compare = null;
    return id;
  }
}

export const scenarioNav = new ScenarioNav();
