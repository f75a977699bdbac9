// Pointer Events on the stage, for mouse, pen and touch alike. Moving the picture (pan tool, space
// or middle-button drag, two-finger pinch, Ctrl/⌘+wheel) is handled here; a press that edits is
// handed to the host with image coordinates. Per move: convert coordinates, nothing else.

import type { Point } from "../../lib/geometry";
import type { Stage } from "./stage";

export interface PointerHost {
  /** A plain drag moves the picture (the pan tool is on, or editing is off). */
  dragPans(): boolean;
  /** The main button (or a pen's eraser, button 5) went down: true when an edit began. */
  press(event: PointerEvent, at: Point): boolean;
  /** The editing pointer moved through these image points (every batched position, in order). */
  drag(samples: readonly Point[]): void;
  /** The edit is complete. */
  release(): void;
  /** The edit is to be dropped without a trace. */
  abort(): void;
  /** Hovering, panning or space changed: the cursor should follow. */
  showMode(): void;
}

type Active =
  | { readonly kind: "edit"; readonly pointerId: number }
  | { readonly kind: "pan"; readonly pointerId: number; last: Point }
  | { readonly kind: "pinch" };

const MIDDLE_BUTTON = 1;
const PEN_ERASER_BUTTON = 5;

/**
 * Every position the pointer passed since the last event: browsers batch fast moves into one
 * event. Synthetic events (and some browsers) have no batch, so the event itself is the sample.
 */
function pointerSamples(event: PointerEvent): readonly PointerEvent[] {
  const batch = typeof event.getCoalescedEvents === "function" ? event.getCoalescedEvents() : [];
  return batch.length > 0 ? batch : [event];
}

function client(event: MouseEvent): Point {
  return { x: event.clientX, y: event.clientY };
}

export class PointerInput {
  private active: Active | null = null;
  /** Fingers on the glass, in client pixels: two of them pinch. */
  private readonly touches = new Map<number, Point>();
  private hover = false;
  private space = false;

  constructor(
    private readonly stage: Stage,
    private readonly host: PointerHost,
  ) {
    const surface = stage.surface;
    surface.style.touchAction = "none";
    surface.addEventListener("pointerdown", this.onDown);
    surface.addEventListener("pointermove", this.onMove);
    surface.addEventListener("pointerup", this.onUp);
    surface.addEventListener("pointercancel", this.onUp);
    surface.addEventListener("lostpointercapture", this.onUp);
    surface.addEventListener("pointerenter", this.onEnter);
    surface.addEventListener("pointerleave", this.onLeave);
    surface.addEventListener("contextmenu", this.onContextMenu);
    stage.element.addEventListener("wheel", this.onWheel, { passive: false });
    // Keydown reaches the painter through the Studio; the release of space is seen wherever.
    document.addEventListener("keyup", this.onKeyUp, true);
    window.addEventListener("blur", this.onBlur);
  }

  get hovering(): boolean {
    return this.hover;
  }

  get spaceHeld(): boolean {
    return this.space;
  }

  get panning(): boolean {
    return this.active?.kind === "pan" || this.active?.kind === "pinch";
  }

  /** Space went down while over the picture: drags pan until it is released. */
  holdSpace(): boolean {
    if (!this.hover) return false;
    this.space = true;
    this.host.showMode();
    return true;
  }

  /** Completes an edit in progress as if the pointer had been lifted. */
  finish(): void {
    const active = this.active;
    this.active = null;
    if (active?.kind === "edit") this.host.release();
    this.host.showMode();
  }

  /** Drops the gesture in progress; false when there was none. */
  cancel(): boolean {
    const active = this.active;
    this.active = null;
    if (active?.kind === "edit") this.host.abort();
    this.host.showMode();
    return active !== null;
  }

  destroy(): void {
    this.cancel();
    const surface = this.stage.surface;
    surface.removeEventListener("pointerdown", this.onDown);
    surface.removeEventListener("pointermove", this.onMove);
    surface.removeEventListener("pointerup", this.onUp);
    surface.removeEventListener("pointercancel", this.onUp);
    surface.removeEventListener("lostpointercapture", this.onUp);
    surface.removeEventListener("pointerenter", this.onEnter);
    surface.removeEventListener("pointerleave", this.onLeave);
    surface.removeEventListener("contextmenu", this.onContextMenu);
    this.stage.element.removeEventListener("wheel", this.onWheel);
    document.removeEventListener("keyup", this.onKeyUp, true);
    window.removeEventListener("blur", this.onBlur);
  }

