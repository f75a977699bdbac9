// Brush-stroke arithmetic: where to stamp between two pointer samples so fast moves leave no gaps,
// the dirty rectangle a stroke touched (what an undo patch must cover), and how many pixels the
// kernel will count as painted (alpha above its threshold, sent in the catalogue).

import { distance, type Point } from "./geometry";

/** A rectangle in image pixels; `right` and `bottom` are exclusive. */
export interface Bounds {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Stamp centres from `a` to `b`, both included, evenly spaced and never more than `spacing`
 * apart. A move of length zero gives just `a`.
 */
export function interpolate(a: Point, b: Point, spacing: number): Point[] {
  if (!(spacing > 0)) throw new RangeError(`stamp spacing must be positive, got ${spacing}`);
  const steps = Math.ceil(distance(a, b) / spacing);
  if (steps === 0) return [{ x: a.x, y: a.y }];
  const points: Point[] = [];
  for (let i = 0; i <= steps; i += 1) {
    const t = i / steps;
    points.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
  }
  return points;
}

/** Bounds grown to cover a round stamp, with a pixel to spare for anti-aliasing. */
export function growBounds(bounds: Bounds | null, centre: Point, radius: number): Bounds {
  const reach = radius + 1;
  const left = centre.x - reach;
  const top = centre.y - reach;
  const right = centre.x + reach;
  const bottom = centre.y + reach;
  if (bounds === null) return { left, top, right, bottom };
  return {
    left: Math.min(bounds.left, left),
    top: Math.min(bounds.top, top),
    right: Math.max(bounds.right, right),
    bottom: Math.max(bounds.bottom, bottom),
  };
}

/** Whole pixels covering `bounds`, clipped to the image; null when nothing is left. */
export function pixelRect(bounds: Bounds, width: number, height: number): PixelRect | null {
  const x = Math.max(0, Math.floor(bounds.left));
  const y = Math.max(0, Math.floor(bounds.top));
  const right = Math.min(width, Math.ceil(bounds.right));
  const bottom = Math.min(height, Math.ceil(bounds.bottom));
  if (right <= x || bottom <= y) return null;
  return { x, y, width: right - x, height: bottom - y };
}

/** Pixels of RGBA data whose alpha is above `threshold` (the kernel's `mask_threshold`). */
export function countPainted(rgba: Uint8ClampedArray, threshold: number): number {
  let count = 0;
  for (let i = 3; i < rgba.length; i += 4) {
    if ((rgba[i] as number) > threshold) count += 1;
  }
  return count;
}

/** The smallest rectangle holding every pixel whose alpha differs between two RGBA pictures of
 * the same size (a replaced mask's undo patch); null when none does. */
export function changedRect(
  before: Uint8ClampedArray,
  after: Uint8ClampedArray,
  width: number,
  height: number,
): PixelRect | null {
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y += 1) {
    const row = y * width * 4;
    for (let x = 0; x < width; x += 1) {
      const i = row + x * 4 + 3;
      if (before[i] === after[i]) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      top = Math.min(top, y);
      bottom = y;
    }
  }
  if (right < 0) return null;
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** The RGBA pixels of `rect` out of a picture `width` pixels wide. */
export function cropPixels(
  rgba: Uint8ClampedArray,
  width: number,
  rect: PixelRect,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  for (let y = 0; y < rect.height; y += 1) {
    const from = ((rect.y + y) * width + rect.x) * 4;
    out.set(rgba.subarray(from, from + rect.width * 4), y * rect.width * 4);
  }
  return out;
}
