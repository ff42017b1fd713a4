// The native open and save dialogs, with a seam for the end-to-end tests: WebDriver cannot
// drive a native dialog, so when `window.__admiralDialogPath` is set (by a test through
// `execute`), the next dialog returns its value instead of opening. It may be a string (used
// once) or an array of strings (one per dialog, in order). Nothing in the app sets it.

import { open, save, type DialogFilter } from "@tauri-apps/plugin-dialog";

declare global {
  interface Window {
    __admiralDialogPath?: string | string[];
  }
}

function seam(): string | null | undefined {
  const v = window.__admiralDialogPath;
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    const next = v.shift();
    if (v.length === 0) delete window.__admiralDialogPath;
    return next ?? null;
  }
  delete window.__admiralDialogPath;
  return v;
}

/** A file to read, or null when the user cancelled. */
export async function pickFile(filters: DialogFilter[]): Promise<string | null> {
  const s = seam();
  if (s !== undefined) return s;
  const p = await open({ multiple: false, directory: false, filters });
  return typeof p === "string" ? p : null;
}

/** A file to write (the dialog asks before replacing one), or null when the user cancelled. */
export async function pickSaveFile(filters: DialogFilter[], defaultPath?: string): Promise<string | null> {
  const s = seam();
  if (s !== undefined) return s;
  return (await save({ filters, defaultPath })) ?? null;
}
