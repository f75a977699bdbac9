// The selection tools in the browser. Every tool ends in one `select` request for an area
// (`request`): Select's click or dragged box (shown while dragging), Colour's click, a Regions
// stroke (shown while drawn), a Lasso's anchors (shown as a polyline with dots while placed,
// `lasso.ts`), the Subject and refine buttons, a loaded mask file. Shift adds to the area's
// paint, Alt cuts from it. The kernel works it out off its event loop and sends the mask tagged
// with the request's token, which the painter records as one undoable edit (`take`). While a
// request is unanswered for more than a moment, "Selecting…" shows over the stage
// (`role="status"`); the tools stay usable, and each area's newest request is the one whose
// answer counts (the kernel supersedes the rest). A refusal or the kernel's note is said there.
// A class: it owns a timer, and the painter drives it through methods; its `draw` runs in the
// painter's frame.

import type { SelectThing, StudioReplies } from "../../generated/contract";
import type { Point } from "../../lib/geometry";
import { h, setHidden, setText } from "../dom";
import { LassoAnchors, type LassoClick } from "./lasso";

export interface SelectHost {
  /** Sends the area's waiting paint to the kernel, so a shift-click adds to what is seen. */
  settle(areaId: string): Promise<void>;
  ask(request: SelectThing, buffers?: ArrayBuffer[]): Promise<StudioReplies["select"]>;
  /** How many times the area's paint has changed in this view: an answer to a request made
   * before the latest change lands on paint the kernel no longer has. */
  edits(areaId: string): number;
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

/** What a request asks beyond its area and token. */
export type SelectFields = Omit<SelectThing, "type" | "area" | "token">;

/** A press of the Select tool (a click or a box) or the Colour tool (a click). */
interface Gesture {
  readonly areaId: string;
  readonly start: Point;
  end: Point;
  readonly add: boolean;
  readonly remove: boolean;
  /** Colour's tolerance; absent for the Select tool. */
  readonly tolerance?: number;
}

/** A Regions stroke being drawn: its points and radius, image pixels. */
interface RegionStroke {
  readonly areaId: string;
  readonly points: Point[];
  readonly radius: number;
  readonly remove: boolean;
}

const SVG = "http://www.w3.org/2000/svg";
/** The lasso's line and dots, and a stroke's outline, in screen pixels at every zoom. */
const LINE_PX = 1.5;
const DOT_PX = 4;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, className: string) {
  const element = document.createElementNS(SVG, tag);
  element.setAttribute("class", className);
  return element;
}

