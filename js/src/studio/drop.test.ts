// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { WidgetDrop } from "./drop";
import type { DropTarget } from "./pictures";

/** A drag event carrying `files` (or text, when there are none). */
function dragEvent(type: string, files: File[] = []): DragEvent {
  const event = new Event(type, { bubbles: true, cancelable: true }) as DragEvent;
  const dataTransfer = { types: files.length ? ["Files"] : ["text/plain"], files, dropEffect: "" };
  Object.defineProperty(event, "dataTransfer", { value: dataTransfer });
  return event;
}

function widget(target: DropTarget = { slot: "image", words: "Drop to use it" }) {
  const root = document.createElement("div");
  const canvas = document.createElement("canvas");
  const slot = document.createElement("div");
  slot.addEventListener("dragover", (event) => event.preventDefault()); // a slot takes its own
  slot.addEventListener("drop", (event) => event.preventDefault());
  root.append(canvas, slot);
  document.body.replaceChildren(root);
  const dropped: File[] = [];
  const drop = new WidgetDrop(root, { dropTarget: () => target, drop: (f) => dropped.push(f) });
  return { root, canvas, slot, drop, dropped };
}

const PICTURE = new File([new Uint8Array([1])], "boat.png", { type: "image/png" });

describe("WidgetDrop", () => {
  it("highlights the widget while a file is over it and hands the dropped file over", () => {
    const { root, canvas, drop, dropped } = widget();
    canvas.dispatchEvent(dragEvent("dragenter", [PICTURE]));
    const over = dragEvent("dragover", [PICTURE]);
    canvas.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true); // or the browser would open the file
    expect(drop.overlay.hidden).toBe(false);
    expect(drop.overlay.textContent).toBe("Drop to use it");
    expect(root.classList.contains("ks-dragging")).toBe(true);
    canvas.dispatchEvent(dragEvent("drop", [PICTURE]));
    expect(dropped).toEqual([PICTURE]);
    expect(drop.overlay.hidden).toBe(true);
  });

  it("steps aside over a slot, which takes the file itself", () => {
    const { slot, drop, dropped } = widget();
    slot.dispatchEvent(dragEvent("dragover", [PICTURE]));
    expect(drop.overlay.hidden).toBe(true);
    slot.dispatchEvent(dragEvent("drop", [PICTURE]));
    expect(dropped).toEqual([]);
  });

  it("ignores drags of text, and hides once the drag has left every element", () => {
    const { canvas, slot, drop } = widget();
    canvas.dispatchEvent(dragEvent("dragover"));
    expect(drop.overlay.hidden).toBe(true);
    canvas.dispatchEvent(dragEvent("dragenter", [PICTURE]));
    slot.dispatchEvent(dragEvent("dragenter", [PICTURE])); // into a child …
    canvas.dispatchEvent(dragEvent("dragleave", [PICTURE])); // … leaving the other: still in
    expect(drop.overlay.hidden).toBe(false);
    slot.dispatchEvent(dragEvent("dragleave", [PICTURE]));
    expect(drop.overlay.hidden).toBe(true);
  });

  it("says why nothing can be added when the images are full, and takes nothing", () => {
    const { canvas, drop } = widget({ slot: null, words: "At most 4 images" });
    canvas.dispatchEvent(dragEvent("dragover", [PICTURE]));
    expect(drop.overlay.classList.contains("ks-drop-refused")).toBe(true);
    expect(drop.overlay.textContent).toBe("At most 4 images");
  });

  it("leaves the root as it found it when destroyed", () => {
    const { root, canvas, drop, dropped } = widget();
    drop.destroy();
    canvas.dispatchEvent(dragEvent("drop", [PICTURE]));
    expect(dropped).toEqual([]);
    expect(root.querySelector('[data-testid="drop-overlay"]')).toBeNull();
  });
});
