// Where a point of the start picture shows on the page, through two fits:
//
// 1. picture → video frame: the video is made from the picture scaled to *cover* the frame, the
//    overflow cut evenly on both sides (the emulator's `fit.cover`, `paths.fit`, the motion
//    check's `PictureInFrame`);
// 2. video frame → element: the <video> shows its frame by `object-fit: contain`, centred, with
//    bars on the sides it does not fill.
//
// Each is a uniform scale and a shift, so their composition is one too. Pure, in pixels, with
// the origin top-left throughout.

import type { Point } from "./geometry";

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** x ↦ x·scale + dx, y ↦ y·scale + dy. */
export interface Affine {
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
}

function usable(size: Size): boolean {
  return size.width > 0 && size.height > 0 && Number.isFinite(size.width * size.height);
}

/** Picture pixels → frame pixels when the picture is scaled to fill the frame and the overflow
 * is cut evenly; null for an empty size. */
export function coverFit(picture: Size, frame: Size): Affine | null {
  if (!usable(picture) || !usable(frame)) return null;
  const scale = Math.max(frame.width / picture.width, frame.height / picture.height);
  return {
    scale,
    dx: (frame.width - picture.width * scale) / 2,
    dy: (frame.height - picture.height * scale) / 2,
  };
}

/** Where `object-fit: contain` shows a frame in a box (the box's own pixels); null for an empty
 * size. */
export function containRect(frame: Size, box: Size): Rect | null {
  if (!usable(frame) || !usable(box)) return null;
  const scale = Math.min(box.width / frame.width, box.height / frame.height);
  const width = frame.width * scale;
  const height = frame.height * scale;
  return { left: (box.width - width) / 2, top: (box.height - height) / 2, width, height };
}

/** `first`, then `then`. */
export function compose(first: Affine, then: Affine): Affine {
  return {
    scale: first.scale * then.scale,
    dx: first.dx * then.scale + then.dx,
    dy: first.dy * then.scale + then.dy,
  };
}

export function applyAffine(map: Affine, point: Point): Point {
  return { x: point.x * map.scale + map.dx, y: point.y * map.scale + map.dy };
}

/** How a picture's points land on a video shown in an element's content box. */
export interface Display {
  /** The shown frame, in the content box's pixels (the bars around it excluded). */
  readonly rect: Rect;
  /** Picture pixels → pixels of `rect` (its top-left is 0, 0): where an overlay laid exactly
   * over the shown frame draws. */
  readonly toRect: Affine;
  /** Picture pixels → the content box's pixels. */
  readonly toBox: Affine;
}

/** Picture → video frame (cover) → element (contain); null until every size is known. */
export function pictureOnVideo(picture: Size, frame: Size, box: Size): Display | null {
  const cover = coverFit(picture, frame);
  const rect = containRect(frame, box);
  if (cover === null || rect === null) return null;
  const shown = rect.width / frame.width;
  const toRect = compose(cover, { scale: shown, dx: 0, dy: 0 });
  return { rect, toRect, toBox: compose(toRect, { scale: 1, dx: rect.left, dy: rect.top }) };
}
