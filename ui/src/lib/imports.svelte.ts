// The report of the last import, kept outside the import button: an import from the start
// screen opens the new plan, which replaces the start screen, and the report shows there.

import type { ImportSummary } from "./bindings";

class ImportStore {
  report = $state<ImportSummary | null>(null);
}

export const imports = new ImportStore();
