// Draws the path overlay's shapes (lib/pathscene.ts) on a 2D context, over the video: for each
// area in its painter colour, the requested path dashed with a ring where the area should be
// now, and the measured path solid up to now with a dot where it is (a cross where it was last
// seen, once lost). Every line has a dark halo under it, as the painter's ticks and the wipe's
// divider do, so it shows on any picture; the video, not the theme, is the background here.

import type { Point } from "../lib/geometry";
import type { ScenePath } from "../lib/pathscene";

/** The part of a 2D context the overlay uses (a test passes a recorder). */
export type Pen = Pick<
  CanvasRenderingContext2D,
  | "clearRect"
  | "beginPath"
  | "moveTo"
  | "lineTo"
  | "arc"
  | "stroke"
  | "fill"
  | "setLineDash"
  | "lineWidth"
  | "strokeStyle"
  | "fillStyle"
  | "lineCap"
  | "lineJoin"
>;

/** Under every line: dark enough to show a light colour on a bright sky. */
export const HALO = "rgba(0, 0, 0, 0.6)";
/** Sizes in CSS pixels; `ratio` (device pixels per CSS pixel) scales them. */
const SIZES = { line: 2, trail: 3, halo: 2, dash: [7, 5], ring: 7, dot: 5, cross: 6 } as const;

function polyline(pen: Pen, points: readonly Point[]): void {
  pen.beginPath();
  points.forEach((point, index) => {
    if (index === 0) pen.moveTo(point.x, point.y);
    else pen.lineTo(point.x, point.y);
  });
}

/** Strokes the current path twice: the halo, then the colour. */
function haloed(pen: Pen, colour: string, width: number, ratio: number): void {
  pen.strokeStyle = HALO;
  pen.lineWidth = (width + 2 * SIZES.halo) * ratio;
  pen.stroke();
  pen.strokeStyle = colour;
  pen.lineWidth = width * ratio;
  pen.stroke();
}

function circle(pen: Pen, at: Point, radius: number): void {
  pen.beginPath();
  pen.arc(at.x, at.y, radius, 0, 2 * Math.PI);
}

function cross(pen: Pen, at: Point, size: number): void {
  pen.beginPath();
  pen.moveTo(at.x - size, at.y - size);
  pen.lineTo(at.x + size, at.y + size);
  pen.moveTo(at.x + size, at.y - size);
  pen.lineTo(at.x - size, at.y + size);
}

export function drawScene(pen: Pen, scene: readonly ScenePath[], ratio: number): void {
  pen.lineCap = "round";
  pen.lineJoin = "round";
  for (const path of scene) {
    pen.setLineDash(SIZES.dash.map((length) => length * ratio));
    if (path.requested.length > 1) {
      polyline(pen, path.requested);
      haloed(pen, path.colour, SIZES.line, ratio);
    }
    pen.setLineDash([]);
    if (path.due) {
      circle(pen, path.due, SIZES.ring * ratio);
      haloed(pen, path.colour, SIZES.line, ratio);
    }
    if (path.measured.length > 1) {
      polyline(pen, path.measured);
      haloed(pen, path.colour, SIZES.trail, ratio);
    }
    if (path.now && path.lost) {
      cross(pen, path.now, SIZES.cross * ratio);
      haloed(pen, path.colour, SIZES.trail, ratio);
    } else if (path.now) {
      circle(pen, path.now, (SIZES.dot + SIZES.halo) * ratio);
      pen.fillStyle = HALO;
      pen.fill();
      circle(pen, path.now, SIZES.dot * ratio);
      pen.fillStyle = path.colour;
      pen.fill();
    }
  }
}
