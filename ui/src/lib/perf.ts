// Timings of what a planner waits for (open → first paint, edit → repaint), kept on
// `window.__admiralPerf` so that the end-to-end tests can read and report them.

export interface PerfEntry {
  name: string;
  ms: number;
  tasks: number;
}

declare global {
  interface Window {
    __admiralPerf?: PerfEntry[];
    __admiralSnapshot?: () => unknown;
  }
}

/** Resolves after the browser has painted the current DOM. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export function record(name: string, startedAt: number, tasks: number): PerfEntry {
  const entry = { name, ms: Math.round((performance.now() - startedAt) * 10) / 10, tasks };
  (window.__admiralPerf ??= []).push(entry);
  try {
    performance.measure(name, { start: startedAt });
  } catch {
    // Older WebKit lacks measure options; the entry above is what the tests read.
  }
  return entry;
}
