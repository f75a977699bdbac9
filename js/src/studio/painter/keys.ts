// Which keys the painter answers to. JupyterLab would otherwise take them, so the Studio forwards
// keydown here and stops the ones that were used.

export type KeyCommand =
  | "undo"
  | "redo"
  | "smaller"
  | "larger"
  | "cancel"
  | "pan"
  | "select"
  | "colour"
  | "regions"
  | "lasso"
  | "close"
  | "back";

/** A letter (either case) → the tool it picks. */
const TOOL_KEYS: Readonly<Record<string, KeyCommand>> = {
  s: "select",
  c: "colour",
  r: "regions",
  l: "lasso",
};

type Keys = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">;

/** Ctrl/⌘+Z, Shift+Ctrl/⌘+Z, Ctrl/⌘+Y, [ and ], Escape, space (held: drag to pan), the tools'
 * letters (S Select, C Colour, R Regions, L Lasso), and Enter and Backspace (closing a lasso,
 * taking its last anchor back: the painter uses them only while a lasso is being placed). */
export function keyCommand(event: Keys): KeyCommand | null {
  const command = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (command && key === "z") return event.shiftKey ? "redo" : "undo";
  if (command && key === "y") return "redo";
  if (command || event.altKey) return null;
  switch (event.key) {
    case "[":
      return "smaller";
    case "]":
      return "larger";
    case "Escape":
      return "cancel";
    case " ":
      return "pan";
    case "Enter":
      return "close";
    case "Backspace":
      return "back";
    default:
      return Object.hasOwn(TOOL_KEYS, key) ? (TOOL_KEYS[key] ?? null) : null;
  }
}

/** Keys typed into a text field belong to the field (its own undo, brackets, spaces). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  const nonText = ["range", "checkbox", "radio", "button", "color"];
  return target instanceof HTMLInputElement && !nonText.includes(target.type);
}
