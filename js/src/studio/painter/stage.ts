// The picture and its layers, zoomed and panned inside a clipping box. The stage's CSS size is
// always natural size × scale (tests click at rect.left + x × scale), moved with a transform.
// Pointer positions become image pixels through the viewport and one cached box rectangle, so a
// pointer move never reads layout. Changes (a picture, the view, the brush circle) are kept as
// state and reported to the painter's one redraw, which calls the `draw*` methods in the frame.

import type { Point } from "../../lib/geometry";
import {
  fitInBox,
  keepInView,
  panBy,
  pinch,
  type Size,
  scaleLimits,
  toImage,
  type Viewport,
  zoomAbout,
} from "../../lib/viewport";

/** What the stage asks the painter to redraw. */
export type StagePart = "picture" | "view" | "cursor";

export class Stage {
  /** The clipping box: listens for wheel zoom, holds the stage and the brush cursor. */
  readonly element: HTMLDivElement;
  /** Receives the pointer events; holds the picture, the paint layers and the paths. */
  readonly surface: HTMLDivElement;
  private readonly picture: HTMLCanvasElement;
  private readonly cursor: HTMLDivElement;
  private image: Size = { width: 0, height: 0 };
  private box: Size = { width: 0, height: 0 };
  private view: Viewport = { scale: 1, x: 0, y: 0 };
  /** Still showing the fitted view, so a resized box is fitted again. */
  private fitted = true;
  private rect: DOMRect | null = null;
  private cursorDiameter = 0;
  /** Where the brush circle goes, in box pixels; null while hidden. */
  private cursorAt: Point | null = null;
  /** A picture to draw in the next frame. */
  private pending: CanvasImageSource | null = null;
  private readonly resizeObserver: ResizeObserver;
  private readonly forgetRect = () => {
    this.rect = null;
  };

  constructor(
    layers: readonly Element[],
    private readonly invalidate: (part: StagePart) => void,
  ) {
    this.element = document.createElement("div");
    this.element.className = "ks-painter-box";
    this.surface = document.createElement("div");
    this.surface.className = "ks-painter-stage";
    this.surface.dataset.testid = "painter-stage";
    this.picture = document.createElement("canvas");
    this.picture.className = "ks-painter-picture";
    this.cursor = document.createElement("div");
    this.cursor.className = "ks-painter-cursor";
    this.cursor.hidden = true;
    this.surface.append(this.picture, ...layers);
    this.element.append(this.surface, this.cursor);
    this.resizeObserver = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry === undefined) return;
      this.box = { width: entry.contentRect.width, height: entry.contentRect.height };
      this.rect = null;
      this.setView(this.fitted ? fitInBox(this.image, this.box) : this.view, this.fitted);
    });
    this.resizeObserver.observe(this.element);
    // Scrolling the notebook moves the box without resizing it.
    document.addEventListener("scroll", this.forgetRect, { capture: true, passive: true });
  }

  get hasImage(): boolean {
    return this.image.width > 0 && this.image.height > 0;
  }

  get scale(): number {
    return this.view.scale;
  }

  setImage(source: CanvasImageSource, width: number, height: number): void {
    this.image = { width, height };
    this.pending = source;
    this.invalidate("picture");
    this.fit();
  }

  /** The picture at its natural size (the frame's part "picture"). */
  drawPicture(): void {
    const source = this.pending;
    if (source === null) return;
    this.pending = null;
    const { width, height } = this.image;
    this.picture.width = width;
    this.picture.height = height;
    this.picture.getContext("2d")?.drawImage(source, 0, 0, width, height);
    this.element.style.setProperty("--ks-painter-aspect", `${width} / ${height}`);
  }

  /** The stage at the view's scale and offset (the frame's part "view"). */
  drawView(): void {
    const { scale, x, y } = this.view;
    const style = this.surface.style;
    style.width = `${this.image.width * scale}px`;
    style.height = `${this.image.height * scale}px`;
    style.transform = `translate(${x}px, ${y}px)`;
    // Past 2 screen pixels per image pixel, show pixels rather than a blur.
    this.surface.classList.toggle("ks-painter-pixelated", scale >= 2);
  }

  /** The brush circle where the pointer is (the frame's part "cursor"). */
  drawCursor(): void {
    const at = this.cursorAt;
    this.cursor.hidden = at === null || this.cursorDiameter === 0;
    if (at === null) return;
    const offset = this.cursorDiameter / 2;
    this.cursor.style.transform = `translate(${at.x - offset}px, ${at.y - offset}px)`;
  }

  /** Image pixel under a pointer; reads the box's rectangle only when it may have moved. */
  toImage(clientX: number, clientY: number): Point {
    const rect = this.boxRect();
    return toImage(this.view, { x: clientX - rect.left, y: clientY - rect.top });
  }

  /** Measures the box again (call at the start of a gesture). */
  refreshRect(): void {
    this.rect = null;
  }

  fit(): void {
    this.setView(fitInBox(this.image, this.box), true);
  }

  /** Zooms about a pointer, or about the middle of the box when none is given. */
  zoom(factor: number, client?: Point): void {
    const anchor =
      client === undefined
        ? { x: this.box.width / 2, y: this.box.height / 2 }
        : { x: client.x - this.boxRect().left, y: client.y - this.boxRect().top };
    this.setView(zoomAbout(this.view, anchor, factor, scaleLimits(this.image, this.box)));
  }

  pan(dx: number, dy: number): void {
    this.setView(panBy(this.view, dx, dy));
  }

  pinch(before: readonly [Point, Point], after: readonly [Point, Point]): void {
    const rect = this.boxRect();
    const local = (p: Point): Point => ({ x: p.x - rect.left, y: p.y - rect.top });
    const from: [Point, Point] = [local(before[0]), local(before[1])];
    const to: [Point, Point] = [local(after[0]), local(after[1])];
    this.setView(pinch(this.view, from, to, scaleLimits(this.image, this.box)));
  }

  /** A circle of the brush's true size on screen, or none (radius null). Called while drawing
   * the painter's mode, so it writes the circle's size directly. */
  setCursor(radius: number | null, erasing: boolean): void {
    this.cursorDiameter = radius === null ? 0 : 2 * radius * this.view.scale;
    this.cursor.classList.toggle("ks-painter-cursor-erase", erasing);
    this.cursor.style.width = `${this.cursorDiameter}px`;
    this.cursor.style.height = `${this.cursorDiameter}px`;
    this.drawCursor();
  }

  moveCursor(clientX: number, clientY: number): void {
    const rect = this.boxRect();
    this.cursorAt = { x: clientX - rect.left, y: clientY - rect.top };
    this.invalidate("cursor");
  }

  hideCursor(): void {
    this.cursorAt = null;
    this.invalidate("cursor");
  }

  destroy(): void {
    this.pending = null;
    this.resizeObserver.disconnect();
    document.removeEventListener("scroll", this.forgetRect, { capture: true });
    this.picture.width = 0;
    this.picture.height = 0;
  }

  private boxRect(): DOMRect {
    this.rect ??= this.element.getBoundingClientRect();
    return this.rect;
  }

  private setView(view: Viewport, fitted = false): void {
    this.view = keepInView(view, this.image, this.box);
    this.fitted = fitted;
    this.invalidate("view");
  }
}
