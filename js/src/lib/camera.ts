// Kling's camera control moves along one axis at a time, so moving one slider zeroes the others.
// The axes are the catalogue's `camera_axes` (the capability table's list), in its order.

/** Axis → amount, for every axis. */
export type CameraConfig = Record<string, number>;

/** A camera that does not move: every axis at zero. */
export function stillCamera(axes: readonly string[]): CameraConfig {
  return Object.fromEntries(axes.map((axis) => [axis, 0]));
}

/** Every axis in `config`, missing or non-numeric ones at zero. */
export function fullConfig(
  axes: readonly string[],
  config: Readonly<Record<string, number | undefined>> | null | undefined,
): CameraConfig {
  return Object.fromEntries(axes.map((axis) => [axis, Number(config?.[axis] ?? 0) || 0]));
}

/** `axis` set to `value` and every other axis zeroed; a non-finite value counts as zero. */
export function setAxis(axes: readonly string[], axis: string, value: number): CameraConfig {
  return { ...stillCamera(axes), [axis]: Number.isFinite(value) ? value : 0 };
}

/** The axis that moves, or null for a still camera (the first in `axes` order if several do). */
export function activeAxis(axes: readonly string[], config: CameraConfig): string | null {
  return axes.find((axis) => (config[axis] ?? 0) !== 0) ?? null;
}
