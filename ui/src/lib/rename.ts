// Renaming in place: a name typed into a table cell is saved when it changes, and the cell
// shows the saved name again when the new one is empty or the back end refuses it.

/**
 * Saves the name typed into `input` in place of `current`. Surrounding spaces are trimmed; an
 * unchanged name saves nothing. An empty name is not saved: the input shows `current` again
 * and `onempty` explains. A name the back end refuses (`save` resolves to `false`) leaves the
 * input showing `current` again; the refusal itself is reported by whoever ran `save`.
 */
export async function renameInPlace(
  input: { value: string },
  current: string,
  save: (name: string) => Promise<boolean>,
  onempty: () => void,
): Promise<void> {
  const name = input.value.trim();
  if (name === current) return;
  if (!name) {
    input.value = current;
    onempty();
    return;
  }
  if (!(await save(name))) input.value = current;
}