  private readonly onDown = (event: PointerEvent): void => {
    if (!this.stage.hasImage) return;
    if (event.pointerType === "touch") {
      this.touches.set(event.pointerId, client(event));
      if (this.touches.size === 2) {
        // A second finger: whatever the first one began becomes a pinch.
        this.cancel();
        this.active = { kind: "pinch" };
        this.capture(event);
        return;
      }
    }
    if (this.active !== null) return;
    this.stage.refreshRect();
    const primary = event.button === 0;
    if (event.button === MIDDLE_BUTTON || (primary && (this.space || this.host.dragPans()))) {
      if (event.button === MIDDLE_BUTTON) event.preventDefault(); // no autoscroll
      this.active = { kind: "pan", pointerId: event.pointerId, last: client(event) };
    } else if (primary || event.button === PEN_ERASER_BUTTON) {
      const at = this.stage.toImage(event.clientX, event.clientY);
      if (this.host.press(event, at)) this.active = { kind: "edit", pointerId: event.pointerId };
    }
    if (this.active !== null) this.capture(event);
    this.host.showMode();
  };

  private readonly onMove = (event: PointerEvent): void => {
    if (this.hover && event.pointerType !== "touch") {
      this.stage.moveCursor(event.clientX, event.clientY);
    }
    const active = this.active;
    if (active === null) return;
    if (active.kind === "pinch") {
      this.pinch(event);
    } else if (event.pointerId !== active.pointerId) {
      return;
    } else if (active.kind === "pan") {
      this.stage.pan(event.clientX - active.last.x, event.clientY - active.last.y);
      active.last = client(event);
    } else {
      const samples = pointerSamples(event);
      const points: Point[] = [];
      for (const sample of samples) points.push(this.stage.toImage(sample.clientX, sample.clientY));
      this.host.drag(points);
    }
  };

  private readonly onUp = (event: PointerEvent): void => {
    if (event.pointerType === "touch") this.touches.delete(event.pointerId);
    const active = this.active;
    if (active === null) return;
    if (active.kind === "pinch") {
      // Lifting one finger ends the pinch; the other does not start painting.
      if (this.touches.size < 2) this.finish();
    } else if (event.pointerId === active.pointerId) {
      this.finish();
    }
  };

  private readonly onEnter = (event: PointerEvent): void => {
    this.hover = true;
    this.stage.refreshRect();
    if (event.pointerType !== "touch") this.stage.moveCursor(event.clientX, event.clientY);
  };

  private readonly onLeave = (): void => {
    this.hover = false;
    this.stage.hideCursor();
  };

  private readonly onContextMenu = (event: Event): void => {
    event.preventDefault(); // a long press on touch screens
  };

  private readonly onWheel = (event: WheelEvent): void => {
    if (!(event.ctrlKey || event.metaKey) || !this.stage.hasImage) return;
    event.preventDefault(); // the browser's own page zoom
    const pixelsPerUnit =
      event.deltaMode === WheelEvent.DOM_DELTA_LINE
        ? 16
        : event.deltaMode === WheelEvent.DOM_DELTA_PAGE
          ? 400
          : 1;
    const factor = Math.exp(-event.deltaY * pixelsPerUnit * 0.002);
    this.stage.refreshRect();
    this.stage.zoom(Math.min(2, Math.max(0.5, factor)), client(event));
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    if (event.key === " " && this.space) this.onBlur();
  };

  private readonly onBlur = (): void => {
    this.space = false;
    this.host.showMode();
  };

  private pinch(event: PointerEvent): void {
    const before = this.touches.get(event.pointerId);
    if (before === undefined) return;
    const after = client(event);
    this.touches.set(event.pointerId, after);
    const other = [...this.touches].find(([id]) => id !== event.pointerId)?.[1];
    if (other !== undefined) this.stage.pinch([before, other], [after, other]);
  }

  private capture(event: PointerEvent): void {
    try {
      this.stage.surface.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events (tests, benchmarks) have no pointer to capture.
    }
  }
}
