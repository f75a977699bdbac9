// Kling's camera control moves along one axis at a time, so moving one slider zeroes the others
// (and the form says which one it reset). The axes are the catalogue's `camera_axes` (the
// capability table's list), in its order; the types a model takes are its `camera_types`.

import type { Catalogue } from "../generated/contract";

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

/** What moving one axis did: the new config, and the axis it reset (null when none moved). */
export interface AxisMove {
  config: CameraConfig;
  reset: string | null;
}

/** `axis` moved to `value` in `current`: the one-axis rule applied, saying what it undid. */
export function moveAxis(
  axes: readonly string[],
  current: CameraConfig,
  axis: string,
  value: number,
): AxisMove {
  const config = setAxis(axes, axis, value);
  const before = activeAxis(axes, current);
  const reset = before !== null && before !== axis && config[axis] !== 0 ? before : null;
  return { config, reset };
}

/** "one axis at a time: zoom was reset". */
export function oneAxisText(reset: string): string {
  return `one axis at a time: ${reset} was reset`;
}

/** The camera types `model` takes: its catalogue entry's, or all of them for a model the table
 * lacks (the kernel leaves such a model unchecked). */
export function cameraTypesFor(catalogue: Catalogue, model: string): readonly string[] {
  return catalogue.models.find((m) => m.name === model)?.camera_types ?? catalogue.camera_types;
}

/** The choices the camera menu offers: none, the model's types, and a kept type it lacks (shown
 * so the kept move stays visible, with the note saying it is not sent). */
export function cameraChoices(types: readonly string[], current: string | null): string[] {
  const choices = ["none", ...types];
  return current !== null && !choices.includes(current) ? [...choices, current] : choices;
}
