// The Select tool in the browser: a click, or a dragged box (shown while dragging), becomes a
// `select` request for the selected area; Shift adds to the area's paint, Alt cuts from it.
// The kernel works it out off its event loop and sends the mask tagged with the request's token,
// which the painter records as one undoable edit (`take`). While a request is unanswered for
// more than a moment, "Selecting…" shows over the stage (`role="status"`); the tool stays usable,
// and each area's newest request is the one whose answer counts (the kernel supersedes the rest).
// A class: it owns a timer, and the painter drives it through methods; its `draw` runs in the
// painter's frame.

import type { SelectThing, StudioReplies } from "../../generated/contract";
import type { Point } from "../../lib/geometry";
import { h, setHidden, setText } from "../dom";

export interface SelectHost {
  /** Sends the area's waiting paint to the kernel, so a shift-click adds to what is seen. */
  settle(areaId: string): Promise<void>;
  ask(request: SelectThing): Promise<StudioReplies["select"]>;
  /** The box or the progress changed: the painter's frame should draw them. */
  invalidate(): void;
}

/** Answers quicker than this show no progress at all (no flicker on a fast click). */
export const PROGRESS_AFTER_MS = 100;
/** A press that moves less than this on screen is a click, not a box. */
export const CLICK_PX = 4;

/** Tokens unique in the page, even when each Studio loads its own copy of this module. */
const LOAD = Math.random().toString(36).slice(2, 8);
let made = 0;

interface Gesture {
  readonly areaId: string;
  readonly start: Point;
  end: Point;
  readonly add: boolean;
  readonly remove: boolean;
}

/** What a press and release ask for: a click at `start`, or the box between the two points. */
export function selectionOf(
  start: Point,
  end: Point,
  scale: number,
): Pick<SelectThing, "point" | "box"> {
  const moved = Math.hypot(end.x - start.x, end.y - start.y) * scale;
  if (moved < CLICK_PX) return { point: [Math.round(start.x), Math.round(start.y)] };
  return {
    box: [
      Math.round(Math.min(start.x, end.x)),
      Math.round(Math.min(start.y, end.y)),
      Math.round(Math.max(start.x, end.x)),
      Math.round(Math.max(start.y, end.y)),
    ],
  };
}

export class Selections {
  /** The box being dragged, inside the stage's surface (so it zooms and pans with the picture). */
  readonly box: HTMLDivElement;
  /** Progress, or why the last selection failed, over the stage. */
  readonly status: HTMLDivElement;
  private readonly statusText: HTMLSpanElement;
  private readonly spinner: HTMLSpanElement;
  private size = { width: 1, height: 1 };
  private gesture: Gesture | null = null;
  /** Area → the token of its newest request still unanswered. */
  private readonly newest = new Map<string, string>();
  /** Tokens asked here whose mask has not arrived yet. */
  private readonly asked = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private slow = false;
  private error: string | null = null;

  constructor(private readonly host: SelectHost) {
    this.box = h("div", { class: "ks-painter-select-box", "data-testid": "select-box" });
    this.box.hidden = true;
    this.spinner = h("span", { class: "ks-painter-spinner", "aria-hidden": "true" });
    this.statusText = h("span", {});
    this.status = h(
      "div",
      { class: "ks-painter-selecting", role: "status", "data-testid": "select-status" },
      this.spinner,
      this.statusText,
    );
    this.status.hidden = true;
  }

  /** The picture's size in pixels (the box is placed in shares of it). */
  setSize(width: number, height: number): void {
    this.size = { width, height };
  }

  get pending(): boolean {
    return this.newest.size > 0;
  }

  begin(areaId: string, at: Point, add: boolean, remove: boolean): void {
    this.gesture = { areaId, start: at, end: at, add, remove };
    this.error = null;
    this.host.invalidate();
  }

  move(at: Point): void {
    if (this.gesture === null) return;
    this.gesture.end = at;
    this.host.invalidate();
  }

  /** The press is over: ask for the click or the box (`scale`: screen pixels per image pixel). */
  end(scale: number): void {
    const gesture = this.gesture;
    this.gesture = null;
    this.host.invalidate();
    if (gesture === null) return;
    const { areaId, start, end, add, remove } = gesture;
    void this.send(areaId, { ...selectionOf(start, end, scale), add, remove });
  }

  cancel(): void {
    this.gesture = null;
    this.host.invalidate();
  }

  /** Whether a mask tagged `token` answers a request made here (then it is this view's edit);
   * each token is taken once. */
  take(token: string): boolean {
    return this.asked.delete(token);
  }

  /** Everything asked is forgotten (a new picture). */
  forget(): void {
    this.gesture = null;
    this.newest.clear();
    this.asked.clear();
    this.error = null;
    this.settleProgress();
  }

  /** The box and the status (the painter's frame part "select"; `scale` as for `end`). */
  draw(scale: number): void {
    const gesture = this.gesture;
    const box = gesture === null ? null : selectionOf(gesture.start, gesture.end, scale).box;
    setHidden(this.box, box === undefined || box === null);
    if (box) {
      const { width, height } = this.size;
      const style = this.box.style;
      style.left = `${(box[0] / width) * 100}%`;
      style.top = `${(box[1] / height) * 100}%`;
      style.width = `${((box[2] - box[0]) / width) * 100}%`;
      style.height = `${((box[3] - box[1]) / height) * 100}%`;
    }
    const text = this.error ?? (this.slow ? "Selecting…" : "");
    setText(this.statusText, text);
    setHidden(this.spinner, this.error !== null);
    this.status.classList.toggle("ks-painter-selecting-error", this.error !== null);
    setHidden(this.status, text === "");
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.newest.clear();
    this.asked.clear();
  }

  private async send(
    areaId: string,
    fields: Pick<SelectThing, "point" | "box" | "add" | "remove">,
  ): Promise<void> {
    made += 1;
    const token = `${LOAD}-${made}`;
    this.newest.set(areaId, token);
    this.asked.add(token);
    if (this.timer === null && !this.slow) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.slow = this.pending;
        this.host.invalidate();
      }, PROGRESS_AFTER_MS);
    }
    await this.host.settle(areaId);
    const reply =
      this.newest.get(areaId) === token // a newer click while the paint was sent: only it goes
        ? await this.host.ask({ type: "select", area: areaId, token, ...fields })
        : null;
    if (reply === null || !reply.ok) this.asked.delete(token);
    if (this.newest.get(areaId) !== token) return; // superseded: the newer one's answer counts
    this.newest.delete(areaId);
    if (reply !== null && !reply.ok) this.error = `Could not select: ${reply.error.text}`;
    this.settleProgress();
  }

  private settleProgress(): void {
    if (!this.pending) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.slow = false;
    }
    this.host.invalidate();
  }
}
