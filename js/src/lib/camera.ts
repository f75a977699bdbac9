// Kling's camera control moves along one axis at a time, so moving one slider zeroes the others.

export const AXES = ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"] as const;

export type Axis = (typeof AXES)[number];

export type CameraConfig = Record<Axis, number>;

/** A camera that does not move: every axis at zero. */
export function stillCamera(): CameraConfig {
  return { horizontal: 0, vertical: 0, pan: 0, tilt: 0, roll: 0, zoom: 0 };
}

/** `axis` set to `value` and every other axis zeroed; a non-finite value counts as zero. */
export function setAxis(config: CameraConfig, axis: Axis, value: number): CameraConfig {
  const next = { ...config };
  for (const name of AXES) next[name] = 0;
  next[axis] = Number.isFinite(value) ? value : 0;
  return next;
}

/** The axis that moves, or null for a still camera (the first in AXES order if several do). */
export function activeAxis(config: CameraConfig): Axis | null {
  return AXES.find((axis) => config[axis] !== 0) ?? null;
}
