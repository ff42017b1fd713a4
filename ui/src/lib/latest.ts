// Asking Rust a question whose answer can be overtaken: a view asks again whenever the plan
// snapshot (or its own selection) changes, and answers may arrive out of order. `Latest`
// keeps only the answer to the last question asked; `Query` (query.svelte.ts) wires it to
// Svelte's effects.

import { call, type Outcome } from "./api";

export class Latest<T> {
  #asked = 0;

  constructor(private readonly onAnswer: (r: Outcome<T>) => void) {}

  /** Asks `f`; its answer is handed on only if no newer question (nor `drop`) came since. */
  async ask(f: () => Promise<Outcome<T>>): Promise<void> {
    const n = ++this.#asked;
    const r = await call(f);
    if (n === this.#asked) this.onAnswer(r);
  }

  /** Forgets the question in flight: its answer, when it comes, is dropped. */
  drop(): void {
    this.#asked++;
  }
}
