import { describe, expect, it, vi } from "vitest";
import { renameInPlace } from "./rename";

describe("renameInPlace", () => {
  it("saves an accepted name, trimmed, and leaves it shown", async () => {
    const input = { value: "  Year-end freeze " };
    const save = vi.fn(async () => true);
    const onempty = vi.fn();
    await renameInPlace(input, "Freeze", save, onempty);
    expect(save).toHaveBeenCalledExactlyOnceWith("Year-end freeze");
    expect(onempty).not.toHaveBeenCalled();
    expect(input.value).toBe("  Year-end freeze ");
  });

  it("reverts an empty name without saving, and says why", async () => {
    const input = { value: "   " };
    const save = vi.fn(async () => true);
    const onempty = vi.fn();
    await renameInPlace(input, "Freeze", save, onempty);
    expect(save).not.toHaveBeenCalled();
    expect(onempty).toHaveBeenCalledOnce();
    expect(input.value).toBe("Freeze");
  });

  it("reverts a name the back end refuses", async () => {
    const input = { value: "Duplicate" };
    const save = vi.fn(async () => false);
    const onempty = vi.fn();
    await renameInPlace(input, "Freeze", save, onempty);
    expect(save).toHaveBeenCalledExactlyOnceWith("Duplicate");
    expect(onempty).not.toHaveBeenCalled();
    expect(input.value).toBe("Freeze");
  });

  it("saves nothing when the name is unchanged but for spaces", async () => {
    const input = { value: " Freeze " };
    const save = vi.fn(async () => true);
    const onempty = vi.fn();
    await renameInPlace(input, "Freeze", save, onempty);
    expect(save).not.toHaveBeenCalled();
    expect(onempty).not.toHaveBeenCalled();
  });
});