function pointList(points: readonly Point[]): string {
  return points.map((p) => `${p.x},${p.y}`).join(" ");
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
  /** The lasso's polyline and dots and the Regions stroke, in image pixels (its viewBox). */
  readonly overlay: SVGSVGElement;
  private readonly strokeLine: SVGPolylineElement;
  private readonly lassoLine: SVGPolylineElement;
  private readonly lassoDots: SVGGElement;
  private size = { width: 1, height: 1 };
  private gesture: Gesture | null = null;
  private lasso: LassoAnchors | null = null;
  private stroke: RegionStroke | null = null;
  /** Area → the token of its newest request still unanswered. */
  private readonly newest = new Map<string, string>();
  /** Tokens asked here whose mask has not arrived yet → their area, and its `edits` as sent. */
  private readonly asked = new Map<string, { readonly areaId: string; edits: number }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private slow = false;
  private error: string | null = null;
  /** What the kernel said about the last answer (a mask file scaled), until the next action. */
  private note: string | null = null;

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
    this.overlay = svg("svg", "ks-painter-select-overlay");
    this.overlay.setAttribute("aria-hidden", "true");
    this.overlay.setAttribute("preserveAspectRatio", "none");
    this.overlay.dataset.testid = "select-overlay";
    this.strokeLine = svg("polyline", "ks-painter-regions-stroke");
    this.lassoLine = svg("polyline", "ks-painter-lasso-line");
    this.lassoDots = svg("g", "ks-painter-lasso-dots");
    this.overlay.append(this.strokeLine, this.lassoLine, this.lassoDots);
  }

  /** The picture's size in pixels (the box is placed in shares of it, the overlay in pixels). */
  setSize(width: number, height: number): void {
    this.size = { width, height };
    this.overlay.setAttribute("viewBox", `0 0 ${width} ${height}`);
  }

  get pending(): boolean {
    return this.newest.size > 0;
  }

  /** A press of the Select tool, or of the Colour tool (with its `tolerance`). */
  begin(areaId: string, at: Point, add: boolean, remove: boolean, tolerance?: number): void {
    this.gesture = {
      areaId,
      start: at,
      end: at,
      add,
      remove,
      ...(tolerance === undefined ? {} : { tolerance }),
    };
    this.quiet();
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
    const { areaId, start, end, add, remove, tolerance } = gesture;
    if (tolerance === undefined) {
      void this.request(areaId, { ...selectionOf(start, end, scale), add, remove });
    } else {
      const point: [number, number] = [Math.round(start.x), Math.round(start.y)];
      void this.request(areaId, { tool: "colour", point, tolerance, add, remove });
    }
  }

  cancel(): void {
    this.gesture = null;
    this.stroke = null;
    this.host.invalidate();
  }

  // ── Regions: a stroke whose superpixels are painted whole ─────────────────────────────

  strokeBegin(areaId: string, at: Point, radius: number, remove: boolean): void {
    this.stroke = { areaId, points: [at], radius, remove };
    this.quiet();
  }

  strokeMove(samples: readonly Point[]): void {
    if (this.stroke === null) return;
    this.stroke.points.push(...samples);
    this.host.invalidate();
  }

  strokeEnd(): void {
    const stroke = this.stroke;
    this.stroke = null;
    this.host.invalidate();
    if (stroke === null) return;
    const points = stroke.points.map((p): [number, number] => [Math.round(p.x), Math.round(p.y)]);
    void this.request(stroke.areaId, {
      tool: "regions",
      points,
      radius: stroke.radius,
      add: !stroke.remove,
      remove: stroke.remove,
    });
  }

  // ── Lasso: anchors placed one click at a time ─────────────────────────────────────────

  /** Whether a lasso is being placed (Enter, Backspace and Escape are then its keys). */
  get lassoOpen(): boolean {
    return this.lasso !== null;
  }

  /** A click of the Lasso tool: the first begins a lasso for `areaId`; one on the first anchor
   * closes it. */
  lassoClick(areaId: string, at: Point, scale: number, add: boolean, remove: boolean): LassoClick {
    if (this.lasso === null || this.lasso.areaId !== areaId) {
      this.lasso = new LassoAnchors(areaId, add, remove);
      this.quiet();
    }
    const outcome = this.lasso.click(at, scale);
    if (outcome === "closed") this.lassoClose();
    this.host.invalidate();
    return outcome;
  }

  /** Closes the loop and asks for it (double-click, Enter, a click on the first anchor); false
   * when there are too few anchors for a loop (the lasso stays open). */
  lassoClose(): boolean {
    const lasso = this.lasso;
    if (lasso === null || !lasso.canClose) return false;
    this.lasso = null;
    this.host.invalidate();
    const { add, remove } = lasso;
    void this.request(lasso.areaId, { tool: "lasso", points: lasso.request(), add, remove });
    return true;
  }

  /** Backspace: the last anchor taken back (the lasso ends with its last anchor). */
  lassoBack(): boolean {
    if (this.lasso === null) return false;
    this.lasso.back();
    if (this.lasso.points.length === 0) this.lasso = null;
    this.host.invalidate();
    return true;
  }

  /** Escape: the lasso being placed is dropped; false when there was none. */
  lassoCancel(): boolean {
    if (this.lasso === null) return false;
    this.lasso = null;
    this.host.invalidate();
    return true;
  }

  // ── Requests ───────────────────────────────────────────────────────────────────────────

  /**
   * Asks the kernel to select into `areaId` (any tool; `buffers`: a mask file's bytes). The
   * answer's mask arrives tagged with the token and is taken as this view's edit. Resolves with
   * the reply, or null when a newer request for the area went instead.
   */
  async request(
    areaId: string,
    fields: SelectFields,
    buffers?: ArrayBuffer[],
  ): Promise<StudioReplies["select"] | null> {
    this.quiet();
    return this.send(areaId, fields, buffers);
  }

  /** Whether a mask tagged `token` answers a request made here (then it is this view's edit),
   * and whether the area's paint changed here since it was asked (then the kernel no longer
   * has this answer: it had the newer paint sent after it); each token is taken once. */
  take(token: string): { editedSince: boolean } | null {
    const asked = this.asked.get(token);
    this.asked.delete(token);
    if (asked === undefined) return null;
    return { editedSince: this.host.edits(asked.areaId) !== asked.edits };
  }

  /** Everything asked is forgotten (a new picture). */
  forget(): void {
    this.gesture = null;
    this.lasso = null;
    this.stroke = null;
    this.note = null;
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
    this.drawOverlay(scale);
    const text = this.error ?? (this.slow ? "Selecting…" : (this.note ?? ""));
    setText(this.statusText, text);
    setHidden(this.spinner, this.error !== null || !this.slow);
    this.status.classList.toggle("ks-painter-selecting-error", this.error !== null);
    setHidden(this.status, text === "");
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.newest.clear();
    this.asked.clear();
  }

  /** The lasso's polyline and dots and the Regions stroke, sized for the zoom. */
  private drawOverlay(scale: number): void {
    const lasso = this.lasso;
    const stroke = this.stroke;
    this.overlay.style.display = lasso === null && stroke === null ? "none" : "";
    this.lassoLine.setAttribute("points", lasso === null ? "" : pointList(lasso.points));
    this.lassoLine.setAttribute("stroke-width", String(LINE_PX / scale));
    const dots = lasso?.points ?? [];
    while (this.lassoDots.childElementCount > dots.length)
      this.lassoDots.lastElementChild?.remove();
    while (this.lassoDots.childElementCount < dots.length) {
      this.lassoDots.append(svg("circle", "ks-painter-lasso-dot"));
    }
    dots.forEach((point, index) => {
      const dot = this.lassoDots.children[index] as SVGCircleElement;
      dot.setAttribute("cx", String(point.x));
      dot.setAttribute("cy", String(point.y));
      // The first anchor is larger once a click on it would close the loop.
      const closing = index === 0 && lasso?.canClose === true;
      dot.setAttribute("r", String((closing ? DOT_PX * 1.5 : DOT_PX) / scale));
      dot.setAttribute("stroke-width", String(LINE_PX / scale));
      dot.classList.toggle("ks-painter-lasso-first", closing);
    });
    this.strokeLine.setAttribute("points", stroke === null ? "" : pointList(stroke.points));
    this.strokeLine.setAttribute("stroke-width", String(2 * (stroke?.radius ?? 0)));
    this.strokeLine.classList.toggle("ks-painter-regions-remove", stroke?.remove === true);
  }

  /** A new action: what was said about the last one goes. */
  quiet(): void {
    this.error = null;
    this.note = null;
    this.host.invalidate();
  }

  private async send(
    areaId: string,
    fields: SelectFields,
    buffers?: ArrayBuffer[],
  ): Promise<StudioReplies["select"] | null> {
    made += 1;
    const token = `${LOAD}-${made}`;
    this.newest.set(areaId, token);
    const asked = { areaId, edits: this.host.edits(areaId) };
    this.asked.set(token, asked);
    if (this.timer === null && !this.slow) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.slow = this.pending;
        this.host.invalidate();
      }, PROGRESS_AFTER_MS);
    }
    await this.host.settle(areaId);
    asked.edits = this.host.edits(areaId); // as sent, the waiting paint with it
    const reply =
      this.newest.get(areaId) === token // a newer click while the paint was sent: only it goes
        ? await this.host.ask({ type: "select", area: areaId, token, ...fields }, buffers)
        : null;
    if (reply === null || !reply.ok) {
      this.asked.delete(token);
    }
    if (this.newest.get(areaId) !== token) return reply; // superseded: the newer one counts
    this.newest.delete(areaId);
    if (reply !== null && !reply.ok) this.error = `Could not select: ${reply.error.text}`;
    if (reply?.ok && reply.note !== undefined) this.note = reply.note;
    this.settleProgress();
    return reply;
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
