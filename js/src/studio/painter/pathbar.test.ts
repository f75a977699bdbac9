// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { Point } from "../../lib/geometry";
import { type ClipView, type PathState, pathBar, SHAPE_BUTTONS } from "./pathbar";

function bar() {
  const asked: string[] = [];
  const tracked: Point[] = [];
  const view = pathBar({
    shape: (shape) => asked.push(shape),
    chooseClip: (file) => asked.push(`clip ${file.name}`),
    track: (point) => tracked.push(point),
    closeClip: () => asked.push("close"),
    clearPath: () => asked.push("clear"),
    toggleEditPoints: () => asked.push("edit points"),
  });
  document.body.replaceChildren(view.element);
  const get = (testid: string) =>
    view.element.querySelector(`[data-testid="${testid}"]`) as HTMLElement;
  return { view, asked, tracked, get };
}

/** A dynamic area's path of `points` points, the brush usable. */
const path = (points: number, more: Partial<PathState> = {}): PathState => ({
  dynamic: true,
  enabled: true,
  points,
  editingPoints: false,
  ...more,
});

const READY: ClipView = {
  name: "stone.mp4",
  progress: null,
  frame: { url: "blob:frame", width: 320, height: 180, seconds: 4 },
  tracking: false,
  notes: [],
  error: null,
};

describe("pathBar", () => {
  it("shows for a dynamic area, its presets usable only with a path", () => {
    const { view, asked, get } = bar();
    view.showPath(path(0, { dynamic: false }));
    expect(view.element.hidden).toBe(true);
    view.showPath(path(0));
    expect(view.element.hidden).toBe(false);
    const arc = get("path-shape-arc") as HTMLButtonElement;
    expect(arc.disabled).toBe(true);
    view.showPath(path(1)); // one clicked point: not yet a path to shape
    expect(arc.disabled).toBe(true);
    view.showPath(path(2));
    expect(arc.disabled).toBe(false);
    for (const { shape } of SHAPE_BUTTONS) get(`path-shape-${shape}`).click();
    expect(asked).toEqual(["straight", "arc", "ease-in", "ease-out", "ease-in-out", "reverse"]);
    view.showPath(path(2, { enabled: false })); // the model cannot use the brush
    expect(arc.disabled).toBe(true);
    expect((get("path-from-clip") as HTMLButtonElement).disabled).toBe(true);
  });

  it("clears a path even with the brush off: kept paint is never a dead end", () => {
    const { view, asked, get } = bar();
    const clear = get("path-clear") as HTMLButtonElement;
    view.showPath(path(0));
    expect(clear.disabled).toBe(true); // nothing to clear
    view.showPath(path(1, { enabled: false }));
    expect(clear.disabled).toBe(false);
    clear.click();
    expect(asked).toEqual(["clear"]);
  });

  it("has Edit points as a toggle button, usable with a path while the brush is on", () => {
    const { view, asked, get } = bar();
    const toggle = get("path-edit-points") as HTMLButtonElement;
    expect(toggle.tagName).toBe("BUTTON"); // reached with Tab, pressed with Enter or Space
    view.showPath(path(0));
    expect(toggle.disabled).toBe(true);
    view.showPath(path(3, { enabled: false }));
    expect(toggle.disabled).toBe(true);
    view.showPath(path(3));
    expect(toggle.disabled).toBe(false);
    toggle.click();
    expect(asked).toEqual(["edit points"]);
    view.showPath(path(3, { editingPoints: true }));
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    view.showPath(path(3));
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
  });

  it("says the length, and nothing without a path", () => {
    const { view, get } = bar();
    view.showLength("412 px · 28 % of the picture's diagonal");
    expect(get("path-length").textContent).toBe("412 px · 28 % of the picture's diagonal");
    view.showLength("");
    expect(get("path-length").hidden).toBe(true);
  });

  it("shows the upload's progress, then the frame with its hint, then tracking and notes", () => {
    const { view, get } = bar();
    view.showClip({ ...READY, progress: 0.4, frame: null });
    expect(get("clip-status").textContent).toBe("Uploading stone.mp4… 40 %");
    expect(get("clip-frame").hidden).toBe(true);
    view.showClip(READY);
    expect(get("clip-frame").hidden).toBe(false);
    expect(get("clip-hint").hidden).toBe(false);
    expect(get("clip-status").hidden).toBe(true);
    view.showClip({ ...READY, tracking: true });
    expect(get("clip-status").textContent).toBe("Tracking…");
    expect(get("clip-hint").textContent).toBe(
      "Click the thing that moves (or use the arrow keys, then Enter)",
    );
    view.showClip({ ...READY, notes: ["lost at frame 40"] });
    expect(get("clip-notes").textContent).toBe("lost at frame 40");
    expect(get("clip-hint").textContent).toContain("Click something else to follow it instead");
    view.showClip({ ...READY, error: "Could not follow it: point: …" });
    expect(get("clip-error").textContent).toBe("Could not follow it: point: …");
    view.showClip(null);
    expect(get("clip-frame").closest(".ks-pathbar-clip")?.hasAttribute("hidden")).toBe(true);
  });

  it("aims with the arrow keys from the middle and tracks on Enter", () => {
    const { view, tracked, get } = bar();
    view.showClip(READY);
    const frame = get("clip-frame");
    const key = (name: string, shiftKey = false) =>
      frame.dispatchEvent(new KeyboardEvent("keydown", { key: name, shiftKey, bubbles: true }));
    key("ArrowRight");
    key("ArrowDown", true);
    key("Enter");
    expect(tracked).toEqual([{ x: 163, y: 120 }]);
  });
});
