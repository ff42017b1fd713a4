// "Ask Rust again when the snapshot changes, keep the latest answer": the one way the views
// ask core for something computed (a comparison, a register, a month of days).

import type { AppError, Outcome } from "./api";
import { Latest } from "./latest";
import { planStore } from "./plan.svelte";

export interface QueryOptions {
  /** Called with each error answer, e.g. to show it in the error banner. */
  onError?: (e: AppError) => void;
}

/**
 * The latest answer to `question`, asked again whenever the open plan changes or anything
 * `question` reads changes (a selected id, a range). `question` returns the call to make, or
 * `null` when there is nothing to ask (the last answer is kept). An answer that a newer
 * question overtook is dropped, so the view never shows a stale one. Create it while a
 * component initialises (it uses `$effect`).
 */
export class Query<T> {
  /** The last answer, `null` until the first arrives. */
  data = $state.raw<T | null>(null);
  /** The last answer's error, `null` when it succeeded. */
  error = $state.raw<AppError | null>(null);

  constructor(question: () => (() => Promise<Outcome<T>>) | null, options: QueryOptions = {}) {
    const latest = new Latest<T>((r) => {
      if (r.status === "ok") {
        this.data = r.data;
        this.error = null;
      } else {
        this.error = r.error;
        options.onError?.(r.error);
      }
    });
    $effect(() => {
      void planStore.snapshot;
      const f = question();
      if (f) void latest.ask(f);
      // Re-run or destroyed: whatever is still in flight is stale.
      return () => latest.drop();
    });
  }
}
