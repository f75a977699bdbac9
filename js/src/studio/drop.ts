// A picture file dropped anywhere on the Studio — the painter's big canvas included — goes where
// the pictures say (the start frame, or a new image in multi-image mode); while a file is dragged
// over the widget, a highlight over all of it says where it will go. A slot takes a file dropped
// on itself (and highlights itself), so over a slot the widget's highlight steps aside.
// A class: its listeners are on the widget's root, which it does not own.

import { h, setHidden, setText } from "./dom";
import type { DropTarget } from "./pictures";

/** What the drop needs from the picture slots. */
export interface DropHost {
  dropTarget(): DropTarget;
  drop(file: File): void;
}

/** Files are being dragged (not text, links or a picture from this page). */
function carriesFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes("Files");
}

export class WidgetDrop {
  /** The highlight over the widget; not announced (the same is done with Choose… or paste). */
  readonly overlay: HTMLElement;
  private readonly words: HTMLElement;
  private readonly listeners: [keyof HTMLElementEventMap, (event: DragEvent) => void][];
  /** Elements the drag has entered and not yet left: leaving a child for another is no leave
   * (its dragleave comes after the next one's dragenter). */
  private depth = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: DropHost,
  ) {
    this.words = h("span", { class: "ks-drop-words" });
    this.overlay = h(
      "div",
      { class: "ks-drop-overlay", "aria-hidden": "true", "data-testid": "drop-overlay" },
      this.words,
    );
    this.overlay.hidden = true;
    root.append(this.overlay);
    this.listeners = [
      ["dragenter", (event) => this.enter(event)],
      ["dragover", (event) => this.over(event)],
      ["dragleave", (event) => this.leave(event)],
      ["drop", (event) => this.dropped(event)],
    ];
    for (const [type, listener] of this.listeners) {
      root.addEventListener(type, listener as EventListener);
    }
  }

  private enter(event: DragEvent): void {
    this.depth += 1;
    this.over(event);
  }

  private over(event: DragEvent): void {
    if (!carriesFiles(event)) return;
    if (event.defaultPrevented) {
      this.show(false); // a slot takes it, and highlights itself
      return;
    }
    event.preventDefault(); // without this the browser would open the file instead
    const target = this.host.dropTarget();
    if (event.dataTransfer) event.dataTransfer.dropEffect = target.slot ? "copy" : "none";
    setText(this.words, target.words);
    this.overlay.classList.toggle("ks-drop-refused", target.slot === null);
    this.show(true);
  }

  private leave(event: DragEvent): void {
    this.depth = Math.max(0, this.depth - 1);
    const into = event.relatedTarget;
    const inside = into instanceof Node && this.root.contains(into);
    if (this.depth === 0 && !inside) this.show(false);
  }

  private dropped(event: DragEvent): void {
    this.depth = 0;
    this.show(false);
    if (event.defaultPrevented || !carriesFiles(event)) return; // a slot took it
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file) this.host.drop(file);
  }

  private show(shown: boolean): void {
    setHidden(this.overlay, !shown);
    this.root.classList.toggle("ks-dragging", shown);
  }

  destroy(): void {
    for (const [type, listener] of this.listeners) {
      this.root.removeEventListener(type, listener as EventListener);
    }
    this.overlay.remove();
  }
}
