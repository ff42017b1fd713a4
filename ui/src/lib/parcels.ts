// Whole plans that Rust sends ahead of a command's answer, as a script calling
// `window.__admiralParcel({ n, plan })` (src-tauri/src/courier.rs says why: WebKitGTK is
// slow to read a large answer's body; the 100k plan opens 150–220 ms sooner). The answer
// names the parcel (`planSent`); the two may come in either order, so each side waits for
// the other here.

import type { Snapshot, WholePlan } from "./bindings";

interface Parcel {
  n: number;
  plan: WholePlan;
}

declare global {
  interface Window {
    __admiralParcel?: (p: Parcel) => void;
  }
}

/** Parcels that came before their answer, by number. */
const arrived = new Map<number, WholePlan>();
/** Answers waiting for their parcel, by number. */
const waiting = new Map<number, (plan: WholePlan) => void>();

/** Takes in a parcel: hands it to the answer waiting for it, or keeps it for that answer. */
export function receive(p: Parcel): void {
  const w = waiting.get(p.n);
  if (w) {
    waiting.delete(p.n);
    w(p.plan);
  } else arrived.set(p.n, p.plan);
}

/**
 * `s` with its whole plan in place: the one it carries, or the parcel it names once that has
 * arrived. A parcel is taken once; any kept from before it (a command that failed after
 * sending one) are dropped.
 */
export async function withPlan(s: Snapshot): Promise<Snapshot> {
  const n = s.planSent;
  if (n === null || n === undefined) return s;
  const plan = arrived.get(n) ?? (await new Promise<WholePlan>((resolve) => waiting.set(n, resolve)));
  for (const k of arrived.keys()) if (k <= n) arrived.delete(k);
  return { ...s, plan, planSent: null };
}

/** How many parcels are kept or awaited (for the tests: none once answers are taken). */
export function pending(): number {
  return arrived.size + waiting.size;
}

if (typeof window !== "undefined") window.__admiralParcel = receive;
