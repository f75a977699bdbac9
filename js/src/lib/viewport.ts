// Zoom and pan as pure arithmetic. A viewport maps image pixels to screen pixels measured from the
// top-left of the box that shows the picture: screen = image × scale + offset. Every pointer
// position goes through `toImage`, so paint and paths land on the same image pixel at any zoom.

import { distance, type Point } from "./geometry";

export interface Viewport {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface ScaleLimits {
  readonly min: number;
  readonly max: number;
}

export function toImage(view: Viewport, screen: Point): Point {
  return { x: (screen.x - view.x) / view.scale, y: (screen.y - view.y) / view.scale };
}

export function toScreen(view: Viewport, image: Point): Point {
  return { x: image.x * view.scale + view.x, y: image.y * view.scale + view.y };
}

function clamp(value: number, limits: ScaleLimits): number {
  return Math.min(limits.max, Math.max(limits.min, value));
}

/** Scales by `factor` (within limits) so the image pixel under `anchor` stays under it. */
export function zoomAbout(
  view: Viewport,
  anchor: Point,
  factor: number,
  limits: ScaleLimits,
): Viewport {
  const fixed = toImage(view, anchor);
  const scale = clamp(view.scale * factor, limits);
  return { scale, x: anchor.x - fixed.x * scale, y: anchor.y - fixed.y * scale };
}

export function panBy(view: Viewport, dx: number, dy: number): Viewport {
  return { scale: view.scale, x: view.x + dx, y: view.y + dy };
}

/**
 * Two fingers moved from `before` to `after`: the image point under their midpoint follows the
 * midpoint, and the scale follows the change in their spread.
 */
export function pinch(
  view: Viewport,
  before: readonly [Point, Point],
  after: readonly [Point, Point],
  limits: ScaleLimits,
): Viewport {
  const spreadBefore = distance(before[0], before[1]);
  const ratio = spreadBefore > 0 ? distance(after[0], after[1]) / spreadBefore : 1;
  const midBefore = { x: (before[0].x + before[1].x) / 2, y: (before[0].y + before[1].y) / 2 };
  const midAfter = { x: (after[0].x + after[1].x) / 2, y: (after[0].y + after[1].y) / 2 };
  const fixed = toImage(view, midBefore);
  const scale = clamp(view.scale * ratio, limits);
  return { scale, x: midAfter.x - fixed.x * scale, y: midAfter.y - fixed.y * scale };
}

/** The whole image, as large as fits in the box (its width, unless it is too tall), centred. */
export function fitInBox(image: Size, box: Size): Viewport {
  if (image.width <= 0 || image.height <= 0 || box.width <= 0 || box.height <= 0) {
    return { scale: 1, x: 0, y: 0 };
  }
  const scale = Math.min(box.width / image.width, box.height / image.height);
  return {
    scale,
    x: (box.width - image.width * scale) / 2,
    y: (box.height - image.height * scale) / 2,
  };
}

/** From a quarter of the fitted size (or of natural size, if smaller) up to 32 screen px a pixel. */
export function scaleLimits(image: Size, box: Size): ScaleLimits {
  return { min: Math.min(fitInBox(image, box).scale, 1) / 4, max: 32 };
}

/**
 * Keeps the picture where it can be found: an axis where it is smaller than the box is centred;
 * where it is larger, no empty margin may open on either side.
 */
export function keepInView(view: Viewport, image: Size, box: Size): Viewport {
  const axis = (offset: number, content: number, room: number): number =>
    content <= room ? (room - content) / 2 : Math.min(0, Math.max(room - content, offset));
  return {
    scale: view.scale,
    x: axis(view.x, image.width * view.scale, box.width),
    y: axis(view.y, image.height * view.scale, box.height),
  };
}
