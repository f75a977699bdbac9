import { describe, expect, it } from "vitest";
import { keyCommand } from "./keys";

const press = (
  key: string,
  modifiers: Partial<Record<"ctrl" | "meta" | "shift" | "alt", boolean>> = {},
) => ({
  key,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
  shiftKey: modifiers.shift ?? false,
  altKey: modifiers.alt ?? false,
});

describe("keyCommand", () => {
  it("undoes with Ctrl+Z or ⌘+Z and redoes with Shift, or with Ctrl+Y", () => {
    expect(keyCommand(press("z", { ctrl: true }))).toBe("undo");
    expect(keyCommand(press("z", { meta: true }))).toBe("undo");
    expect(keyCommand(press("Z", { ctrl: true, shift: true }))).toBe("redo");
    expect(keyCommand(press("Z", { meta: true, shift: true }))).toBe("redo");
    expect(keyCommand(press("y", { ctrl: true }))).toBe("redo");
  });

  it("changes the brush with brackets, cancels with Escape, pans with space", () => {
    expect(keyCommand(press("["))).toBe("smaller");
    expect(keyCommand(press("]"))).toBe("larger");
    expect(keyCommand(press("Escape"))).toBe("cancel");
    expect(keyCommand(press(" "))).toBe("pan");
  });

  it("picks the Select tool with S (not with Ctrl+S, the notebook's save)", () => {
    expect(keyCommand(press("s"))).toBe("select");
    expect(keyCommand(press("S", { shift: true }))).toBe("select");
    expect(keyCommand(press("s", { meta: true }))).toBeNull();
  });

  it("leaves everything else, including plain letters and modified brackets, to others", () => {
    expect(keyCommand(press("z"))).toBeNull();
    expect(keyCommand(press("s", { ctrl: true }))).toBeNull();
    expect(keyCommand(press("[", { ctrl: true }))).toBeNull();
    expect(keyCommand(press("]", { alt: true }))).toBeNull();
    expect(keyCommand(press("x"))).toBeNull();
    expect(keyCommand(press("Enter", { ctrl: true }))).toBeNull();
  });

  it("picks Colour, Regions and Lasso with C, R and L; Enter and Backspace serve the lasso", () => {
    expect(keyCommand(press("c"))).toBe("colour");
    expect(keyCommand(press("R", { shift: true }))).toBe("regions");
    expect(keyCommand(press("l"))).toBe("lasso");
    expect(keyCommand(press("c", { ctrl: true }))).toBeNull(); // copy stays copy
    expect(keyCommand(press("Enter"))).toBe("close");
    expect(keyCommand(press("Backspace"))).toBe("back");
  });
});
