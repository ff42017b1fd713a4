// The one door to the Rust side: typed commands from the generated bindings, each result
// unwrapped into data or a readable AppError. Components never call `invoke` themselves.

import { commands, type AppError, type Snapshot } from "./bindings";

export { commands };
export type { AppError, Snapshot };

export type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/** Turns anything a command may reject with (our AppError or Tauri's own string) into an AppError. */
export function asAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) return e as AppError;
  return { kind: "io", message: e instanceof Error ? e.message : String(e) };
}

/** Runs a command and returns its outcome; never throws. */
export async function call<T>(f: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await f();
  } catch (e) {
    return { status: "error", error: asAppError(e) };
  }
}
