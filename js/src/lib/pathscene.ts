// What the path overlay draws at one moment of the clip, in the overlay's pixels: for each
// dynamic area of a motion check, the requested path and where the area should be by now, the
// measured path as far as it went and where it is now (or was last seen). Pure: the check, the
// moment, the clip's duration, the picture → overlay map and each area's colour in, shapes out.

import type { MotionCheck } from "../generated/contract";
import type { Point } from "./geometry";
import { asPoints, measuredUpTo, requestedAt } from "./pathtime";
import { type Affine, applyAffine } from "./videofit";

export interface ScenePath {
  readonly area: string;
  readonly colour: string;
  /** The whole path as asked (drawn dashed). */
  readonly requested: readonly Point[];
  /** Where the area should be now. */
  readonly due: Point | null;
  /** Where it went, up to now (drawn solid). */
  readonly measured: readonly Point[];
  /** Where it is now, or where it was last seen when `lost`. */
  readonly now: Point | null;
  readonly lost: boolean;
}

export function pathScene(
  check: MotionCheck,
  time: number,
  duration: number,
  map: Affine,
  colourOf: (area: string) => string,
): ScenePath[] {
  const place = (point: Point | null) => (point === null ? null : applyAffine(map, point));
  return check.areas.flatMap((area) => {
    const requested = asPoints(area.requested);
    if (requested.length === 0) return [];
    const went = measuredUpTo(asPoints(area.measured), area.times, time, area.lost_at);
    return [
      {
        area: area.name,
        colour: colourOf(area.name),
        requested: requested.map((point) => applyAffine(map, point)),
        due: place(requestedAt(requested, time, duration)),
        measured: went.line.map((point) => applyAffine(map, point)),
        now: place(went.now),
        lost: went.lost,
      },
    ];
  });
}
